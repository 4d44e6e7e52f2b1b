//! Institutions an admin adds (TNI, local government, parties, ormas …); the election bodies
//! come from the regions and police units' rows from their unit.

use axum::response::Response;
use serde_json::json;
use sqlx::PgPool;

use super::{ListQuery, Saved, go, invalid, notice, page, save, split};
use crate::admin::db;
use crate::admin::forms::InstitutionForm;
use crate::admin::{Admin, domain, views};
use crate::auth::{Act, CurrentUser, Signed};
use crate::error::AppResult;
use crate::kit::audit::Entry;
use crate::kit::fields::FieldErrors;
use crate::web::{Ctx, Form, Query};

async fn institutions_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    form: InstitutionForm,
    errors: FieldErrors,
) -> AppResult<views::InstitutionsPage> {
    Ok(views::InstitutionsPage {
        ctx,
        kinds: db::institution_kinds(pool).await?,
        form,
        errors,
        rows: db::recent_institutions(pool, me.scope()).await?,
        notice: None,
    })
}

pub async fn institutions(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let form = InstitutionForm::default();
    let mut p = institutions_page(&state.pool, ctx, &me, form, FieldErrors::default()).await?;
    p.notice = notice(&f.ok);
    page(p)
}

pub async fn create_institution(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Form(form): Form<InstitutionForm>,
) -> AppResult<Response> {
    let kinds: Vec<String> = db::institution_kinds(&state.pool)
        .await?
        .into_iter()
        .map(|k| k.code)
        .collect();
    let (new, mut errors) = split(form.parse(&kinds));
    if let Ok(code) = domain::region_code(&form.region) {
        match db::region_in_scope(&state.pool, me.scope(), &code).await? {
            None => errors.add("region", "Kode wilayah tidak ditemukan."),
            Some(r) if !r.in_scope => {
                errors.add("region", format!("{} di luar wilayah Polda Anda.", r.name))
            }
            Some(_) => {}
        }
    }
    if let Some(new) = new.filter(|_| errors.is_empty()) {
        let after = json!({ "kind": new.kind, "name": new.name, "region_code": new.region_code });
        let saved = save(
            &state.pool,
            async |c| db::insert_institution(c, &new.kind, &new.name, &new.region_code).await,
            |id| {
                Entry::by(&me, &meta, "institution.create", "institution", Some(id))
                    .change(None, Some(after))
            },
            |_| go("/admin/lembaga?ok=lembaga".into()),
        )
        .await?;
        match saved {
            Saved::Done(r) => return Ok(r),
            Saved::Duplicate(c) if c == "institution_election_body" => errors.add(
                "region",
                "Lembaga jenis ini sudah ada untuk wilayah tersebut.",
            ),
            Saved::Duplicate(_) => errors.add(
                "name",
                "Lembaga dengan jenis, wilayah dan nama ini sudah ada.",
            ),
        }
    }
    invalid(institutions_page(&state.lists, ctx, &me, form, errors).await?)
}
