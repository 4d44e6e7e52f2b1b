//! `/metrics` in Prometheus text format, rendered by `metrics-exporter-prometheus` from what the
//! `metrics` macros recorded: requests and their latency per route (the matched pattern such as
//! `/pertemuan/{id}`, never the raw URL), the connection pools, the read caches' hits and misses,
//! and confirmation answers. Off (404) unless `SINERGI_METRICS_TOKEN` is set; then it wants
//! `Authorization: Bearer <token>`, so it can stay on the public port behind the proxy.

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};

use crate::AppState;

/// Latency buckets in seconds: the pages' targets are 10–50 ms, timeouts 30 s.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process-wide recorder, installed on first use (only when metrics are on, so that with
/// them off the macros cost nothing).
fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("sinergi_http_request_duration_seconds".into()),
                    BUCKETS,
                )
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            match metrics::set_global_recorder(recorder) {
                Ok(()) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// The `/metrics` route.
pub fn router(state: &AppState) -> Router<AppState> {
    if state.config.metrics_token.is_some() {
        handle();
    }
    Router::new().route("/metrics", get(render))
}

/// Records one request: count by route, method and status; latency by route and method.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    metrics::histogram!("sinergi_http_request_duration_seconds", "route" => route.clone(), "method" => method.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!("sinergi_http_requests_total", "route" => route, "method" => method, "status" => status)
        .increment(1);
    resp
}

/// Counts one confirmation answer (`via`: link or account; `answer`: its code).
pub fn answered(via: &'static str, answer: &str) {
    metrics::counter!("sinergi_confirmation_answers_total", "via" => via, "answer" => answer.to_owned())
        .increment(1);
}

async fn render(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics_token.as_deref() else {
        return crate::error::not_found().await.into_response();
    };
    if !bearer_matches(&headers, token) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a bearer token is required",
        )
            .into_response();
    }
    let Some(handle) = handle() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics unavailable").into_response();
    };
    sample(&state);
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// Values read at scrape time: pool usage and the caches' counters.
fn sample(state: &AppState) {
    let replica = state.reads.replica_pool().map(|p| ("replica", p));
    for (name, pool) in [("main", &state.pool), ("lists", &state.lists)]
        .into_iter()
        .chain(replica)
    {
        let open = f64::from(pool.size());
        let idle = pool.num_idle() as f64;
        metrics::gauge!("sinergi_db_pool_connections", "pool" => name, "state" => "idle").set(idle);
        metrics::gauge!("sinergi_db_pool_connections", "pool" => name, "state" => "used")
            .set((open - idle).max(0.0));
        metrics::gauge!("sinergi_db_pool_max_connections", "pool" => name)
            .set(f64::from(pool.options().get_max_connections()));
    }
    let caches = [
        ("users", state.users.counts()),
        ("dashboards", state.dashboards.counts()),
        ("meeting_pages", state.meeting_pages.counts()),
        ("meeting_lists", state.meeting_lists.counts()),
    ];
    for (name, (hits, misses)) in caches {
        metrics::counter!("sinergi_cache_hits_total", "cache" => name).absolute(hits);
        metrics::counter!("sinergi_cache_misses_total", "cache" => name).absolute(misses);
    }
}

/// Compares the bearer token by hash, so the time taken says nothing about the token.
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    Sha256::digest(given.trim().as_bytes()) == Sha256::digest(token.as_bytes())
}
