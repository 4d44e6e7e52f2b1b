//! The coverage-by-risk page (`/dasbor/kerawanan`) and the admin's rows (`/admin/kerawanan`).

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Days, NaiveDate, Utc};
use serde_json::json;

use super::db;
use super::domain;
use super::forms::{self, CoverageQuery, EntryForm, ListQuery};
use super::views::{AdminPage, ChildLine, CoveragePage, SourceLine};
use super::weighting::{self, District};
use crate::AppState;
use crate::auth::{Act, CurrentUser, Role, Signed, policy};
use crate::elections;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::fields::FieldErrors;
use crate::web::{Ctx, Form, Id, Query, respond, see_other};

/// Days in the coverage window (the "this fortnight").
pub const WINDOW_DAYS: u64 = 14;
/// Gaps listed on the page (riskiest first).
const GAPS_SHOWN: usize = 50;

pub async fn coverage(
    Signed(state, ctx, user): Signed,
    Query(q): Query<CoverageQuery>,
) -> AppResult<Response> {
    if user.role == Role::Official {
        return Ok(see_other("/saya"));
    }
    let scope = user.scope();
    let unit = unit_for(&state, &user, &q.unit).await?;
    let all = elections::load_all(&state.pool).await?;
    let tz: chrono_tz::Tz = unit.tz.parse().unwrap_or(chrono_tz::Asia::Jakarta);
    let today = elections::local_date(Utc::now(), tz);
    let election = match q.pemilu.trim() {
        "" => elections::default_election(&all, today),
        slug => Some(
            all.iter()
                .find(|e| e.slug == slug)
                .ok_or_else(|| AppError::BadRequest("Pemilihan tidak dikenal.".into()))?,
        ),
    }
    .ok_or(AppError::NotFound)?;
    let to = match q.sampai.trim() {
        "" => period_end(election, today),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&d.year()))
            .ok_or_else(|| {
                AppError::BadRequest("Tanggal akhir tidak valid: tulis seperti 2024-11-27.".into())
            })?,
    };
    let from = to - Days::new(WINDOW_DAYS - 1);
    let national = scope.national && unit.parent_id.is_none();
    let districts = db::districts(&state.lists, &unit, national, election.id, to).await?;
    let children = db::children(&state.pool, unit.id).await?;
    let (per, total) = weighting::coverage(&districts, from);
    let lines = per
        .into_iter()
        .map(|cov| ChildLine {
            id: cov.child,
            name: cov
                .child
                .and_then(|c| children.iter().find(|x| x.id == c))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| ctx.t.f("rawan.directly", &unit.name)),
            cov,
        })
        .collect();
    let sources = sources_of(&districts);
    let gaps: Vec<District> = weighting::gaps(&districts, from)
        .into_iter()
        .cloned()
        .collect();
    let page = CoveragePage {
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        parent_id: unit
            .parent_id
            .filter(|p| scope.national || unit.path.contains(p) && user.unit_id != Some(unit.id)),
        election_slug: election.slug.clone(),
        election_name: election.name.clone(),
        elections: db::elections(&state.pool).await?,
        from,
        to,
        has_data: !sources.is_empty(),
        sample_shown: sources.iter().any(|s| s.is_sample),
        sources,
        lines,
        total,
        gaps_total: gaps.len(),
        gaps: gaps.into_iter().take(GAPS_SHOWN).collect(),
        ctx,
    };
    respond(StatusCode::OK, page)
}

/// The unit asked for (`?unit=`), else the user's own (Mabes for a national admin), in scope.
async fn unit_for(state: &AppState, user: &CurrentUser, asked: &str) -> AppResult<db::UnitInfo> {
    let wanted = match asked.trim() {
        "" => match user.unit_id {
            Some(u) => Some(u),
            None => db::root_unit(&state.pool).await?,
        },
        s => Some(s.parse::<i64>().map_err(|_| outside())?),
    };
    let id = wanted.ok_or(AppError::NotFound)?;
    db::unit_in_scope(&state.pool, id, user.scope())
        .await?
        .ok_or_else(outside)
}

/// The sources and dates of the figures the page uses, each once.
fn sources_of(districts: &[District]) -> Vec<SourceLine> {
    let mut sources: Vec<SourceLine> = districts
        .iter()
        .filter_map(|d| d.risk.as_ref())
        .map(|r| SourceLine {
            source: r.source.clone(),
            as_of: r.as_of,
            is_sample: r.is_sample,
        })
        .collect();
    sources.sort();
    sources.dedup();
    sources
}

fn outside() -> AppError {
    AppError::BadRequest("Satuan tidak ditemukan di wilayah Anda.".into())
}

/// The window's last day: today while the election is upcoming or under way, else its voting
/// day (the dashboard's rule, so a past election reads as it stood).
fn period_end(e: &elections::Election, today: NaiveDate) -> NaiveDate {
    let last = e.stages.last().map_or(e.voting_day, |s| s.ends_on);
    if last >= today { today } else { e.voting_day }
}

// ---- admin ----

fn admin(user: &CurrentUser) -> AppResult<()> {
    if policy::is_admin(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn notice(code: &str) -> Option<&'static str> {
    match code {
        "disimpan" => Some("Data kerawanan disimpan."),
        _ => None,
    }
}

async fn admin_page(
    state: &AppState,
    ctx: Ctx,
    me: &CurrentUser,
    editing: Option<db::Row>,
    form: EntryForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> AppResult<AdminPage> {
    Ok(AdminPage {
        ctx,
        notice,
        editing,
        form,
        errors,
        elections: db::elections(&state.pool).await?,
        rows: db::rows(&state.pool, me.scope(), None).await?,
    })
}

pub async fn admin_list(
    Signed(state, ctx, me): Signed,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    admin(&me)?;
    let form = EntryForm {
        as_of: Utc::now().date_naive().to_string(),
        ..EntryForm::default()
    };
    let page = admin_page(
        &state,
        ctx,
        &me,
        None,
        form,
        FieldErrors::default(),
        notice(&q.ok),
    )
    .await?;
    respond(StatusCode::OK, page)
}

pub async fn admin_edit(Signed(state, ctx, me): Signed, Id(id): Id) -> AppResult<Response> {
    admin(&me)?;
    let row = db::rows(&state.pool, me.scope(), Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let form = EntryForm {
        region: row.region_code.clone(),
        election: row.election_slug.clone(),
        source: row.source.clone(),
        as_of: row.as_of.to_string(),
        score: row.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
        tier: row.tier.clone(),
        tps_total: row.tps_total.map(|n| n.to_string()).unwrap_or_default(),
        tps_rawan: row.tps_rawan.map(|n| n.to_string()).unwrap_or_default(),
    };
    let page = admin_page(
        &state,
        ctx,
        &me,
        Some(row),
        form,
        FieldErrors::default(),
        None,
    )
    .await?;
    respond(StatusCode::OK, page)
}

/// Checks the form and the admin's area; the entry and its election id, or the errors.
async fn check(
    state: &AppState,
    me: &CurrentUser,
    form: &EntryForm,
) -> AppResult<Result<(domain::Entry, i64), FieldErrors>> {
    let entry = forms::parse(form);
    let mut errors = entry.as_ref().err().cloned().unwrap_or_default();
    let election = db::elections(&state.pool)
        .await?
        .into_iter()
        .find(|e| e.slug == form.election.trim())
        .map(|e| e.id);
    if election.is_none() {
        errors.add("election", "Pilih pemilihan.");
    }
    if let Ok(e) = &entry
        && !db::region_in_area(&state.pool, me.scope(), &e.region_code).await?
    {
        errors.add(
            "region",
            "Kode wilayah tidak dikenal atau di luar wilayah Anda.",
        );
    }
    Ok(match (entry, election) {
        (Ok(e), Some(id)) if errors.is_empty() => Ok((e, id)),
        _ => Err(errors),
    })
}

pub async fn admin_save(
    Act(state, ctx, me, meta): Act,
    Form(form): Form<EntryForm>,
) -> AppResult<Response> {
    admin(&me)?;
    let (entry, election) = match check(&state, &me, &form).await? {
        Ok(v) => v,
        Err(errors) => {
            let page = admin_page(&state, ctx, &me, None, form, errors, None).await?;
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    let mut tx = state.pool.begin().await?;
    let id = db::upsert(&mut *tx, &entry, election, me.id).await?;
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "kerawanan.save", "kerawanan", Some(id))
            .change(None, Some(entry_json(&entry))),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/kerawanan?ok=disimpan"))
}

pub async fn admin_update(
    Act(state, ctx, me, meta): Act,
    Id(id): Id,
    Form(form): Form<EntryForm>,
) -> AppResult<Response> {
    admin(&me)?;
    let before = db::rows(&state.pool, me.scope(), Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let (entry, election) = match check(&state, &me, &form).await? {
        Ok(v) => v,
        Err(errors) => {
            let page = admin_page(&state, ctx, &me, Some(before), form, errors, None).await?;
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    let mut tx = state.pool.begin().await?;
    match db::update(&mut *tx, id, &entry, election, me.id).await {
        Ok(_) => {}
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            let mut errors = FieldErrors::default();
            errors.add(
                "source",
                "Sudah ada data dengan sumber, pemilihan dan wilayah yang sama.",
            );
            let page = admin_page(&state, ctx, &me, Some(before), form, errors, None).await?;
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "kerawanan.update", "kerawanan", Some(id)).change(
            Some(
                json!({ "region": before.region_code, "source": before.source, "tier": before.tier,
                         "score": before.score, "as_of": before.as_of }),
            ),
            Some(entry_json(&entry)),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/kerawanan?ok=disimpan"))
}

fn entry_json(e: &domain::Entry) -> serde_json::Value {
    json!({ "region": e.region_code, "election": e.election_slug, "source": e.source, "as_of": e.as_of,
            "score": e.score, "tier": e.tier.code(), "tps_total": e.tps_total, "tps_rawan": e.tps_rawan })
}
