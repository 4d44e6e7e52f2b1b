//! The calendar page: the person's feed (its link shown once, when made) and how to subscribe.

use askama::Template;
use chrono::{DateTime, Utc};

use crate::web::{Ctx, fmt};

#[derive(Template)]
#[template(path = "calendar/index.html")]
pub struct CalendarPage {
    pub ctx: Ctx,
    pub notice: Option<&'static str>,
    /// When the live feed was made.
    pub live: Option<DateTime<Utc>>,
    /// The feed's address, only right after it was made.
    pub url: Option<String>,
}

impl CalendarPage {
    pub fn made(&self, at: &DateTime<Utc>) -> String {
        fmt::datetime(*at, chrono_tz::Asia::Jakarta)
    }
    pub fn webcal(&self, url: &str) -> String {
        url.replacen("https://", "webcal://", 1)
            .replacen("http://", "webcal://", 1)
    }
}
