//! What a log line may say about a request's path: secrets that live in URLs (confirmation-link
//! tokens under `/k/`, calendar-feed tokens, any long token-like segment) become `…`, so holding
//! the logs never means holding a live link.

use std::borrow::Cow;

/// Path prefixes whose next segment is a secret, whatever it looks like.
const SECRET_AFTER: &[&str] = &["k", "kalender"];
/// A segment at least this long made only of token characters is taken for a token.
const TOKEN_LEN: usize = 32;

/// `path` with every token segment replaced by `…`.
pub fn path(path: &str) -> Cow<'_, str> {
    let mut secret_next = false;
    let mut changed = false;
    let segments: Vec<&str> = path
        .split('/')
        .map(|seg| {
            let secret = std::mem::replace(&mut secret_next, SECRET_AFTER.contains(&seg));
            if !seg.is_empty() && (secret || looks_like_token(seg)) {
                changed = true;
                "…"
            } else {
                seg
            }
        })
        .collect();
    if changed {
        Cow::Owned(segments.join("/"))
    } else {
        Cow::Borrowed(path)
    }
}

/// 32+ characters of hex or base64url before an optional extension (`<token>.ics`).
fn looks_like_token(seg: &str) -> bool {
    let stem = seg.split('.').next().unwrap_or(seg);
    stem.len() >= TOKEN_LEN
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'%')
}

#[cfg(test)]
mod tests {
    use super::path;

    #[test]
    fn link_tokens_and_token_like_segments_are_redacted() {
        let token = "ab".repeat(32);
        assert_eq!(path(&format!("/k/{token}")), "/k/…");
        assert_eq!(path(&format!("/k/{token}/tl/7")), "/k/…/tl/7");
        assert_eq!(path("/k/short"), "/k/…");
        assert_eq!(path(&format!("/kalender/{token}.ics")), "/kalender/…");
        assert_eq!(path(&format!("/x/{token}")), "/x/…");
        assert_eq!(path("/pertemuan/12/laporan"), "/pertemuan/12/laporan");
        assert_eq!(path("/k/"), "/k/");
        assert_eq!(path("/"), "/");
    }
}
