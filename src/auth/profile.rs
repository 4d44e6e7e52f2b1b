//! An account's profile: name, position, rank and NRP — what the printed report's signature block
//! shows under the reporting officer. The owner edits it at `/akun/profil`; an admin edits it on
//! the account's admin page (`admin::handlers::users`) with the same form, rules and audit entry.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgExecutor};

use crate::auth::{Act, Signed};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::fields::{FieldErrors, optional_text, required_text};
use crate::web::{Ctx, Form, Query, respond, see_other};

/// The message for an NRP that is neither a Polri NRP nor a NIP.
pub const NRP_INVALID: &str = "NRP Polri 8 angka, atau NIP 18 angka (spasi boleh).";

/// The profile form as the browser sends it.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub position: String,
    pub rank: String,
    pub nrp: String,
}

/// A profile whose every field is known good.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub display_name: String,
    pub position: String,
    pub rank: Option<String>,
    /// Digits only; empty when not filled in.
    pub nrp: String,
}

/// An NRP as people type it: a Polri NRP of 8 digits or a civil servant's NIP of 18, spaces
/// allowed between the groups; empty for none. Stored as digits only.
pub fn nrp(input: &str) -> Result<String, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let ok = digits.is_empty()
        || (digits.bytes().all(|b| b.is_ascii_digit()) && matches!(digits.len(), 8 | 18));
    if ok { Ok(digits) } else { Err(NRP_INVALID) }
}

impl ProfileForm {
    pub fn parse(&self) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::default();
        let display_name = e.take("display_name", required_text(&self.display_name, 1, 120));
        let position = e.take("position", optional_text(&self.position, 160));
        let rank = e.take("rank", optional_text(&self.rank, 40));
        let nrp = e.take("nrp", nrp(&self.nrp));
        match (display_name, position, rank, nrp) {
            (Some(display_name), Some(position), Some(rank), Some(nrp)) if e.is_empty() => {
                Ok(Profile {
                    display_name,
                    position: position.unwrap_or_default(),
                    rank,
                    nrp,
                })
            }
            _ => Err(e),
        }
    }

    pub fn of(p: &Profile) -> Self {
        ProfileForm {
            display_name: p.display_name.clone(),
            position: p.position.clone(),
            rank: p.rank.clone().unwrap_or_default(),
            nrp: p.nrp.clone(),
        }
    }
}

impl Profile {
    /// As the audit log keeps it.
    pub fn json(&self) -> Value {
        json!({
            "display_name": self.display_name,
            "position": self.position,
            "rank": self.rank,
            "nrp": self.nrp,
        })
    }
}

pub async fn load(db: impl PgExecutor<'_>, user: i64) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as!(
        Profile,
        "select display_name, position, rank, nrp from app_user where id = $1",
        user
    )
    .fetch_optional(db)
    .await
}

/// Stores `p` as the profile of `user` with its audit entry (before and after) in `tx`.
pub async fn save(
    tx: &mut PgConnection,
    user: i64,
    before: &Profile,
    p: &Profile,
    entry: Entry,
) -> AppResult<()> {
    sqlx::query!(
        "update app_user set display_name = $2, position = $3, rank = $4, nrp = $5 where id = $1",
        user,
        p.display_name,
        p.position,
        p.rank,
        p.nrp
    )
    .execute(&mut *tx)
    .await?;
    audit::record(tx, entry.change(Some(before.json()), Some(p.json()))).await?;
    Ok(())
}

#[derive(askama::Template)]
#[template(path = "auth/profile.html")]
pub struct ProfilePage {
    pub ctx: Ctx,
    pub profile: ProfileForm,
    pub profile_errors: FieldErrors,
    pub done: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: String,
}

pub async fn form(Signed(state, ctx, user): Signed, Query(q): Query<Done>) -> AppResult<Response> {
    let p = load(&state.pool, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = ProfilePage {
        ctx,
        profile: ProfileForm::of(&p),
        profile_errors: FieldErrors::default(),
        done: q.ok == "1",
    };
    respond(StatusCode::OK, page)
}

pub async fn update(
    Act(state, ctx, user, meta): Act,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let p = match form.parse() {
        Ok(p) => p,
        Err(errors) => {
            let page = ProfilePage {
                ctx,
                profile: form,
                profile_errors: errors,
                done: false,
            };
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    let mut tx = state.pool.begin().await?;
    let before = load(&mut *tx, user.id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::by(&user, &meta, "user.profile", "user", Some(user.id));
    save(&mut tx, user.id, &before, &p, entry).await?;
    tx.commit().await?;
    Ok(see_other("/akun/profil?ok=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_nrp_is_8_digits_and_a_nip_18() {
        assert_eq!(nrp("87051234"), Ok("87051234".into()));
        assert_eq!(nrp(" 8705 1234 "), Ok("87051234".into()));
        assert_eq!(
            nrp("19800101 200501 1 001"),
            Ok("198001012005011001".into())
        );
        assert_eq!(nrp(""), Ok(String::new()));
        for bad in [
            "1234567",
            "123456789",
            "8705-1234",
            "NRP87051234",
            "１２３４５６７８",
        ] {
            assert_eq!(nrp(bad), Err(NRP_INVALID), "{bad}");
        }
    }

    #[test]
    fn each_bad_field_gets_its_message() {
        let form = ProfileForm {
            display_name: " ".into(),
            position: String::new(),
            rank: "x".repeat(41),
            nrp: "123".into(),
        };
        let e = form.parse().expect_err("bad");
        assert_eq!(e.get("display_name"), Some("Wajib diisi."));
        assert_eq!(e.get("rank"), Some("Maksimal 40 karakter."));
        assert_eq!(e.get("nrp"), Some(NRP_INVALID));
        let good = ProfileForm {
            display_name: " Mardani Tohenes ".into(),
            position: "Kapolsek".into(),
            rank: "AKP".into(),
            nrp: "8705 1234".into(),
        };
        let p = good.parse().expect("good");
        assert_eq!(p.display_name, "Mardani Tohenes");
        assert_eq!(p.nrp, "87051234");
        assert_eq!(ProfileForm::of(&p).rank, "AKP");
    }
}
