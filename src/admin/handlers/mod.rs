//! Admin handlers, one file per job: accounts, police units with their areas, institutions.
//! Every write has one shape ([`save`]): load what it points at in the admin's area (in SQL),
//! parse the form — bad input gets the same page back with the input kept and a message by
//! each bad field (422) — then change the record and record its audit entry in one
//! transaction, and redirect.

mod access;
mod institutions;
mod placement;
mod units;
mod users;

pub use access::{reset_password, set_status};
pub use institutions::{create_institution, institutions};
pub use placement::change_placement;
pub use units::{add_region, create_unit, new_unit_form, remove_region, unit, units, update_unit};
pub use users::{create_user, new_user_form, update_profile, user, users};

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};

use super::{Admin, db};
use crate::error::AppResult;
use crate::kit::audit::{self, Entry};
use crate::kit::fields::FieldErrors;
use crate::web::{respond, see_other};

/// The page again, with 422: the input was not accepted.
fn invalid(page: impl Template) -> AppResult<Response> {
    respond(StatusCode::UNPROCESSABLE_ENTITY, page)
}

fn page(page: impl Template) -> AppResult<Response> {
    respond(StatusCode::OK, page)
}

/// A parse result as the value (if good) and the messages so far, so that checks made in SQL
/// can add theirs before the form is shown again.
fn split<T>(parsed: Result<T, FieldErrors>) -> (Option<T>, FieldErrors) {
    match parsed {
        Ok(v) => (Some(v), FieldErrors::default()),
        Err(e) => (None, e),
    }
}

/// How an admin write ended: done (a redirect), or refused by a unique constraint (its name),
/// which the handler turns into a message by the field it concerns.
enum Saved {
    Done(Response),
    Duplicate(String),
}

/// The one shape of an admin write: `write` (which returns the record's id) and the audit entry
/// `entry(id)` in one transaction, then the answer `then(id)` — a redirect ([`go`]), or the page
/// that shows a one-time password. A unique violation rolls both back and comes back as
/// [`Saved::Duplicate`].
async fn save(
    pool: &PgPool,
    write: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<i64>,
    entry: impl FnOnce(i64) -> Entry,
    then: impl FnOnce(i64) -> AppResult<Response>,
) -> AppResult<Saved> {
    let mut tx = pool.begin().await?;
    let id = match write(&mut tx).await {
        Ok(id) => id,
        Err(e) => {
            return match db::unique_violation(&e) {
                Some(constraint) => Ok(Saved::Duplicate(constraint)),
                None => Err(e.into()),
            };
        }
    };
    audit::record(&mut tx, entry(id)).await?;
    tx.commit().await?;
    Ok(Saved::Done(then(id)?))
}

/// A redirect after a write.
fn go(to: String) -> AppResult<Response> {
    Ok(see_other(&to))
}

/// A write that has no unique constraint to break.
fn done(saved: Saved) -> AppResult<Response> {
    match saved {
        Saved::Done(r) => Ok(r),
        Saved::Duplicate(c) => Err(crate::error::AppError::Internal(anyhow::anyhow!(
            "unexpected unique violation of {c}"
        ))),
    }
}

/// What `?ok=…` after a redirect says happened. Fixed texts: nothing from the URL is shown.
fn notice(code: &str) -> Option<&'static str> {
    Some(match code {
        "penempatan" => "Peran dan penempatan disimpan.",
        "profil" => "Profil disimpan.",
        "nonaktif" => "Akun dinonaktifkan. Sesi akun ini yang sedang berjalan berakhir.",
        "aktif" => "Akun diaktifkan kembali.",
        "satuan" => "Satuan dibuat. Petakan wilayah hukumnya di bawah.",
        "disimpan" => "Perubahan disimpan.",
        "wilayah" => "Wilayah hukum diperbarui.",
        "lembaga" => "Lembaga ditambahkan.",
        _ => return None,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    after: String,
    page: Option<i64>,
    ok: String,
    /// The parent to preselect when creating a unit.
    induk: String,
}

/// A list filter as typed: trimmed, at most 64 characters.
fn filter(q: &str) -> String {
    q.trim().chars().take(64).collect()
}

pub async fn home(Admin(_): Admin) -> Response {
    see_other("/admin/pengguna")
}
