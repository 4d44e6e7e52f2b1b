//! Static assets compiled into the binary: the stylesheet, the two small scripts, the service
//! worker, the offline page, the web app manifest and its icons. Versioned URLs (`?v=`) are cached
//! for a year; the service worker is always revalidated and may control the whole site.

use std::sync::LazyLock;

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

/// The asset `static/NAME`, served as `mime`.
macro_rules! asset {
    ($name:literal, $mime:expr) => {
        Asset {
            name: $name,
            mime: $mime,
            body: include_bytes!(concat!("../../static/", $name)),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

static ASSETS: &[Asset] = &[
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("app.js", JS),
    asset!("offline.js", JS),
    asset!("sw.js", JS),
    asset!("offline.html", "text/html; charset=utf-8"),
    asset!("manifest.webmanifest", "application/manifest+json"),
    asset!("icon.svg", "image/svg+xml"),
    asset!("icon-192.png", "image/png"),
    asset!("icon-512.png", "image/png"),
];

/// `?v=` suffix for asset URLs: changes whenever any asset changes.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    let parts: Vec<&[u8]> = ASSETS.iter().map(|a| a.body).collect();
    super::sha256_hex(&parts)[..10].to_string()
});

/// The name the service worker keeps a signed-in person's pages under (`<meta name="sinergi-user">`):
/// a hash, so the cache names on a phone say nothing about who used it.
pub fn user_key(user_id: &i64) -> String {
    super::sha256_hex(&[b"sinergi-offline-cache", user_id.to_string().as_bytes()])[..16].to_string()
}

pub async fn serve(
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == file)
        .ok_or(AppError::NotFound)?;
    let versioned = query.is_some_and(|q| q.starts_with("v="));
    // the offline page and the icons are named without a version (manifest, offline page)
    let unversioned = matches!(
        asset.name,
        "offline.html" | "icon.svg" | "icon-192.png" | "icon-512.png"
    );
    let cache = match (asset.name, versioned || !unversioned) {
        ("sw.js", _) => "no-cache",
        (_, true) => "public, max-age=31536000, immutable",
        (_, false) => "public, max-age=86400",
    };
    let mut resp = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(asset.mime)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        asset.body,
    )
        .into_response();
    if asset.name == "sw.js" {
        // served under /static/ but controls every page of the site
        resp.headers_mut().insert(
            HeaderName::from_static("service-worker-allowed"),
            HeaderValue::from_static("/"),
        );
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_cache_key_is_stable_and_differs_between_users() {
        assert_eq!(user_key(&7), user_key(&7));
        assert_ne!(user_key(&7), user_key(&8));
        assert_eq!(user_key(&7).len(), 16);
    }

    #[test]
    fn the_service_worker_precaches_every_shell_asset_it_names() {
        let sw = std::str::from_utf8(
            ASSETS
                .iter()
                .find(|a| a.name == "sw.js")
                .map(|a| a.body)
                .unwrap_or_default(),
        )
        .unwrap_or_default();
        for name in [
            "app.css",
            "app.js",
            "offline.js",
            "offline.html",
            "icon.svg",
            "manifest.webmanifest",
        ] {
            assert!(
                sw.contains(&format!("/static/{name}")),
                "{name} missing from sw.js"
            );
            assert!(ASSETS.iter().any(|a| a.name == name), "{name} not served");
        }
    }
}
