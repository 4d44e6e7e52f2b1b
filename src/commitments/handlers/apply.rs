//! Applying an action to a commitment, for whoever the handler found allowed: checks the
//! transition and the texts, processes a photo, then writes the status change, the timeline
//! note and the audit entry in one transaction, at the version the person saw.

use axum::http::StatusCode;

use super::super::db::{self, Detail, Move, NewNote};
use super::super::domain::Action;
use super::super::forms::ActForm;
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::states::CommitmentStatus;

/// Why an action was not applied: bad input (422), or someone changed the commitment since the
/// person loaded it (409).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Invalid(String),
    Stale,
}

impl Refused {
    pub fn status(&self) -> StatusCode {
        match self {
            Refused::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Refused::Stale => StatusCode::CONFLICT,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refused::Invalid(m) => m.clone(),
            Refused::Stale => "Tindak lanjut ini sudah diubah orang lain. Catatan Anda masih di bawah; periksa status terbaru lalu kirim lagi.".into(),
        }
    }

    /// The refusal as an error page (for link holders, who have no commitment page).
    pub fn into_error(self) -> AppError {
        match self {
            Refused::Invalid(m) => AppError::BadRequest(m),
            Refused::Stale => AppError::Conflict(Refused::Stale.message()),
        }
    }
}

/// Who acts: the name on the timeline (and on a verification), the account if any, the audit
/// entry as the handler built it.
pub struct Actor {
    pub author: String,
    pub user_id: Option<i64>,
    pub entry: Entry,
}

/// The action's texts and target, checked against the commitment's status.
struct Checked<'a> {
    to: Option<CommitmentStatus>,
    body: &'a str,
    reason: &'a str,
}

fn check<'a>(c: &Detail, action: Action, f: &'a ActForm) -> Result<Checked<'a>, Refused> {
    let invalid = |m: &str| Err(Refused::Invalid(m.to_string()));
    let to = action.target();
    let body = f.body.trim();
    let reason = f.reason.trim();
    if body.chars().count() > 2000 || reason.chars().count() > 1000 {
        return invalid("Catatan paling banyak 2000 karakter, alasan 1000.");
    }
    if action.needs_text() && body.is_empty() {
        return invalid("Tuliskan catatannya.");
    }
    if to == Some(CommitmentStatus::Dropped) && reason.is_empty() {
        return invalid("Tuliskan alasan pembatalan.");
    }
    if let Some(to) = to
        && !c.status.may_move(to)
    {
        return Err(Refused::Invalid(format!(
            "Status \"{}\" tidak dapat diubah menjadi \"{}\".",
            c.status.label(),
            to.label()
        )));
    }
    Ok(Checked { to, body, reason })
}

/// The photo of a progress note, resized and stripped; a bad photo is the person's to fix.
async fn photo(f: &ActForm) -> AppResult<Result<Option<Vec<u8>>, Refused>> {
    let Some(bytes) = f.photo.clone() else {
        return Ok(Ok(None));
    };
    let processed = tokio::task::spawn_blocking(move || crate::kit::photos::process(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(match processed {
        Ok(p) => Ok(Some(p.image)),
        Err(e) => Err(Refused::Invalid(e.to_string())),
    })
}

/// Applies `action` by someone already allowed to.
pub async fn apply(
    state: &AppState,
    c: &Detail,
    action: Action,
    f: &ActForm,
    actor: Actor,
) -> AppResult<Result<(), Refused>> {
    let checked = match check(c, action, f) {
        Ok(v) => v,
        Err(r) => return Ok(Err(r)),
    };
    let image = match photo(f).await? {
        Ok(v) => v,
        Err(r) => return Ok(Err(r)),
    };
    let version: i32 = f.version.trim().parse().unwrap_or(-1);
    let mut tx = state.pool.begin().await?;
    let fresh = match checked.to {
        Some(to) => {
            let m = Move {
                id: c.id,
                version,
                from: c.status,
                to,
                drop_reason: checked.reason,
                verified_by: (to == CommitmentStatus::Verified).then_some(actor.author.as_str()),
            };
            db::move_status(&mut tx, &m).await?
        }
        None => version == c.version,
    };
    if !fresh {
        return Ok(Err(Refused::Stale));
    }
    let text = [checked.body, checked.reason]
        .into_iter()
        .find(|t| !t.is_empty())
        .map_or_else(
            || checked.to.unwrap_or(c.status).label().to_string(),
            str::to_string,
        );
    let note = NewNote {
        commitment_id: c.id,
        author: &actor.author,
        user_id: actor.user_id,
        body: &text,
        change: checked.to.map(|to| (c.status, to)),
        image: image.as_deref(),
    };
    db::add_note(&mut tx, &note).await?;
    let entry = actor.entry.unit(Some(c.host_unit_id)).change(
        Some(serde_json::json!({ "status": c.status, "version": c.version })),
        Some(serde_json::json!({ "status": checked.to.unwrap_or(c.status), "note": text })),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
