//! The middleware stack around every route: request ids, one log line per request, security
//! headers, compression at a fast level, timeouts, body limits, CSRF (Origin/Sec-Fetch-Site) and
//! the count of finished writes the read caches depend on.

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::AppState;

/// Largest request body: photos are resized on the server, so 12 MB covers a phone camera image.
pub const BODY_LIMIT: usize = 12 * 1024 * 1024;

const CSP: &str = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub fn stack(routes: Router, state: &AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let mut csrf = CsrfLayer::new();
    if let Ok(with_origin) = CsrfLayer::new().add_trusted_origin(&state.config.public_url) {
        csrf = with_origin;
    }
    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|req: &Request<_>| {
                        let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                        let path = super::redact::path(req.uri().path());
                        tracing::info_span!("request", method = %req.method(), path = %path, request_id = %id)
                    })
                    .on_request(())
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(request_id))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            ))
            .layer(axum::middleware::from_fn_with_state(
                state.config.https(),
                private_headers,
            ))
            .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
            .layer(axum::middleware::from_fn(html_errors))
            .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
            .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
            .layer(csrf),
    )
}

/// One year: browsers that saw the site over https keep to https.
const HSTS: &str = "max-age=31536000";

/// Nothing Sinergi answers may be kept by a shared cache or left on a shared computer's disk:
/// `Cache-Control: no-store, private` on every answer that did not choose its own (static
/// assets and photos do); HSTS when the public address is https.
async fn private_headers(
    axum::extract::State(https): axum::extract::State<bool>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, private"),
        );
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    resp
}

/// Counts the write requests this process finished (`crate::cache::Stamp::local`): once a
/// write's answer is on its way, every later request here reads past the caches it may touch.
pub async fn count_writes(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let write = !req.method().is_safe();
    let resp = next.run(req).await;
    // A refused write (4xx: invalid input, conflict, no access) committed nothing.
    if write && !resp.status().is_client_error() {
        state.writes.finished();
    }
    resp
}

/// Runs the request in its language (`i18n::current`, for messages built in Rust), and turns bare
/// error answers from inner layers (CSRF 403, 413, timeouts, axum's rejections) into error
/// pages; pages the app rendered itself, and the health endpoints, pass untouched.
async fn html_errors(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let lang = crate::i18n::from_cookies(req.headers());
    crate::i18n::scope(lang, async move {
        let health = matches!(req.uri().path(), "/healthz" | "/readyz");
        let resp = next.run(req).await;
        let status = resp.status();
        let is_html = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if health || is_html || !(status.is_client_error() || status.is_server_error()) {
            return resp;
        }
        crate::error::status_page(status)
    })
    .await
}
