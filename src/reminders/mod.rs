//! Reminders before a promise is late: per open commitment, the owner's and the counterpart's
//! WhatsApp reminder at H-n and on the due day and an overdue notice (days counted on the
//! owner's calendar, rules per Polda), sent with one tap through a POST that records who sent
//! what to whom — so nobody is reminded twice for a step — and then opens `wa.me` with the text.
//! Commanders get a daily digest: due today, newly overdue, escalated to them since yesterday.

mod db;
mod domain;
mod forms;
mod handlers;
mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub use domain::{Recipient, Rule, Step, step, today_in};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pengingat", get(handlers::today))
        .route("/pengingat/ringkasan", get(handlers::digest))
        .route("/pengingat/{id}/kirim", post(handlers::send))
        .route(
            "/admin/pengingat",
            get(handlers::rules).post(handlers::save_rule),
        )
}
