//! Attendance confirmed by the other side. The host's officer creates a link per attendee line,
//! or one per institution for its whole team (each member picks their own line), (a random
//! 256-bit token, stored only as its hash, expiring, revocable) and shares it on
//! WhatsApp, by copy or as a QR code; the election official answers on a page that needs no
//! account: present, not present, or "the notes are wrong" (a sanggahan). Officials with an
//! account answer from "Pertemuan saya". Every answer is kept, with time, user agent and a
//! salted IP hash, and lands in the audit log. An answer through a team link is claimed by the
//! browser that gave it (`auth::link::Claim`).

pub mod db;
mod handlers;
mod views;

pub use views::{BadgeLine, asked, asked_by_kind, badge};

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

/// The WhatsApp share URL with a short Indonesian message carrying `link` exactly.
pub fn whatsapp_url(title: &str, when: &str, link: &str) -> String {
    let text = format!(
        "Mohon konfirmasi kehadiran Bapak/Ibu pada \"{title}\" ({when}) melalui tautan Sinergi berikut: {link}"
    );
    format!("https://wa.me/?text={}", crate::web::url_encode(&text))
}
