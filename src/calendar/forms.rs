//! What the calendar page's query says after a redirect.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    pub ok: String,
}
