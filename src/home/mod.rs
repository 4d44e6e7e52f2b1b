//! The start page (what to do next, by role) and the privacy notice.

use askama::Template;
use axum::Router;
use axum::response::Html;
use axum::routing::get;

use crate::AppState;
use crate::error::AppResult;
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/privasi", get(privacy))
}

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: Ctx,
}

async fn home(ctx: Ctx) -> AppResult<Html<String>> {
    render(HomePage { ctx })
}

#[derive(Template)]
#[template(path = "home/privacy.html")]
struct PrivacyPage {
    ctx: Ctx,
}

async fn privacy(ctx: Ctx) -> AppResult<Html<String>> {
    render(PrivacyPage { ctx })
}
