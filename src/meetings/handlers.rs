//! Meeting handlers: list and CSV, log (create), read, edit with optimistic concurrency, the
//! printable report, and photos.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::db::{self, ListFilter};
use super::domain::{self, District, FieldErrors, Lookups};
use super::forms::{AttendeeInput, MeetingForm};
use super::views::{self, Conflict, FormPage, MeetingView};
use crate::AppState;
use crate::auth::{CurrentUser, Role, Scope, policy};
use crate::cache::Stamp;
use crate::elections::Election;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::photos;
use crate::web::{Ctx, Form, Id, Query, RequestMeta, render, see_other};

/// Rows per page of the list.
const PAGE: i64 = 50;
/// Rows at most in one CSV export.
const CSV_MAX: i64 = 50_000;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub from: String,
    pub to: String,
    pub unit: String,
    pub kec: String,
    #[serde(rename = "type")]
    pub type_code: String,
    pub stage: String,
    pub topic: String,
    pub inst: String,
    pub status: String,
    pub q: String,
    /// "belum": only meetings not yet confirmed by every institution
    pub konfirmasi: String,
    pub before: String,
}

impl ListQuery {
    pub fn has_filters(&self) -> bool {
        [
            &self.from,
            &self.to,
            &self.unit,
            &self.kec,
            &self.type_code,
            &self.stage,
            &self.topic,
            &self.inst,
            &self.status,
            &self.q,
            &self.konfirmasi,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }

    /// The query string of these filters (without the page cursor).
    pub fn to_query(&self) -> String {
        [
            ("from", &self.from),
            ("to", &self.to),
            ("unit", &self.unit),
            ("kec", &self.kec),
            ("type", &self.type_code),
            ("stage", &self.stage),
            ("topic", &self.topic),
            ("inst", &self.inst),
            ("status", &self.status),
            ("q", &self.q),
            ("konfirmasi", &self.konfirmasi),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::web::url_encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }

    fn parse(&self) -> (ListFilter, FieldErrors) {
        let mut e = FieldErrors::default();
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let date = |s: &str, field: &str, e: &mut FieldErrors| match s.trim() {
            "" => None,
            v => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .or_else(|| {
                    e.add(field, "Tanggal tidak valid (contoh 2024-11-20).");
                    None
                }),
        };
        let id = |s: &str, field: &str, e: &mut FieldErrors| match s.trim() {
            "" => None,
            v => v.parse::<i64>().ok().or_else(|| {
                e.add(field, "Pilihan tidak dikenal.");
                None
            }),
        };
        let from = date(&self.from, "from", &mut e);
        let to = date(&self.to, "to", &mut e);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            e.add("to", "Tanggal akhir sebelum tanggal awal.");
        }
        let before = self.before.split_once('_').and_then(|(ts, id)| {
            let micros = ts.parse::<i64>().ok()?;
            Some((
                chrono::DateTime::from_timestamp_micros(micros)?,
                id.parse::<i64>().ok()?,
            ))
        });
        let q: String = self.q.trim().chars().take(200).collect();
        let filter = ListFilter {
            from,
            to,
            unit: id(&self.unit, "unit", &mut e),
            district: opt(&self.kec),
            type_code: opt(&self.type_code),
            election: None,
            stage: id(&self.stage, "stage", &mut e),
            topic: opt(&self.topic),
            institution: id(&self.inst, "inst", &mut e),
            status: opt(&self.status),
            q: Some(q).filter(|q| !q.is_empty()),
            unconfirmed: self.konfirmasi == "belum",
            before,
        };
        (filter, e)
    }
}

/// A list page's cache key: the filter as parsed, in the reader's scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListKey {
    scope: Scope,
    filter: ListFilter,
}

/// What a list page reads: its rows (one more than a page, to know there is a next one) and
/// the filter's choices.
pub struct ListData {
    rows: Vec<db::ListRow>,
    units: Vec<db::UnitChoice>,
    types: Vec<db::Choice>,
    topics: Vec<db::Choice>,
    stages: Vec<db::StageChoice>,
}

/// At most `limit` rows of the list, labelled with the type and topic choices; and the choices.
async fn labelled_rows(
    state: &AppState,
    scope: Scope,
    filter: &ListFilter,
    limit: i64,
) -> AppResult<(Vec<db::ListRow>, Vec<db::Choice>, Vec<db::Choice>)> {
    let (types, topics) = (
        db::types(&state.pool).await?,
        db::topics(&state.pool).await?,
    );
    let labels = db::Labels {
        types: &types,
        topics: &topics,
    };
    let rows = db::list(&state.lists, scope, filter, limit, labels).await?;
    Ok((rows, types, topics))
}

async fn load_list(state: &AppState, scope: Scope, filter: &ListFilter) -> AppResult<ListData> {
    let (rows, types, topics) = labelled_rows(state, scope, filter, PAGE + 1).await?;
    Ok(ListData {
        rows,
        units: db::visible_units(&state.lists, scope).await?,
        stages: db::stage_choices(&state.pool).await?,
        types,
        topics,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    Query(q): Query<ListQuery>,
) -> AppResult<Html<String>> {
    let (filter, errors) = q.parse();
    let scope = user.scope();
    let key = ListKey {
        scope,
        filter: filter.clone(),
    };
    let data = state
        .meeting_lists
        .get_or_load(key, stamp, load_list(&state, scope, &filter))
        .await?;
    let mut rows = data.rows.clone();
    let next = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        let last = rows
            .last()
            .map(|r| (r.starts_at.timestamp_micros(), r.id))
            .unwrap_or_default();
        let base = q.to_query();
        format!(
            "/pertemuan?{}{}before={}_{}",
            base,
            if base.is_empty() { "" } else { "&" },
            last.0,
            last.1
        )
    });
    let csv = format!("/pertemuan.csv?{}", q.to_query());
    let page = views::ListPage {
        ctx,
        errors,
        rows,
        next,
        csv,
        units: data.units.clone(),
        types: data.types.clone(),
        topics: data.topics.clone(),
        stages: data.stages.clone(),
        can_create: user.role == Role::Liaison,
        q,
    };
    render(page)
}

pub async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let (mut filter, _) = q.parse();
    filter.before = None;
    let (rows, _, _) = labelled_rows(&state, user.scope(), &filter, CSV_MAX).await?;
    crate::kit::csv::download(
        "pertemuan.csv",
        &[
            "id",
            "tanggal",
            "jam",
            "zona",
            "satuan",
            "judul",
            "kecamatan",
            "jenis",
            "topik",
            "status",
            "lembaga_hadir",
        ],
        rows.iter().map(|r| {
            let tz = crate::regions::tz(&r.tz);
            let local = r.starts_at.with_timezone(&tz);
            vec![
                r.id.to_string(),
                local.format("%Y-%m-%d").to_string(),
                local.format("%H:%M").to_string(),
                crate::web::fmt::zone_abbr(tz).to_string(),
                r.host_name.clone(),
                r.title.clone(),
                r.district_name.clone(),
                r.types.clone(),
                r.topics.clone(),
                views::status_label(&r.status).to_string(),
                r.present.to_string(),
            ]
        }),
    )
}

/// The unit a liaison officer logs for; everyone else may not log meetings.
fn liaison_unit(user: &CurrentUser) -> AppResult<i64> {
    match (user.role, user.unit_id) {
        (Role::Liaison, Some(u)) => Ok(u),
        _ => Err(AppError::Forbidden),
    }
}

/// What the form needs from the database, gathered before parsing.
struct LookupData {
    units: Vec<db::UnitChoice>,
    types: Vec<String>,
    topics: Vec<String>,
    elections: Vec<Election>,
    district: Option<District>,
    institutions: HashMap<i64, Option<String>>,
    attendee_ids: Vec<i64>,
}

impl LookupData {
    async fn load(
        state: &AppState,
        unit: i64,
        form: &MeetingForm,
        attendee_ids: Vec<i64>,
    ) -> AppResult<Self> {
        let code = if form.district_other.trim().is_empty() {
            form.district_code.trim()
        } else {
            form.district_other.trim()
        };
        let district = if code.is_empty() || code.len() > 20 {
            None
        } else {
            db::district(&state.pool, code).await?
        };
        let ids: Vec<i64> = form
            .a_institution
            .iter()
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        Ok(Self {
            units: db::writable_units(&state.pool, unit).await?,
            types: db::types(&state.pool)
                .await?
                .into_iter()
                .map(|c| c.code)
                .collect(),
            topics: db::topics(&state.pool)
                .await?
                .into_iter()
                .map(|c| c.code)
                .collect(),
            elections: crate::elections::load_all(&state.pool).await?,
            district,
            institutions: db::institution_regions(&state.pool, &ids).await?,
            attendee_ids,
        })
    }

    fn parse(&self, form: &MeetingForm) -> Result<domain::NewMeeting, FieldErrors> {
        let units: Vec<(i64, Vec<i64>)> =
            self.units.iter().map(|u| (u.id, u.path.clone())).collect();
        domain::parse(
            form,
            &Lookups {
                writable_units: &units,
                types: &self.types,
                topics: &self.topics,
                elections: &self.elections,
                district: self.district.as_ref(),
                institutions: &self.institutions,
                attendee_ids: &self.attendee_ids,
            },
        )
    }
}

/// Renders the meeting form with the officer's input, messages and choices.
async fn form_page(
    state: &AppState,
    ctx: Ctx,
    unit: i64,
    mut form: MeetingForm,
    errors: FieldErrors,
    editing: Option<i64>,
    conflict: Option<Conflict>,
) -> AppResult<FormPage> {
    let units = db::writable_units(&state.pool, unit).await?;
    let host = form
        .host_unit_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| units.iter().any(|u| u.id == *h))
        .unwrap_or(unit);
    let districts = db::area_districts(&state.pool, host).await?;
    if form.district_code.is_empty() && form.district_other.is_empty() && districts.len() == 1 {
        form.district_code = districts[0].code.clone();
    }
    let district = if form.district_other.trim().is_empty() {
        form.district_code.trim()
    } else {
        form.district_other.trim()
    };
    let area = if district.is_empty() {
        db::unit_area_code(&state.pool, host)
            .await?
            .unwrap_or_default()
    } else {
        district.to_string()
    };
    let host_path = units
        .iter()
        .find(|u| u.id == host)
        .map(|u| u.path.clone())
        .unwrap_or_default();
    let mut rows = form.attendees();
    let blanks = if form.action == "add_row" {
        1
    } else if rows.is_empty() {
        3
    } else {
        0
    };
    rows.extend((0..blanks).map(|_| AttendeeInput::default()));
    let elections = crate::elections::load_all(&state.pool)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    Ok(FormPage {
        ctx,
        rows,
        errors,
        districts,
        types: db::types(&state.pool).await?,
        topics: db::topics(&state.pool).await?,
        elections,
        institutions: db::institution_choices(&state.pool, &area, &host_path).await?,
        kinds: db::inline_kinds(&state.pool).await?,
        action: match editing {
            Some(id) => format!("/pertemuan/{id}/ubah"),
            None => "/pertemuan/baru".into(),
        },
        editing,
        conflict,
        units,
        form,
    })
}

fn respond(status: StatusCode, page: FormPage) -> AppResult<Response> {
    Ok((status, render(page)?).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<Response> {
    let unit = liaison_unit(&user)?;
    let host_institution =
        sqlx::query_scalar!("select id from institution where police_unit_id = $1", unit)
            .fetch_optional(&state.pool)
            .await?;
    let form = MeetingForm {
        host_unit_id: unit.to_string(),
        idem: crate::web::random_token(16),
        status: "held".into(),
        duration: "120".into(),
        a_institution: host_institution
            .map(|i| vec![i.to_string(), String::new(), String::new()])
            .unwrap_or_default(),
        a_name: vec![user.display_name.clone(), String::new(), String::new()],
        a_position: vec![user.position.clone(), String::new(), String::new()],
        ..Default::default()
    };
    respond(
        StatusCode::OK,
        form_page(&state, ctx, unit, form, FieldErrors::default(), None, None).await?,
    )
}

fn valid_key(k: &str) -> bool {
    (16..=64).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let unit = liaison_unit(&user)?;
    if form.action == "add_row" {
        return respond(
            StatusCode::OK,
            form_page(&state, ctx, unit, form, FieldErrors::default(), None, None).await?,
        );
    }
    let key = form.idem.trim().to_string();
    if !valid_key(&key) {
        return Err(AppError::BadRequest(
            "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi.".into(),
        ));
    }
    if let Some(id) = db::by_idempotency_key(&state.pool, &key).await? {
        return Ok(see_other(&format!("/pertemuan/{id}")));
    }
    let lookups = LookupData::load(&state, unit, &form, Vec::new()).await?;
    let m = match lookups.parse(&form) {
        Ok(m) => m,
        Err(errors) => {
            return respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                form_page(&state, ctx, unit, form, errors, None, None).await?,
            );
        }
    };
    let mut tx = state.pool.begin().await?;
    let id = match db::insert(&mut tx, &m, Some(user.id), Some(&key)).await {
        Ok(id) => id,
        Err(sqlx::Error::Database(d)) if d.constraint() == Some("meeting_idempotency_key_key") => {
            drop(tx);
            let id = db::by_idempotency_key(&state.pool, &key)
                .await?
                .ok_or(AppError::NotFound)?;
            return Ok(see_other(&format!("/pertemuan/{id}")));
        }
        Err(e) => return Err(e.into()),
    };
    let after = serde_json::to_value(&m).ok();
    audit::record(
        &mut tx,
        Entry::by(&user, &meta, "meeting.create", "meeting", Some(id))
            .unit(Some(m.host_unit_id))
            .change(None, after),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(meeting.id = id, user.id = user.id, "meeting logged");
    Ok(see_other(&format!("/pertemuan/{id}")))
}

async fn load_view(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingView> {
    let m = db::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let (types, topics) = db::meeting_labels(&state.pool, id).await?;
    Ok(MeetingView {
        types,
        topics,
        attendees: db::attendees(&state.pool, id).await?,
        photos: db::photos(&state.pool, id).await?,
        m,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    Id(id): Id,
) -> AppResult<Html<String>> {
    render(show_page(&state, ctx, &user, id, Shown::Read(stamp)).await?)
}

/// A meeting page's cache key: the same meeting reads differently in different scopes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey {
    meeting: i64,
    scope: Scope,
}

/// What a meeting page reads, whoever in the scope reads it.
pub struct PageData {
    v: MeetingView,
    history: Vec<db::HistoryRow>,
    commitments: Vec<crate::commitments::db::Row>,
    carry: Vec<crate::commitments::db::CarryOver>,
    disputes: Vec<crate::confirmations::db::DisputeRow>,
}

async fn load_page(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<PageData> {
    let v = load_view(state, user, id).await?;
    let scope = user.scope();
    Ok(PageData {
        history: db::history(&state.pool, id).await?,
        commitments: crate::commitments::db::for_meeting(
            &state.pool,
            id,
            scope,
            state.config.escalate_days,
        )
        .await?,
        carry: crate::commitments::db::carry_over(&state.pool, id, scope).await?,
        disputes: crate::confirmations::db::disputes(&state.pool, id).await?,
        v,
    })
}

/// Why the meeting page is shown.
pub enum Shown {
    /// To read it: what it shows may come from the cache (`crate::cache`).
    Read(Stamp),
    /// Again after a rejected form on it (a new commitment, a photo), read afresh.
    Rejected {
        c_form: crate::commitments::NewForm,
        c_errors: FieldErrors,
        photo_error: Option<String>,
    },
}

/// The meeting page with its follow-up section.
pub async fn show_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: i64,
    shown: Shown,
) -> AppResult<views::ShowPage> {
    let (data, c_form, c_errors, photo_error) = match shown {
        Shown::Read(stamp) => {
            let key = PageKey {
                meeting: id,
                scope: user.scope(),
            };
            let data = state
                .meeting_pages
                .get_or_load(key, stamp, load_page(state, user, id))
                .await?;
            (data, Default::default(), FieldErrors::default(), None)
        }
        Shown::Rejected {
            c_form,
            c_errors,
            photo_error,
        } => (
            Arc::new(load_page(state, user, id).await?),
            c_form,
            c_errors,
            photo_error,
        ),
    };
    let can_edit = policy::may_write_meetings_of(user, &data.v.m.unit_path);
    let owners = if can_edit {
        crate::commitments::owner_choices(&state.pool, id)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(views::ShowPage {
        ctx,
        badge: crate::confirmations::badge(data.v.attendees.iter().map(|a| {
            crate::confirmations::BadgeLine {
                institution_id: a.institution_id,
                police: a.kind == "polri",
                answered: a.confirmation != "pending",
            }
        })),
        history: data.history.clone(),
        can_edit,
        photo_error,
        commitments: data.commitments.clone(),
        carry: data.carry.clone(),
        owners,
        c_form,
        c_errors,
        disputes: data.disputes.clone(),
        v: data.v.clone(),
    })
}

pub async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Id(id): Id,
) -> AppResult<Html<String>> {
    let v = load_view(&state, &user, id).await?;
    let commander = v
        .attendees
        .iter()
        .find(|a| a.kind == "polri" && a.position.starts_with("Kapol"))
        .map(|a| {
            format!("{}|{} {}", a.position, a.rank, a.person_name)
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| format!("Kepala {}|", v.m.host_name));
    render(views::ReportPage { ctx, v, commander })
}

/// The form filled from what is stored.
fn form_from(
    v: &MeetingView,
    type_codes: Vec<String>,
    topic_codes: Vec<String>,
    election: Option<i64>,
) -> MeetingForm {
    let tz = v.tz();
    let local = v.m.starts_at.with_timezone(&tz);
    let col = |f: fn(&db::AttendeeRow) -> String| v.attendees.iter().map(f).collect::<Vec<_>>();
    MeetingForm {
        host_unit_id: v.m.host_unit_id.to_string(),
        types: type_codes,
        title: v.m.title.clone(),
        purpose: v.m.purpose.clone(),
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        duration: v.m.duration_minutes.to_string(),
        venue_name: v.m.venue_name.clone(),
        venue_address: v.m.venue_address.clone(),
        district_code: v.m.district_code.clone(),
        district_other: String::new(),
        latitude: v.m.latitude.map(|x| x.to_string()).unwrap_or_default(),
        longitude: v.m.longitude.map(|x| x.to_string()).unwrap_or_default(),
        election: election
            .map(|e| e.to_string())
            .unwrap_or_else(|| "none".into()),
        topics: topic_codes,
        minutes: v.m.minutes.clone(),
        outcome: v.m.outcome.clone(),
        status: v.m.status.clone(),
        cancel_reason: v.m.cancel_reason.clone(),
        version: v.m.version.to_string(),
        idem: String::new(),
        action: String::new(),
        a_id: col(|a| a.id.to_string()),
        a_institution: col(|a| a.institution_id.to_string()),
        a_new_kind: col(|_| String::new()),
        a_new_name: col(|_| String::new()),
        a_name: col(|a| a.person_name.clone()),
        a_position: col(|a| a.position.clone()),
        a_rank: col(|a| a.rank.clone()),
        a_members: col(|a| a.members.to_string()),
        a_represents: col(|a| a.represents.clone()),
        a_phone: col(|a| a.phone.clone().unwrap_or_default()),
        a_attendance: col(|a| a.attendance.clone()),
    }
}

/// The meeting, if `user` may edit it (else 404 when unseen, 403 when only readable).
async fn editable(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<(i64, MeetingView)> {
    let unit = liaison_unit(user)?;
    let v = load_view(state, user, id).await?;
    if !policy::may_write_meetings_of(user, &v.m.unit_path) {
        return Err(AppError::Forbidden);
    }
    Ok((unit, v))
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    let (unit, v) = editable(&state, &user, id).await?;
    let (types, topics) = db::meeting_codes(&state.pool, id).await?;
    let form = form_from(&v, types, topics, v.m.election_id);
    respond(
        StatusCode::OK,
        form_page(
            &state,
            ctx,
            unit,
            form,
            FieldErrors::default(),
            Some(id),
            None,
        )
        .await?,
    )
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    Form(mut form): Form<MeetingForm>,
) -> AppResult<Response> {
    let (unit, v) = editable(&state, &user, id).await?;
    if form.action == "add_row" {
        return respond(
            StatusCode::OK,
            form_page(
                &state,
                ctx,
                unit,
                form,
                FieldErrors::default(),
                Some(id),
                None,
            )
            .await?,
        );
    }
    let version: i32 = form.version.trim().parse().unwrap_or(0);
    let ids = v.attendees.iter().map(|a| a.id).collect();
    let lookups = LookupData::load(&state, unit, &form, ids).await?;
    let m = match lookups.parse(&form) {
        Ok(m) => m,
        Err(errors) => {
            return respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                form_page(&state, ctx, unit, form, errors, Some(id), None).await?,
            );
        }
    };
    if m.status == "reported" && crate::confirmations::db::open_disputes(&state.pool, id).await? > 0
    {
        let mut errors = FieldErrors::default();
        errors.add("status", "Masih ada sanggahan peserta yang belum ditanggapi secara tertulis. Tanggapi dulu di halaman konfirmasi.");
        return respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(&state, ctx, unit, form, errors, Some(id), None).await?,
        );
    }
    let before = serde_json::json!({ "meeting": &v.m, "attendees": &v.attendees });
    let mut tx = state.pool.begin().await?;
    if !db::update(&mut tx, id, version, unit, &m).await? {
        drop(tx);
        let current = db::meeting(&state.pool, id, user.scope())
            .await?
            .ok_or(AppError::NotFound)?;
        let last = db::history(&state.pool, id).await?.into_iter().next();
        let conflict = Conflict {
            by: last.as_ref().map(|h| h.actor.clone()).unwrap_or_default(),
            at: last
                .map(|h| crate::web::fmt::datetime(h.at, crate::regions::tz(&current.tz)))
                .unwrap_or_default(),
            current,
        };
        form.version = conflict.current.version.to_string();
        let mut errors = FieldErrors::default();
        errors.add("version", "Pertemuan ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih di bawah; bandingkan dengan data terbaru lalu simpan lagi.");
        return respond(
            StatusCode::CONFLICT,
            form_page(&state, ctx, unit, form, errors, Some(id), Some(conflict)).await?,
        );
    }
    audit::record(
        &mut tx,
        Entry::by(&user, &meta, "meeting.update", "meeting", Some(id))
            .unit(Some(m.host_unit_id))
            .change(Some(before), serde_json::to_value(&m).ok()),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}")))
}

pub async fn upload_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let (_, v) = editable(&state, &user, id).await?;
    let host_unit_id = v.m.host_unit_id;
    drop(v);
    let mut bytes = Vec::new();
    let mut caption = String::new();
    let mut too_large = false;
    let mut unreadable = false;
    let mut multipart = match multipart {
        Ok(m) => Some(m),
        Err(_) => {
            unreadable = true;
            None
        }
    };
    while let Some(multipart) = multipart.as_mut() {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                too_large = true;
                break;
            }
        };
        match field.name() {
            Some("photo") => match field.bytes().await {
                Ok(b) => bytes = b.to_vec(),
                Err(_) => too_large = true,
            },
            Some("caption") => {
                caption = field
                    .text()
                    .await
                    .unwrap_or_default()
                    .trim()
                    .chars()
                    .take(300)
                    .collect()
            }
            _ => {}
        }
    }
    let processed = if unreadable {
        Err(photos::PhotoError::Empty)
    } else if too_large {
        Err(photos::PhotoError::TooLarge)
    } else {
        tokio::task::spawn_blocking(move || photos::process(&bytes))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
    };
    let p = match processed {
        Ok(p) => p,
        Err(e) => {
            let rejected = Shown::Rejected {
                c_form: Default::default(),
                c_errors: FieldErrors::default(),
                photo_error: Some(e.to_string()),
            };
            let page = show_page(&state, ctx, &user, id, rejected).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
        }
    };
    let sha = crate::web::sha256_hex(&[&p.image]);
    let mut tx = state.pool.begin().await?;
    let pid = sqlx::query_scalar!(
        "insert into photo (meeting_id, caption, width, height, image, thumb, sha256, uploaded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (meeting_id, sha256) do nothing returning id",
        id,
        caption,
        p.width as i32,
        p.height as i32,
        p.image,
        p.thumb,
        sha,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(pid) = pid {
        audit::record(
            &mut tx,
            Entry::by(&user, &meta, "photo.add", "meeting", Some(id))
                .unit(Some(host_unit_id))
                .change(
                    None,
                    Some(serde_json::json!({ "photo": pid, "caption": caption })),
                ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}#dokumentasi")))
}

pub async fn photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, pid, size)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let (Ok(id), Ok(pid)) = (id.parse::<i64>(), pid.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    if db::meeting(&state.pool, id, user.scope()).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let row = sqlx::query!(
        "select image, thumb from photo where id = $1 and meeting_id = $2",
        pid,
        id
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let body = match size.as_str() {
        "besar.jpg" => row.image,
        "kecil.jpg" => row.thumb,
        _ => return Err(AppError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
        ],
        body,
    )
        .into_response())
}
