//! The test harness: one PostgreSQL per test binary (the embedded cluster under /tmp, or the
//! server in `DATABASE_URL`), a template database migrated and loaded with regions and demo data
//! once, and a fresh clone of it for every test. `TestApp` drives the real `app()` in process.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use sinergi::db::{Cluster, ClusterOptions};
use sinergi::{AppState, Config};
use sqlx::PgPool;
use tower::ServiceExt;

struct Server {
    /// URL of the maintenance database, with `{db}` where the database name goes.
    url_pattern: String,
    template: String,
    _cluster: Option<Cluster>,
}

static SERVER: OnceLock<Server> = OnceLock::new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn url_for(pattern: &str, db: &str) -> String {
    pattern.replace("{db}", db)
}

fn server() -> &'static Server {
    SERVER.get_or_init(|| on_a_thread_of_its_own("test database setup", setup))
}

/// Runs the future `make` makes to its end on a thread and runtime of its own: what a `OnceLock`
/// that every test shares, whichever runtime it runs on, is filled with. `what` names it if it fails.
pub fn on_a_thread_of_its_own<T, F>(what: &str, make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: std::future::Future<Output = T>,
    T: Send + 'static,
{
    std::thread::spawn(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(make())
    })
    .join()
    .unwrap_or_else(|_| panic!("{what}"))
}

async fn setup() -> Server {
    let (url_pattern, cluster) = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty())
    {
        Some(url) => {
            let base = match url.rfind('/') {
                Some(i) => {
                    let (head, tail) = url.split_at(i + 1);
                    let query = tail.find('?').map(|q| &tail[q..]).unwrap_or("");
                    format!("{head}{{db}}{query}")
                }
                None => panic!("DATABASE_URL without a database name"),
            };
            (base, None)
        }
        None => {
            remove_stale_clusters();
            let dir = std::env::temp_dir().join(format!("sinergi-test-{}", std::process::id()));
            let cluster = Cluster::start(&dir, ClusterOptions { throwaway: true })
                .expect("embedded test cluster");
            remove_when_this_process_is_gone(&dir);
            (cluster.url("{db}"), Some(cluster))
        }
    };
    let template = format!("sinergi_tmpl_{}", std::process::id());
    let admin = sinergi::db::connect(&url_for(&url_pattern, "postgres"), 2)
        .await
        .expect("maintenance db");
    if cluster.is_none() {
        drop_leftover_databases(&admin).await;
    }
    recreate_database(&admin, &template).await;
    let pool = sinergi::db::connect(&url_for(&url_pattern, &template), 4)
        .await
        .expect("template db");
    sinergi::db::migrate(&pool).await.expect("migrate template");
    sinergi::cli::ensure_regions(&pool).await.expect("regions");
    sinergi::demo::load(&pool).await.expect("demo data");
    pool.close().await;
    admin.close().await;
    Server {
        url_pattern,
        template,
        _cluster: cluster,
    }
}

/// Drops the database `name` if it is there and creates it again, empty.
pub async fn recreate_database(admin: &PgPool, name: &str) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database if exists {name}"
    )))
    .execute(admin)
    .await
    .expect("drop");
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(admin)
        .await
        .expect("create");
}

/// On a shared server (`DATABASE_URL`), drops the databases earlier test runs left behind: a test's
/// fresh clone (`t_<pid>_<n>`), the template and the other per-run databases, once their process is
/// gone. (A throw-away cluster goes as a whole, see [`remove_stale_clusters`].)
async fn drop_leftover_databases(admin: &PgPool) {
    let names: Vec<String> = sqlx::query_scalar(
        "select datname from pg_database
         where datname ~ '^(t|sinergi_tmpl|sinergi_gen|restored)_[0-9]+(_[0-9]+)?$'",
    )
    .fetch_all(admin)
    .await
    .unwrap_or_default();
    for name in names {
        let Some(pid) = name.split('_').find_map(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "drop database if exists \"{name}\" with (force)"
            )))
            .execute(admin)
            .await;
        }
    }
}

/// The shared test cluster is a static, never dropped: its postmaster stops with this process
/// (`PR_SET_PDEATHSIG`), and a watcher removes its folder (gigabytes after a full run) once both
/// are gone. What a killed watcher leaves, the next run removes ([`remove_stale_clusters`]).
fn remove_when_this_process_is_gone(dir: &std::path::Path) {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         while [ -e '{dir}/postmaster.pid' ] && [ $((n=n+1)) -le 30 ]; do sleep 1; done; \
         rm -rf '{dir}'",
        pid = std::process::id(),
        dir = dir.display()
    );
    let _ = std::process::Command::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// A folder of a test's own under the temporary folder, emptied when made and removed when
/// dropped (also when the test fails).
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sinergi-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Removes clusters left under /tmp by earlier test runs whose process is gone.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if let Some(pid) = name
            .strip_prefix("sinergi-test-")
            .and_then(|p| p.parse::<u32>().ok())
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// A fresh database cloned from the template: migrated, with regions and demo data.
pub async fn fresh_pool() -> PgPool {
    fresh_pool_from(&server().template).await
}

/// The URL of database `db` on the test server.
pub fn database_url(db: &str) -> String {
    url_for(&server().url_pattern, db)
}

/// The name of the template database (migrated, regions, demo data).
pub fn template_name() -> &'static str {
    &server().template
}

/// A fresh database cloned from `template` (which must have no open connections).
pub async fn fresh_pool_from(template: &str) -> PgPool {
    sinergi::db::connect(&fresh_db_url_from(template).await, 4)
        .await
        .expect("test db")
}

/// The URL of a fresh clone of the template (for running the binary against it).
pub async fn fresh_db_url() -> String {
    fresh_db_url_from(&server().template).await
}

async fn fresh_db_url_from(template: &str) -> String {
    let s = server();
    let name = format!(
        "t_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let admin = sinergi::db::connect(&url_for(&s.url_pattern, "postgres"), 1)
        .await
        .expect("maintenance db");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "create database {name} template {template}"
    )))
    .execute(&admin)
    .await
    .expect("clone template");
    admin.close().await;
    url_for(&s.url_pattern, &name)
}

/// The real application on a fresh database, driven without sockets.
pub struct TestApp {
    pub pool: PgPool,
    #[allow(dead_code)]
    pub state: AppState,
    router: axum::Router,
    cookies: HashMap<String, String>,
    pub ip: SocketAddr,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn doc(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of the elements matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.doc()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The one element matching `css`, as text.
    pub fn text(&self, css: &str) -> String {
        let t = self.texts(css);
        assert_eq!(
            t.len(),
            1,
            "expected one {css}, found {}: {t:?}\n{}",
            t.len(),
            self.body
        );
        t.into_iter().next().unwrap_or_default()
    }

    pub fn count(&self, css: &str) -> usize {
        self.texts(css).len()
    }

    /// The value of attribute `attr` on the first element matching `css`.
    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.doc()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr).map(str::to_string))
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }

    #[track_caller]
    pub fn assert_redirect_to(&self, prefix: &str) {
        assert!(
            self.status.is_redirection() && self.location().starts_with(prefix),
            "expected a redirect to {prefix}, got {} → {:?}",
            self.status,
            self.location()
        );
    }

    /// Asserts that some element matching `css` has a text `pred` accepts (naming them if not).
    #[track_caller]
    pub fn assert_some_text(&self, css: &str, pred: impl Fn(&str) -> bool) {
        let texts = self.texts(css);
        assert!(texts.iter().any(|t| pred(t)), "no such {css}: {texts:?}");
    }

    /// Asserts that no element matching `css` has a text `pred` accepts.
    #[track_caller]
    pub fn assert_no_text(&self, css: &str, pred: impl Fn(&str) -> bool) {
        let texts = self.texts(css);
        assert!(
            !texts.iter().any(|t| pred(t)),
            "an unexpected {css}: {texts:?}"
        );
    }

    /// Asserts that the first element matching `css` has attribute `attr` equal to `value`.
    #[track_caller]
    pub fn assert_attr(&self, css: &str, attr: &str, value: &str) {
        assert_eq!(self.attr(css, attr).as_deref(), Some(value), "{css} {attr}");
    }

    /// Asserts a form refused (422) with `message` in the element `css` (the field's error).
    #[track_caller]
    pub fn assert_refused(&self, css: &str, message: &str) {
        self.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(self.text(css), message);
    }

    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) {
        assert_eq!(
            self.status,
            status,
            "{}",
            &self.body[..self.body.len().min(3000)]
        );
    }
}

/// Keeps the cookies an answer sets in `jar`, and forgets those it clears.
pub fn keep_cookies(jar: &mut HashMap<String, String>, headers: &HeaderMap) {
    for v in headers.get_all(header::SET_COOKIE) {
        let v = v.to_str().unwrap_or("");
        let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
        if let Some((k, val)) = pair.split_once('=') {
            if attrs.contains("Max-Age=0") || val.is_empty() {
                jar.remove(k.trim());
            } else {
                jar.insert(k.trim().to_string(), val.trim().to_string());
            }
        }
    }
}

/// `fields` encoded as a form body (application/x-www-form-urlencoded).
pub fn form_body<K: AsRef<str>, V: AsRef<str>>(fields: &[(K, V)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                sinergi::web::url_encode(k.as_ref()),
                sinergi::web::url_encode(v.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The login form's fields filled in, with the CSRF token from the login page `form`.
pub fn login_fields(form: &Page, username: &str, password: &str) -> [(&'static str, String); 3] {
    let csrf = form.attr("input[name=csrf]", "value").expect("csrf field");
    [
        ("username", username.to_string()),
        ("password", password.to_string()),
        ("csrf", csrf),
    ]
}

impl TestApp {
    pub async fn new() -> Self {
        let pool = fresh_pool().await;
        Self::with_pool(pool).await
    }

    /// A fresh app with `username` signed in.
    pub async fn signed_in(username: &str) -> Self {
        let mut app = Self::new().await;
        app.login_as(username).await;
        app
    }

    pub async fn with_pool(pool: PgPool) -> Self {
        Self::with_config(pool, Config::for_tests()).await
    }

    /// The application with a configuration of the test's own (e.g. a metrics token).
    pub async fn with_config(pool: PgPool, config: Config) -> Self {
        let state = AppState::load(pool.clone(), config).await.expect("state");
        let router = sinergi::app(state.clone());
        Self {
            pool,
            state,
            router,
            cookies: HashMap::new(),
            ip: "10.1.2.3:5555".parse().expect("addr"),
        }
    }

    /// A second browser on the same server (same state, same caches), signed out.
    pub fn another_browser(&self) -> Self {
        Self {
            pool: self.pool.clone(),
            state: self.state.clone(),
            router: self.router.clone(),
            cookies: HashMap::new(),
            ip: self.ip,
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn request(&mut self, req: Request<Body>) -> Page {
        let mut req = req;
        req.extensions_mut().insert(ConnectInfo(self.ip));
        if !self.cookies.is_empty() {
            let value = self.cookie_header();
            req.headers_mut()
                .insert(header::COOKIE, value.parse().expect("cookie header"));
        }
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible router");
        keep_cookies(&mut self.cookies, resp.headers());
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).to_string(),
        }
    }

    /// A form POST of `body` to `path` as another site's page sends it (cross-site, foreign
    /// origin), with this browser's cookies.
    pub async fn post_from_another_site(&mut self, path: &str, body: &'static str) -> Page {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .header("origin", "https://evil.example")
            .body(Body::from(body))
            .expect("request");
        self.request(req).await
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.request(Request::get(path).body(Body::empty()).expect("request"))
            .await
    }

    /// Posts `fields` as a browser posts a form.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_fields(path, fields).await
    }

    /// [`Self::post_form`] for any pairs of strings (`&str`, `String`), e.g. a form kept in a `Vec`.
    pub async fn post_fields<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        path: &str,
        fields: &[(K, V)],
    ) -> Page {
        let body = form_body(fields);
        self.post_raw(path, "application/x-www-form-urlencoded", body.into_bytes())
            .await
    }

    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request");
        self.request(req).await
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.get("sinergi_sid").cloned()
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.into(), value.into());
    }

    pub async fn login_as(&mut self, username: &str) -> Page {
        self.login(username, sinergi::demo::DEMO_PASSWORD).await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        self.post_fields("/login", &login_fields(&form, username, password))
            .await
    }

    pub async fn logout(&mut self) {
        self.post_form("/logout", &[]).await;
    }

    /// One value from the database.
    pub async fn scalar_i64(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&self.pool)
            .await
            .expect(sql)
    }
}
