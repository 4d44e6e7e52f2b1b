//! The meeting form as a page (new and edit share it): the officer's input, the messages, the
//! choices; and the lookups `domain::parse` needs, gathered before parsing.

use std::collections::HashMap;

use super::db;
use super::domain::{self, District, FieldErrors, Lookups, WritableUnit};
use super::forms::{AttendeeInput, CommitmentInput, MeetingForm};
use super::views::{Conflict, ElectionChoice, FormPage};
use crate::AppState;
use crate::auth::{CurrentUser, Role};
use crate::elections::Election;
use crate::error::{AppError, AppResult};
use crate::regions::bodies;
use crate::web::Ctx;

/// The unit a liaison officer logs for; everyone else may not log meetings.
pub fn liaison_unit(user: &CurrentUser) -> AppResult<i64> {
    match (user.role, user.unit_id) {
        (Role::Liaison, Some(u)) => Ok(u),
        _ => Err(AppError::Forbidden),
    }
}

/// The district code the form names (typed in, else chosen).
fn district_code(form: &MeetingForm) -> &str {
    if form.district_other.trim().is_empty() {
        form.district_code.trim()
    } else {
        form.district_other.trim()
    }
}

/// What the form needs from the database, gathered before parsing.
pub struct LookupData {
    units: Vec<WritableUnit>,
    types: Vec<String>,
    topics: Vec<String>,
    elections: std::sync::Arc<Vec<Election>>,
    district: Option<District>,
    institutions: HashMap<i64, Option<String>>,
    attendee_ids: Vec<i64>,
    unit_institutions: HashMap<i64, i64>,
    today: chrono::NaiveDate,
    local_districts: HashMap<String, String>,
}

impl LookupData {
    pub async fn load(
        state: &AppState,
        unit: i64,
        form: &MeetingForm,
        attendee_ids: Vec<i64>,
    ) -> AppResult<Self> {
        let mut conn = state.pool.acquire().await?;
        Self::load_on(&mut conn, &state.calendars, unit, form, attendee_ids).await
    }

    /// [`load`](Self::load) on a connection the caller holds (the create's transaction).
    pub async fn load_on(
        conn: &mut sqlx::PgConnection,
        calendars: &crate::elections::Calendars,
        unit: i64,
        form: &MeetingForm,
        attendee_ids: Vec<i64>,
    ) -> AppResult<Self> {
        let code = district_code(form);
        let district = if code.is_empty() || code.len() > 20 {
            None
        } else {
            db::district(&mut *conn, code).await?
        };
        let ids: Vec<i64> = form
            .a_institution
            .iter()
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let local: Vec<String> = form
            .a_institution
            .iter()
            .filter_map(|s| bodies::parse_value(s).map(|(_, code)| code))
            .collect();
        let local_districts = match local.is_empty() {
            true => HashMap::new(),
            false => bodies::districts_in_area(&mut *conn, &local, unit)
                .await?
                .into_iter()
                .collect(),
        };
        let codes = |c: Vec<db::Choice>| c.into_iter().map(|c| c.code).collect();
        let units: Vec<WritableUnit> = db::writable_units(&mut *conn, unit)
            .await?
            .into_iter()
            .map(|u| WritableUnit {
                id: u.id,
                path: u.path,
            })
            .collect();
        let unit_ids: Vec<i64> = units.iter().map(|u| u.id).collect();
        let tz = district.as_ref().map_or(chrono_tz::Asia::Jakarta, |d| d.tz);
        Ok(Self {
            unit_institutions: db::unit_institutions(&mut *conn, &unit_ids).await?,
            today: chrono::Utc::now().with_timezone(&tz).date_naive(),
            units,
            types: codes(db::types(&mut *conn).await?),
            topics: codes(db::topics(&mut *conn).await?),
            elections: calendars.current(&mut *conn).await?,
            district,
            institutions: db::institution_regions(&mut *conn, &ids).await?,
            attendee_ids,
            local_districts,
        })
    }

    pub fn parse(&self, form: &MeetingForm) -> Result<domain::NewMeeting, FieldErrors> {
        domain::parse(
            form,
            &Lookups {
                writable_units: &self.units,
                types: &self.types,
                topics: &self.topics,
                elections: &self.elections,
                district: self.district.as_ref(),
                institutions: &self.institutions,
                attendee_ids: &self.attendee_ids,
                unit_institutions: &self.unit_institutions,
                today: self.today,
                local_districts: &self.local_districts,
            },
        )
    }
}

/// Why the form is shown, beside the officer's input.
pub struct Shown {
    pub errors: FieldErrors,
    /// The meeting being edited (none: a new one).
    pub editing: Option<i64>,
    pub conflict: Option<Conflict>,
}

impl Shown {
    /// A new meeting's form, without messages.
    pub fn new_meeting() -> Self {
        Shown {
            errors: FieldErrors::default(),
            editing: None,
            conflict: None,
        }
    }

    /// Editing meeting `id`, without messages.
    pub fn editing(id: i64) -> Self {
        Shown {
            editing: Some(id),
            ..Self::new_meeting()
        }
    }

    pub fn with_errors(self, errors: FieldErrors) -> Self {
        Shown { errors, ..self }
    }
}

/// The area whose institutions the attendee rows offer: the district, else the host's area.
async fn area(state: &AppState, form: &MeetingForm, host: i64) -> AppResult<String> {
    let district = district_code(form);
    if district.is_empty() {
        Ok(db::unit_area_code(&state.pool, host)
            .await?
            .unwrap_or_default())
    } else {
        Ok(district.to_string())
    }
}

/// Renders the meeting form with the officer's input, messages and choices.
pub async fn form_page(
    state: &AppState,
    ctx: Ctx,
    unit: i64,
    mut form: MeetingForm,
    shown: Shown,
) -> AppResult<FormPage> {
    let units = db::writable_units(&state.pool, unit).await?;
    let host = form
        .host_unit_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| units.iter().any(|u| u.id == *h))
        .unwrap_or(unit);
    let host_path = units
        .iter()
        .find(|u| u.id == host)
        .map(|u| u.path.clone())
        .unwrap_or_default();
    let districts = db::area_districts(&state.pool, host).await?;
    if form.district_code.is_empty() && form.district_other.is_empty() && districts.len() == 1 {
        form.district_code = districts[0].code.clone();
    }
    let area = area(state, &form, host).await?;
    let mut rows = form.attendees();
    let blanks = match (form.action == "add_row", rows.is_empty()) {
        (true, _) => 1,
        (false, true) => 3,
        (false, false) => 0,
    };
    rows.extend((0..blanks).map(|_| AttendeeInput::default()));
    let mut commitments = form.commitments();
    if form.action == "add_commitment" || commitments.is_empty() {
        commitments.push(CommitmentInput::default());
    }
    let elections = state
        .calendars
        .current(&mut *state.pool.acquire().await?)
        .await?
        .iter()
        .map(|e| ElectionChoice {
            id: e.id,
            name: e.name.clone(),
        })
        .collect();
    Ok(FormPage {
        ctx,
        rows,
        commitments,
        districts,
        types: db::types(&state.pool).await?,
        topics: db::topics(&state.pool).await?,
        elections,
        institutions: db::institution_choices(&state.pool, &area, &host_path).await?,
        local_bodies: bodies::offered(&state.pool, &area, unit).await?,
        kinds: db::inline_kinds(&state.pool).await?,
        action: match shown.editing {
            Some(id) => format!("/pertemuan/{id}/ubah"),
            None => "/pertemuan/baru".into(),
        },
        errors: shown.errors,
        editing: shown.editing,
        conflict: shown.conflict,
        units,
        form,
    })
}

/// The form page with its status: 200 shown, 422 with messages, 409 after a stale save.
pub use crate::web::respond;
