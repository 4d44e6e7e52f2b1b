//! Attendance confirmed by the other side. The host's officer creates a link per attendee line,
//! or one per institution for its whole team (each member picks their own line), (a random
//! 256-bit token, stored only as its hash, expiring, revocable) and shares it on
//! WhatsApp, by copy or as a QR code; the election official answers on a page that needs no
//! account: present, not present, or "the notes are wrong" (a dispute). Officials with an
//! account answer from "Pertemuan saya". Every answer is kept, with time, user agent and a
//! salted IP hash, and lands in the audit log.

pub mod db;
mod handlers;
pub mod qr;
mod views;

pub use views::badge;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pertemuan/{id}/konfirmasi", get(handlers::officer_page))
        .route(
            "/pertemuan/{id}/konfirmasi/tautan",
            post(handlers::create_link),
        )
        .route(
            "/pertemuan/{id}/konfirmasi/tautan/{lid}/cabut",
            post(handlers::revoke_link),
        )
        .route(
            "/pertemuan/{id}/sanggahan/{aid}",
            post(handlers::respond_dispute),
        )
        .route("/pertemuan/{id}/jawab", post(handlers::answer_with_account))
        .route("/saya", get(handlers::my_meetings))
        .route(
            "/k/{token}",
            get(handlers::link_page).post(handlers::answer_with_link),
        )
}

/// Days a new link stays valid unless the officer chooses otherwise.
pub const DEFAULT_LINK_DAYS: i64 = 14;

/// The answers, as stored and as shown.
pub const ANSWERS: [(&str, &str); 3] = [
    ("present", "Saya hadir"),
    ("absent", "Saya tidak hadir"),
    ("disputed", "Catatan tidak sesuai"),
];

/// "belum dikonfirmasi", "hadir" … for an attendee's confirmation state.
pub fn state_label(s: &str) -> &'static str {
    match s {
        "present" => "hadir",
        "absent" => "tidak hadir",
        "disputed" => "dibantah",
        _ => "belum dikonfirmasi",
    }
}

/// The WhatsApp share URL with a short Indonesian message carrying `link` exactly.
pub fn whatsapp_url(title: &str, when: &str, link: &str) -> String {
    let text = format!(
        "Mohon konfirmasi kehadiran Bapak/Ibu pada \"{title}\" ({when}) melalui tautan Sinergi berikut: {link}"
    );
    format!("https://wa.me/?text={}", crate::web::url_encode(&text))
}

/// A token as it may appear in a URL: 64 lower-case hex characters.
pub fn valid_token(t: &str) -> bool {
    t.len() == 64
        && t.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The meeting, institution and person (the institution, for a team link) a live, well-formed
/// link stands for.
pub async fn link_holder(
    state: &crate::AppState,
    token: &str,
) -> Result<Option<(i64, i64, String)>, sqlx::Error> {
    if !valid_token(token) {
        return Ok(None);
    }
    let row = sqlx::query!(
        r#"select l.meeting_id, i.id as institution_id, coalesce(nullif(a.person_name, ''), i.name) as "person!"
           from confirmation_link l left join attendee a on a.id = l.attendee_id
           join institution i on i.id = coalesce(a.institution_id, l.institution_id)
           where l.token_hash = $1 and l.revoked_at is null and l.expires_at > now()"#,
        handlers::token_hash(token)
    )
    .fetch_optional(&state.pool)
    .await?;
    Ok(row.map(|r| (r.meeting_id, r.institution_id, r.person)))
}
