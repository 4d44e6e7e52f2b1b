//! The shell every feature sits in: health endpoints, static assets, the start page, language
//! choice, and small helpers shared by handlers (tokens, hashing, form parsing).

pub mod assets;
pub mod client;
pub mod fmt;
pub mod middleware;
pub mod redact;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/{*file}", get(assets::serve))
        .route("/lang/{code}", get(set_lang))
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready while the primary answers; says how the read replica is, when there is one (a replica
/// that is down or lagging leaves the server ready: reads go to the primary).
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if let Err(e) = sqlx::query_scalar!("select 1 as \"one!\"")
        .fetch_one(&state.pool)
        .await
    {
        tracing::warn!(error = %e, "readiness check failed");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unavailable".to_string(),
        );
    }
    match state.reads.replica_state().await {
        None => (StatusCode::OK, "ok".to_string()),
        Some(r) => (StatusCode::OK, format!("ok\nreplica: {}", r.word())),
    }
}

/// Sets the interface language and returns to the start page.
async fn set_lang(axum::extract::Path(code): axum::extract::Path<String>) -> impl IntoResponse {
    let lang = crate::i18n::Lang::from_code(&code);
    (
        [(
            axum::http::header::SET_COOKIE,
            format!(
                "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
                lang.code()
            ),
        )],
        Redirect::to("/"),
    )
}

/// A random URL-safe token of `bytes` random bytes (hex encoded).
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill(&mut buf[..]);
    hex(&buf)
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// SHA-256 of `parts`, hex encoded: tokens and IP addresses are stored only this way.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
        h.update([0u8]);
    }
    hex(&h.finalize())
}

mod ctx;
pub mod form;

pub use ctx::{ClientIp, Ctx, RequestMeta};
pub use form::{Form, Id, Query};

/// Renders a template into a page; a rendering failure becomes the 500 page.
pub fn render<T: askama::Template>(
    page: T,
) -> crate::error::AppResult<axum::response::Html<String>> {
    Ok(axum::response::Html(page.render()?))
}

/// A page as the response with `status`: 200 shown, 422 with the messages by the fields that
/// were not accepted, or another the handler chose.
pub fn respond<T: askama::Template>(
    status: StatusCode,
    page: T,
) -> crate::error::AppResult<axum::response::Response> {
    Ok((status, render(page)?).into_response())
}

/// A 303 to a local path (anything else goes to the start page: no open redirects).
pub fn see_other(path: &str) -> axum::response::Response {
    Redirect::to(local_path(path)).into_response()
}

/// `path` when it is a path on this server — starts with one `/`, only visible ASCII (no control
/// characters, spaces or raw non-ASCII, which browsers strip or reinterpret), no backslash, and
/// parses as a relative URI without scheme or authority — else `/`.
pub fn local_path(path: &str) -> &str {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && path
            .parse::<axum::http::Uri>()
            .is_ok_and(|u| u.scheme().is_none() && u.authority().is_none());
    if local { path } else { "/" }
}

/// A query string of the `pairs` whose value is not blank, values trimmed and percent-encoded.
pub fn query_string(pairs: &[(&str, &String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a query-string value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A login-form token: the time it was issued and a keyed hash of it (valid 12 hours).
pub fn form_token(secret: &str) -> String {
    let ts = chrono::Utc::now().timestamp();
    format!(
        "{ts}.{}",
        &sha256_hex(&[secret.as_bytes(), b"form", ts.to_string().as_bytes()])[..32]
    )
}

/// Whether `token` was issued by [`form_token`] with this secret in the last 12 hours.
pub fn form_token_valid(secret: &str, token: &str) -> bool {
    let Some((ts, mac)) = token.split_once('.') else {
        return false;
    };
    let Ok(t) = ts.parse::<i64>() else {
        return false;
    };
    let age = chrono::Utc::now().timestamp() - t;
    (0..=12 * 3600).contains(&age)
        && sha256_hex(&[secret.as_bytes(), b"form", ts.as_bytes()])[..32] == *mac
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_plain_local_paths_are_redirect_targets() {
        for ok in [
            "/",
            "/pertemuan?from=2024-01-01",
            "/pertemuan/12/laporan",
            "/%2F/x",
        ] {
            assert_eq!(local_path(ok), ok);
        }
        for bad in [
            "",
            "//evil.example/x",
            "/\t/evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/ x",
            "/é",
            "https://evil.example/",
            "evil.example",
            "/\u{7f}",
        ] {
            assert_eq!(local_path(bad), "/", "{bad:?}");
        }
    }
}
