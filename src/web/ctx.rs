//! What every page's layout needs: the language, the signed-in person, the asset version; and
//! the per-request facts the audit log records (request id, salted hash of the client's IP).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;
use crate::auth::{CurrentUser, MaybeUser, Role};
use crate::error::AppError;
use crate::i18n::Lang;

/// The layout's context, extracted by every page handler.
#[derive(Clone, Debug, Default)]
pub struct Ctx {
    pub t: Lang,
    pub user: Option<CurrentUser>,
    pub path: String,
}

impl Ctx {
    pub fn asset_v(&self) -> &'static str {
        super::assets::VERSION.as_str()
    }
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Admin)
    }
    pub fn is_police(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role != Role::Official)
    }
    pub fn is_liaison(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Liaison)
    }
    pub fn is_official(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Official)
    }
    pub fn may_read_audit(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(crate::auth::policy::may_read_audit)
    }
    /// `aria-current` for the navigation link to `prefix`.
    pub fn current(&self, prefix: &str) -> &'static str {
        if self.path.starts_with(prefix) {
            "page"
        } else {
            "false"
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        Ok(Ctx {
            t: crate::i18n::from_cookies(&parts.headers),
            user,
            path: parts.uri.path().to_string(),
        })
    }
}

/// The client's address: the connection's peer, or what a trusted proxy says (`super::client`).
/// Tests insert a `ConnectInfo`; without one the peer is the loopback address.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(known) = parts.extensions.get::<ClientIp>() {
            return Ok(*known);
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let ip = ClientIp(super::client::client_addr(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        ));
        parts.extensions.insert(ip);
        Ok(ip)
    }
}

/// Facts about the request that go into the audit log.
#[derive(Clone, Debug)]
pub struct RequestMeta {
    pub request_id: String,
    pub ip_hash: String,
    pub user_agent: String,
}

impl FromRequestParts<AppState> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await?;
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .chars()
                .take(300)
                .collect::<String>()
        };
        Ok(RequestMeta {
            request_id: header("x-request-id"),
            ip_hash: state.hash_ip(ip),
            user_agent: header("user-agent"),
        })
    }
}
