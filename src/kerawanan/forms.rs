//! What the kerawanan pages send: the admin's row form (every field a string, so bad input comes
//! back to the form) and the coverage page's query.

use serde::Deserialize;

use super::domain::{Entry, RawEntry};
use crate::kit::fields::FieldErrors;

/// The admin's form: the same fields as a CSV line.
pub type EntryForm = RawEntry;

/// The checked entry, or a message next to each bad field.
pub fn parse(form: &EntryForm) -> Result<Entry, FieldErrors> {
    form.parse().map_err(|errs| {
        let mut errors = FieldErrors::default();
        for (field, message) in errs {
            errors.add(field, message);
        }
        errors
    })
}

/// `/dasbor/kerawanan?unit=…&pemilu=…&sampai=…`
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CoverageQuery {
    pub unit: String,
    pub pemilu: String,
    pub sampai: String,
}

/// `?ok=…` after a save.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub ok: String,
}
