//! Who a confirmation link stands for: an identity, like a session. A personal link stands for
//! one attendee line; a team link for one institution at one meeting, whose members each pick
//! their own line. A browser that answers through a team link gets a random claim cookie; the
//! hash of it is kept with the answer, so that only that browser (or the line's personal link or
//! account) can change the answer afterwards (`policy::team_link_may_answer`).

use axum::http::{HeaderMap, HeaderValue};
use sqlx::PgExecutor;

use crate::kit::audit::Entry;
use crate::web::RequestMeta;

/// The cookie naming the browser that answered through a team link.
pub const CLAIM_COOKIE: &str = "sinergi_klaim";

/// A token as it may appear in a URL: 64 lower-case hex characters.
pub fn valid_token(t: &str) -> bool {
    t.len() == 64
        && t.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How a token is stored: only its hash.
pub fn token_hash(token: &str) -> String {
    crate::web::sha256_hex(&[token.as_bytes()])
}

/// The holder of a live (not revoked, not expired) link.
#[derive(Clone, Debug)]
pub struct LinkHolder {
    pub link_id: i64,
    pub meeting_id: i64,
    /// The line of a personal link; `None` for a team link.
    pub attendee_id: Option<i64>,
    /// The line's institution (a personal link), or the team's.
    pub institution_id: i64,
    pub institution_name: String,
    /// The person on the line, or the institution's name for a team link.
    pub person: String,
}

impl LinkHolder {
    /// The holder of `token`, if the token is well-formed and its link live.
    pub async fn find(db: impl PgExecutor<'_>, token: &str) -> sqlx::Result<Option<LinkHolder>> {
        if !valid_token(token) {
            return Ok(None);
        }
        sqlx::query_as!(
            LinkHolder,
            r#"select l.id as link_id, l.meeting_id, l.attendee_id, i.id as institution_id,
                      i.name as institution_name,
                      case when l.attendee_id is null then i.name
                           else coalesce(nullif(a.person_name, ''), i.name) end as "person!"
               from confirmation_link l left join attendee a on a.id = l.attendee_id
               join institution i on i.id = coalesce(a.institution_id, l.institution_id)
               where l.token_hash = $1 and l.revoked_at is null and l.expires_at > now()"#,
            token_hash(token)
        )
        .fetch_optional(db)
        .await
    }

    pub fn is_team(&self) -> bool {
        self.attendee_id.is_none()
    }

    /// Who acted, as the audit log and a note name them: the person of a personal link, or
    /// "lewat tautan tim <institution>" for a team link (any member may hold it).
    pub fn actor(&self) -> String {
        let s = if self.is_team() {
            format!("lewat tautan tim {}", self.institution_name)
        } else {
            format!("{} (lewat tautan konfirmasi)", self.person)
        };
        s.chars().take(160).collect()
    }

    /// An audit entry for a write made through this link.
    pub fn entry(
        &self,
        meta: &RequestMeta,
        action: &'static str,
        record_type: &'static str,
        record_id: Option<i64>,
    ) -> Entry {
        let mut e = Entry::system(action, record_type, record_id);
        e.actor = self.actor();
        e.role = "official".into();
        e.request_id = meta.request_id.clone();
        e.ip_hash = meta.ip_hash.clone();
        e
    }
}

/// The browser's claim: the value of its claim cookie, or a new one to set.
#[derive(Clone, Debug)]
pub struct Claim {
    token: String,
    fresh: bool,
}

impl Claim {
    /// The claim the request carries, or a fresh random one when it carries none (or a bad one).
    pub fn from_headers(headers: &HeaderMap) -> Claim {
        let found = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, v)| *k == CLAIM_COOKIE && valid_token(v))
            .map(|(_, v)| v.to_string());
        match found {
            Some(token) => Claim {
                token,
                fresh: false,
            },
            None => Claim {
                token: crate::web::random_token(32),
                fresh: true,
            },
        }
    }

    /// What is stored with an answer: never the cookie itself.
    pub fn hash(&self) -> String {
        token_hash(&self.token)
    }

    /// The `Set-Cookie` value for a claim the browser does not have yet (a year, this site's
    /// link pages only, not readable by scripts).
    pub fn set_cookie(&self, secure: bool) -> Option<HeaderValue> {
        if !self.fresh {
            return None;
        }
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{CLAIM_COOKIE}={}; Path=/k/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}",
            self.token
        ))
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_read_from_its_cookie_and_a_missing_or_bad_one_is_made_fresh() {
        let good = "a".repeat(64);
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(&format!("x=1; {CLAIM_COOKIE}={good}")).expect("header"),
        );
        let c = Claim::from_headers(&h);
        assert_eq!(c.hash(), token_hash(&good));
        assert!(c.set_cookie(false).is_none(), "the browser has it already");

        let mut bad = HeaderMap::new();
        bad.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_static("sinergi_klaim=XYZ"),
        );
        let fresh = Claim::from_headers(&bad);
        assert_ne!(fresh.hash(), token_hash("XYZ"));
        let cookie = fresh.set_cookie(true).expect("a cookie to set");
        let cookie = cookie.to_str().expect("ascii");
        assert!(cookie.contains("HttpOnly") && cookie.contains("Secure"));
    }

    #[test]
    fn only_64_lower_hex_characters_make_a_token() {
        assert!(valid_token(&"0f".repeat(32)));
        assert!(!valid_token(&"0F".repeat(32)));
        assert!(!valid_token("abc"));
    }
}
