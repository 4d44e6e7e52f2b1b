//! Login and password pages.

use askama::Template;

use crate::web::Ctx;

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    pub ctx: Ctx,
    pub username: String,
    pub next: String,
    pub csrf: String,
    pub message: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "auth/password.html")]
pub struct PasswordPage {
    pub ctx: Ctx,
    pub current_error: Option<&'static str>,
    pub new_error: Option<&'static str>,
    pub done: bool,
}
