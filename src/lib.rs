//! Sinergi: police units log, confirm and follow up their security coordination meetings with
//! election bodies. `app(state)` is the whole web application; `main.rs` only parses the command
//! line and calls into here, so tests build exactly what production serves.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod commitments;
pub mod config;
pub mod confirmations;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod directory;
pub mod elections;
pub mod error;
pub mod generate;
pub mod home;
pub mod i18n;
pub mod kerawanan;
pub mod kit;
pub mod meetings;
pub mod ops;
pub mod pages;
pub mod regions;
pub mod reminders;
pub mod web;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use sqlx::PgPool;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use config::Config;

use auth::ratelimit::RateLimiter;
use cache::Cache;

/// Everything a handler may need, cloned cheaply per request.
#[derive(Clone)]
pub struct AppState {
    /// Key lookups and writes (statements planned once and reused).
    pub pool: PgPool,
    /// Searchable lists and dashboard sums, planned for each request's values (`db::planned`).
    pub lists: PgPool,
    /// Where read-only pages read: the lists pool, or a streaming replica (`db::replica`).
    pub reads: Arc<db::replica::Reads>,
    pub config: Arc<Config>,
    /// The installation's secret (signs form tokens, salts IP hashes).
    pub secret: Arc<String>,
    /// Login attempts per client, per username and per both; the argon2 hashing slots.
    pub login_limits: Arc<auth::throttle::LoginLimits>,
    /// Requests to public confirmation links per client per minute.
    pub link_limiter: Arc<RateLimiter>,
    /// Write requests finished by this process (part of every cache's stamp).
    pub writes: Arc<cache::Writes>,
    /// Signed-in users by id.
    pub users: Arc<Cache<i64, auth::UserEntry>>,
    /// The audit log's hash chain as last verified (shown on the audit page).
    pub audit_chain: Arc<kit::audit::chain::Checked>,
    /// Meetings logged and waiting for their shared effects (`kit::write_behind`).
    pub write_behind: Arc<kit::write_behind::Applier>,
    /// The election calendars, under the structure version (`elections::Calendars`).
    pub calendars: Arc<elections::Calendars>,
    /// Computed dashboards.
    pub dashboards: Arc<Cache<dashboard::Key, dashboard::DashData, dashboard::db::Versions>>,
    /// What a meeting page reads, per meeting and reader's scope.
    pub meeting_pages: Arc<Cache<pages::PageKey, pages::PageData, cache::Layered<[i64; 3]>>>,
    /// A list's filter choices per scope and unit filter, under the structure version
    /// (`meetings::FrameKey`); kept whatever `SINERGI_CACHE` says.
    pub list_frames: Arc<Cache<meetings::FrameKey, meetings::db::Frame, i64>>,
    /// Filtered meeting lists, per filter and reader's scope.
    pub meeting_lists: Arc<Cache<meetings::ListKey, meetings::ListData, cache::Layered<[i64; 2]>>>,
}

impl AppState {
    /// Reads the installation secret; the pool must be migrated.
    pub async fn load(pool: PgPool, config: Config) -> Result<Self, sqlx::Error> {
        let secret = sqlx::query_scalar!("select secret from app_secret where id = 1")
            .fetch_one(&pool)
            .await?;
        let lists = db::planned(&pool);
        let reads = match &config.read_url {
            Some(url) => db::replica::Reads::with_replica(lists.clone(), url, config.read_max_lag)?,
            None => db::replica::Reads::primary(lists.clone()),
        };
        Ok(Self {
            lists,
            reads: Arc::new(reads),
            pool,
            secret: Arc::new(secret),
            login_limits: Arc::new(auth::throttle::LoginLimits::for_this_machine()),
            link_limiter: Arc::new(RateLimiter::new(60, Duration::from_secs(60))),
            writes: Arc::default(),
            audit_chain: Arc::default(),
            write_behind: Arc::default(),
            calendars: Arc::default(),
            // Sized so that full caches of large entries (a meeting page 5–50 KB, a list with a
            // national unit filter up to 80 KB) stay well inside the 150 MB memory target.
            users: Arc::new(Cache::new(1_000, config.cache)),
            dashboards: Arc::new(Cache::new(256, config.cache)),
            meeting_pages: Arc::new(Cache::new(500, config.cache)),
            meeting_lists: Arc::new(Cache::new(200, config.cache)),
            // A frame is a few kB (the drill-down's units, the choices).
            list_frames: Arc::new(Cache::new(1_000, true)),
            config: Arc::new(config),
        })
    }

    /// A salted hash of a client address: enough to tell repeat visitors apart, not to find them.
    pub fn hash_ip(&self, ip: IpAddr) -> String {
        web::sha256_hex(&[self.secret.as_bytes(), b"ip", ip.to_string().as_bytes()])[..24]
            .to_string()
    }
}

/// The application: every feature's router, the error pages and the middleware stack.
pub fn app(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(auth::store::PgSessionStore::new(state.pool.clone()))
        .with_name("sinergi_sid")
        .with_secure(state.config.secure_cookies)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));
    let routes = Router::new()
        .merge(web::router())
        .merge(home::router())
        .merge(auth::router())
        .merge(audit::router())
        .merge(directory::router())
        .merge(meetings::router())
        .merge(pages::router())
        .merge(confirmations::router())
        .merge(commitments::router())
        .merge(admin::router())
        .merge(dashboard::router())
        .merge(ops::metrics::router(&state))
        .merge(kerawanan::router())
        .merge(reminders::router())
        .merge(calendar::router())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::onetime::require_new_password,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::reads::remember_writes,
        ))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::middleware::count_writes,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            web::middleware::BODY_LIMIT,
        ))
        .with_state(state.clone());
    let routes = match state.config.metrics_token {
        Some(_) => routes.layer(axum::middleware::from_fn(ops::metrics::track)),
        None => routes,
    };
    web::middleware::stack(routes, &state)
}
