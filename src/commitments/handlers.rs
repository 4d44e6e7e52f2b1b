//! Commitment handlers: the follow-up list and its CSV, one commitment's page with its
//! timeline and actions, adding commitments to a meeting, and actions through a confirmation link.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::db::{self, Filter, NewCommitment};
use super::domain::{self, PRIORITIES};
use super::views;
use crate::AppState;
use crate::auth::{CurrentUser, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::meetings::db as mdb;
use crate::meetings::domain::FieldErrors;
use crate::web::{Ctx, Form, Id, Query, RequestMeta, render, see_other};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: String,
    pub terlambat: String,
    pub eskalasi: String,
    pub pemilik: String,
    pub dalam: String,
    pub pemilihan: String,
    pub sendiri: String,
}

impl ListQuery {
    pub fn to_query(&self) -> String {
        [
            ("status", &self.status),
            ("terlambat", &self.terlambat),
            ("eskalasi", &self.eskalasi),
            ("pemilik", &self.pemilik),
            ("dalam", &self.dalam),
            ("pemilihan", &self.pemilihan),
            ("sendiri", &self.sendiri),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::web::url_encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }

    fn parse(&self) -> Result<Filter, String> {
        let status = Some(self.status.trim().to_string()).filter(|s| !s.is_empty());
        if let Some(s) = &status
            && !domain::STATUSES.iter().any(|(c, _)| c == s)
        {
            return Err("Status tidak dikenal.".into());
        }
        let due_within = match self.dalam.trim() {
            "" => None,
            s => Some(
                s.parse::<i32>()
                    .ok()
                    .filter(|d| (0..=365).contains(d))
                    .ok_or("Jatuh tempo dalam 0–365 hari.")?,
            ),
        };
        let election = match self.pemilihan.trim() {
            "" => None,
            s => Some(s.parse::<i64>().map_err(|_| "Pemilihan tidak dikenal.")?),
        };
        let category = Some(self.pemilik.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Filter {
            status,
            overdue: self.terlambat == "1",
            escalated: self.eskalasi == "1",
            owner_category: category,
            due_within,
            election,
            own: self.sendiri == "1",
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = user.scope();
    let (filter, error) = match q.parse() {
        Ok(f) => (f, None),
        Err(e) => (Filter::default(), Some(e)),
    };
    let rows = db::list(
        &state.lists,
        scope,
        user.unit_id,
        &filter,
        state.config.escalate_days,
        500,
    )
    .await?;
    let counts = db::counts(&state.lists, scope).await?;
    let csv = format!("/tindak-lanjut.csv?{}", q.to_query());
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = views::ListPage {
        ctx,
        rows,
        counts,
        csv,
        error,
        has_unit: user.unit_id.is_some(),
        q,
    };
    Ok((status, render(page)?).into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let filter = q.parse().map_err(AppError::BadRequest)?;
    let rows = db::list(
        &state.lists,
        user.scope(),
        user.unit_id,
        &filter,
        state.config.escalate_days,
        50_000,
    )
    .await?;
    crate::kit::csv::download(
        "tindak-lanjut.csv",
        &[
            "id",
            "pertemuan",
            "satuan",
            "tindak_lanjut",
            "pemilik",
            "tenggat",
            "status",
            "hari_terlambat",
            "eskalasi",
        ],
        rows.iter().map(|r| {
            vec![
                r.id.to_string(),
                r.meeting_title.clone(),
                r.host_name.clone(),
                r.what.clone(),
                r.owner_name.clone(),
                r.due_on.to_string(),
                domain::status_label(&r.status).to_string(),
                r.days_overdue.to_string(),
                r.level.to_string(),
            ]
        }),
    )
}

fn parties(c: &db::Detail) -> policy::CommitmentParties<'_> {
    policy::CommitmentParties {
        host_path: &c.unit_path,
        owner_institution_id: c.owner_institution_id,
        owner_police_path: c.owner_police_path.as_deref(),
        to_institution_id: c.to_institution_id,
    }
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    c: db::Detail,
    error: Option<String>,
    body: String,
) -> AppResult<views::ShowPage> {
    let p = parties(&c);
    let days = domain::days_overdue(
        &c.status,
        c.due_on,
        crate::regions::tz(&c.due_tz),
        chrono::Utc::now(),
    );
    Ok(views::ShowPage {
        ctx,
        notes: db::notes(&state.pool, c.id).await?,
        days_overdue: days,
        level: domain::escalation_level(days, state.config.escalate_days)
            .min((c.unit_path.len() as i64 - 2).max(0)),
        may_update: policy::may_update_commitment(user, &p),
        may_verify: policy::may_verify_commitment(user, &p),
        may_drop: policy::may_manage_commitments(user, &c.unit_path),
        error,
        body,
        c,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    let c = db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(render(show_page(&state, ctx, &user, c, None, String::new()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActForm {
    action: String,
    body: String,
    reason: String,
    version: String,
    /// an optional photo with a progress note (multipart forms only)
    #[serde(skip)]
    photo: Option<Vec<u8>>,
}

/// The action form, sent urlencoded or (with a photo) as multipart.
pub struct ActInput(ActForm);

impl axum::extract::FromRequest<AppState> for ActInput {
    type Rejection = AppError;

    async fn from_request(
        req: axum::extract::Request,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let Form(f) = Form::<ActForm>::from_request(req, state).await?;
            return Ok(ActInput(f));
        }
        let mut m = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("Isian formulir tidak dapat dibaca.".into()))?;
        let mut f = ActForm::default();
        while let Ok(Some(field)) = m.next_field().await {
            let name = field.name().unwrap_or("").to_string();
            if name == "photo" {
                let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                if !bytes.is_empty() {
                    f.photo = Some(bytes.to_vec());
                }
                continue;
            }
            let text = field.text().await.unwrap_or_default().replace('\0', "");
            match name.as_str() {
                "action" => f.action = text,
                "body" => f.body = text,
                "reason" => f.reason = text,
                "version" => f.version = text,
                _ => {}
            }
        }
        Ok(ActInput(f))
    }
}

/// What an action does: the target status (None for a plain note) and whether a text is required.
fn plan(action: &str) -> Option<(Option<&'static str>, bool)> {
    Some(match action {
        "note" => (None, true),
        "in_progress" => (Some("in_progress"), false),
        "done" => (Some("done"), false),
        "reopen" => (Some("open"), false),
        "verify" => (Some("verified"), false),
        "reject" => (Some("in_progress"), true),
        "drop" => (Some("dropped"), false),
        _ => return None,
    })
}

/// Applies an action by someone already allowed to; Err(message) for the person.
async fn apply(
    state: &AppState,
    c: &db::Detail,
    f: &ActForm,
    author: &str,
    user_id: Option<i64>,
    entry: Entry,
) -> AppResult<Result<(), String>> {
    let Some((to, needs_text)) = plan(f.action.trim()) else {
        return Ok(Err("Tindakan tidak dikenal.".into()));
    };
    let body = f.body.trim();
    let reason = f.reason.trim();
    if body.chars().count() > 2000 || reason.chars().count() > 1000 {
        return Ok(Err(
            "Catatan paling banyak 2000 karakter, alasan 1000.".into()
        ));
    }
    if needs_text && body.is_empty() {
        return Ok(Err("Tuliskan catatannya.".into()));
    }
    if to == Some("dropped") && reason.is_empty() {
        return Ok(Err("Tuliskan alasan pembatalan.".into()));
    }
    if let Some(to) = to
        && !domain::may_move(&c.status, to)
    {
        return Ok(Err(format!(
            "Status \"{}\" tidak dapat diubah menjadi \"{}\".",
            domain::status_label(&c.status),
            domain::status_label(to)
        )));
    }
    let image = match f.photo.clone() {
        None => None,
        Some(bytes) => {
            let processed =
                tokio::task::spawn_blocking(move || crate::kit::photos::process(&bytes))
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
            match processed {
                Ok(p) => Some(p.image),
                Err(e) => return Ok(Err(e.to_string())),
            }
        }
    };
    let version: i32 = f.version.trim().parse().unwrap_or(-1);
    let mut tx = state.pool.begin().await?;
    if let Some(to) = to {
        let verified_by = (to == "verified").then_some(author);
        if !db::move_status(&mut tx, c.id, version, &c.status, to, reason, verified_by).await? {
            return Ok(Err("Tindak lanjut ini sudah diubah orang lain. Catatan Anda masih di bawah; periksa status terbaru lalu kirim lagi.".into()));
        }
    } else if version != c.version {
        return Ok(Err("Tindak lanjut ini sudah diubah orang lain. Catatan Anda masih di bawah; periksa status terbaru lalu kirim lagi.".into()));
    }
    let text = if !body.is_empty() {
        body.to_string()
    } else if !reason.is_empty() {
        reason.to_string()
    } else {
        domain::status_label(to.unwrap_or(&c.status)).to_string()
    };
    db::add_note(
        &mut tx,
        c.id,
        author,
        user_id,
        &text,
        to.map(|t| (c.status.as_str(), t)),
        image.as_deref(),
    )
    .await?;
    let entry = entry.unit(Some(c.host_unit_id)).change(
        Some(serde_json::json!({ "status": c.status, "version": c.version })),
        Some(serde_json::json!({ "status": to.unwrap_or(&c.status), "note": text })),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    ActInput(f): ActInput,
) -> AppResult<Response> {
    let c = db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let p = parties(&c);
    let allowed = match f.action.trim() {
        "note" => {
            policy::may_update_commitment(&user, &p) || policy::may_verify_commitment(&user, &p)
        }
        "in_progress" | "done" | "reopen" => policy::may_update_commitment(&user, &p),
        "verify" | "reject" => policy::may_verify_commitment(&user, &p),
        "drop" => policy::may_manage_commitments(&user, &c.unit_path),
        _ => {
            policy::may_update_commitment(&user, &p)
                || policy::may_verify_commitment(&user, &p)
                || policy::may_manage_commitments(&user, &c.unit_path)
        }
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let author = format!("{} ({})", user.display_name, user.post());
    let entry = Entry::by(&user, &meta, "commitment.update", "commitment", Some(id));
    match apply(&state, &c, &f, &author, Some(user.id), entry).await? {
        Ok(()) => Ok(see_other(&format!("/tindak-lanjut/{id}"))),
        Err(msg) => {
            let c = db::get(&state.pool, id, user.scope())
                .await?
                .ok_or(AppError::NotFound)?;
            let status = if msg.contains("orang lain") {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = show_page(&state, ctx, &user, c, Some(msg), f.body.clone()).await?;
            Ok((status, render(page)?).into_response())
        }
    }
}

/// What was typed into the "add a commitment" form on a meeting page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub what: String,
    pub owner: String,
    pub owner_person: String,
    pub to: String,
    pub due: String,
    pub priority: String,
}

/// Institutions that can own a commitment of this meeting: its attendees' and the host's chain.
pub async fn owner_choices(state: &AppState, m: &mdb::MeetingRow) -> AppResult<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        r#"select distinct i.id, i.name from institution i
           left join police_unit pu on pu.id = i.police_unit_id
           where i.id in (select institution_id from attendee where meeting_id = $1) or pu.id = any($2)
           order by i.name"#,
        m.id,
        &m.unit_path
    )
    .fetch_all(&state.pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

/// Adds the commitment typed into form `f` to meeting `id` (the meeting page's form, whose
/// handler is in `crate::pages`): `Ok(Err(messages))` to show the form again.
pub async fn add_to_meeting(
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    id: i64,
    f: &NewForm,
) -> AppResult<Result<i64, FieldErrors>> {
    let m = mdb::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    if !policy::may_manage_commitments(user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::default();
    let what = f.what.trim();
    let n = what.chars().count();
    if n < 3 {
        e.add(
            "c_what",
            "Tuliskan apa yang dijanjikan (minimal 3 karakter).",
        );
    } else if n > 1000 {
        e.add(
            "c_what",
            format!("Terlalu panjang: {n} karakter, paling banyak 1000."),
        );
    }
    let owners = owner_choices(state, &m).await?;
    let owner = f.owner.trim().parse::<i64>().ok();
    let owner_ok = match owner {
        None => {
            e.add("c_owner", "Pilih lembaga pemilik tindak lanjut.");
            false
        }
        Some(o) if owners.iter().any(|(id, _)| *id == o) => true,
        Some(o) => {
            let region: Option<Option<String>> =
                sqlx::query_scalar!("select region_code from institution where id = $1", o)
                    .fetch_optional(&state.pool)
                    .await?;
            match region {
                None => e.add("c_owner", "Lembaga tidak dikenal."),
                Some(Some(r)) if r.get(..2) != m.district_code.get(..2) => {
                    e.add("c_owner", "Lembaga ini berada di provinsi lain.")
                }
                Some(_) => e.add("c_owner", "Pilih lembaga yang hadir di pertemuan ini."),
            }
            false
        }
    };
    let to = match f.to.trim() {
        "" => None,
        s => match s
            .parse::<i64>()
            .ok()
            .filter(|t| owners.iter().any(|(id, _)| id == t))
        {
            Some(t) => Some(t),
            None => {
                e.add("c_to", "Pilih lembaga yang hadir di pertemuan ini.");
                None
            }
        },
    };
    let owner_person = f.owner_person.trim();
    if owner_person.chars().count() > 120 {
        e.add("c_owner_person", "Nama paling banyak 120 karakter.");
    }
    let priority = match f.priority.trim() {
        "" => "normal",
        p if PRIORITIES.iter().any(|(c, _)| *c == p) => p,
        _ => {
            e.add("c_priority", "Prioritas tidak dikenal.");
            "normal"
        }
    };
    let tz = crate::regions::tz(&m.tz);
    let meeting_day = m.starts_at.with_timezone(&tz).date_naive();
    let due = match domain::parse_due(&f.due, m.voting_day, meeting_day) {
        Ok(d) => Some(d),
        Err(msg) => {
            e.add("c_due", msg);
            None
        }
    };
    let owner_is_police = match owner.filter(|_| owner_ok) {
        Some(o) => {
            sqlx::query_scalar!(
                "select police_unit_id is not null as \"p!\" from institution where id = $1",
                o
            )
            .fetch_one(&state.pool)
            .await?
        }
        None => false,
    };
    let (Some(owner), Some(due), true) = (owner, due, e.is_empty()) else {
        return Ok(Err(e));
    };
    let mut tx = state.pool.begin().await?;
    let cid = db::insert(
        &mut *tx,
        &NewCommitment {
            meeting_id: id,
            what,
            owner_institution_id: owner,
            owner_person,
            to_institution_id: if owner_is_police { to } else { None },
            due_on: due.on,
            due_h: due.h,
            priority,
            created_by: Some(user.id),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::by(user, meta, "commitment.create", "commitment", Some(cid))
            .unit(Some(m.host_unit_id))
            .change(None, Some(serde_json::json!({ "meeting": id, "what": what, "owner": owner, "due": due.on }))),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(cid))
}

pub async fn act_with_link(
    State(state): State<AppState>,
    meta: RequestMeta,
    crate::web::ClientIp(ip): crate::web::ClientIp,
    Path((token, cid)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    if state.link_limiter.is_limited(ip) {
        return Err(AppError::TooManyRequests);
    }
    state.link_limiter.record(ip);
    let Ok(cid) = cid.parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let Some((target, institution, person)) =
        crate::confirmations::link_holder(&state, &token).await?
    else {
        return Err(AppError::NotFound);
    };
    let everything = crate::auth::Scope {
        national: true,
        unit: None,
        institution: None,
    };
    let c = db::get(&state.pool, cid, everything)
        .await?
        .filter(|c| c.meeting_id == target)
        .ok_or(AppError::NotFound)?;
    let owner = c.owner_institution_id == institution;
    let counterpart = c.owner_police_path.is_some() && c.to_institution_id == Some(institution);
    let allowed = match f.action.trim() {
        "in_progress" | "done" | "note" => owner || (counterpart && f.action.trim() == "note"),
        "verify" | "reject" => counterpart,
        _ => false,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let author = format!("{person} (lewat tautan konfirmasi)");
    let mut entry = Entry::system("commitment.update", "commitment", Some(cid));
    entry.actor = author.chars().take(160).collect();
    entry.role = "official".into();
    entry.request_id = meta.request_id.clone();
    entry.ip_hash = meta.ip_hash.clone();
    match apply(&state, &c, &f, &author, None, entry).await? {
        Ok(()) => Ok(see_other(&format!("/k/{token}"))),
        Err(msg) => Err(AppError::BadRequest(msg)),
    }
}

pub async fn note_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, note)): Path<(String, String)>,
) -> AppResult<Response> {
    let (Ok(id), Ok(note)) = (id.parse::<i64>(), note.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let image = db::note_image(&state.pool, id, note)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
        ],
        image,
    )
        .into_response())
}
