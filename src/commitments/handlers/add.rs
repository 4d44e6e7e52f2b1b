//! Adding a commitment to a meeting: what the meeting page's form handler (in `pages`) calls.
//! The meeting is read with this feature's own query, scoped to the user; the insert and its
//! audit entry share one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgExecutor;

use super::super::db;
use super::super::forms::{CheckedCommitment, NewContext, NewForm, OwnerChoice, OwnerElsewhere};
use crate::AppState;
use crate::auth::{CurrentUser, Scope, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::fields::FieldErrors;
use crate::web::RequestMeta;

/// What adding a commitment needs to know of its meeting.
#[derive(Clone, Debug)]
pub struct MeetingFacts {
    pub id: i64,
    pub host_unit_id: i64,
    pub unit_path: Vec<i64>,
    pub district_code: String,
    pub tz: String,
    pub starts_at: DateTime<Utc>,
    pub voting_day: Option<NaiveDate>,
}

/// The meeting `id`, if it lies in `scope`.
pub async fn meeting_facts(
    db: impl PgExecutor<'_>,
    id: i64,
    scope: Scope,
) -> sqlx::Result<Option<MeetingFacts>> {
    sqlx::query_as!(
        MeetingFacts,
        r#"select m.id, m.host_unit_id, m.unit_path, m.district_code, d.tz, m.starts_at,
                  e.voting_day as "voting_day?"
           from meeting m join region d on d.code = m.district_code
           left join election e on e.id = m.election_id
           where m.id = $1
             and ($2 or m.unit_path @> array[$3::bigint]
                  or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $4))"#,
        id,
        scope.national,
        scope.unit,
        scope.institution
    )
    .fetch_optional(db)
    .await
}

/// Institutions that can own a commitment of `meeting`: its attendees' and the host's chain.
pub async fn owner_choices(
    db: impl PgExecutor<'_>,
    meeting: i64,
) -> sqlx::Result<Vec<OwnerChoice>> {
    sqlx::query_as!(
        OwnerChoice,
        r#"select distinct i.id, i.name, i.police_unit_id is not null as "police!"
           from institution i
           left join police_unit pu on pu.id = i.police_unit_id
           where i.id in (select institution_id from attendee where meeting_id = $1)
              or pu.id = any((select unit_path from meeting where id = $1)::bigint[])
           order by i.name"#,
        meeting
    )
    .fetch_all(db)
    .await
}

/// Why `owner` (typed, not among the choices) cannot own a commitment of a meeting in `district`.
async fn owner_elsewhere(
    db: impl PgExecutor<'_>,
    owner: i64,
    district: &str,
) -> sqlx::Result<OwnerElsewhere> {
    let region: Option<Option<String>> =
        sqlx::query_scalar!("select region_code from institution where id = $1", owner)
            .fetch_optional(db)
            .await?;
    Ok(match region {
        None => OwnerElsewhere::Unknown,
        Some(Some(r)) if r.get(..2) != district.get(..2) => OwnerElsewhere::OtherProvince,
        Some(_) => OwnerElsewhere::NotAtMeeting,
    })
}

/// Checks `f` against meeting `m`: the commitment, or the messages for the form's fields.
pub async fn check_new(
    state: &AppState,
    m: &MeetingFacts,
    f: &NewForm,
) -> AppResult<Result<CheckedCommitment, FieldErrors>> {
    let owners = owner_choices(&state.pool, m.id).await?;
    let elsewhere = match f.owner_id() {
        Some(o) if !owners.iter().any(|c| c.id == o) => {
            Some(owner_elsewhere(&state.pool, o, &m.district_code).await?)
        }
        _ => None,
    };
    let cx = NewContext {
        owners: &owners,
        elsewhere,
        voting_day: m.voting_day,
        meeting_day: m
            .starts_at
            .with_timezone(&crate::regions::tz(&m.tz))
            .date_naive(),
        today: Utc::now()
            .with_timezone(&crate::regions::tz(&m.tz))
            .date_naive(),
    };
    Ok(f.parse(&cx))
}

/// Inserts a checked commitment of meeting `m` and its audit entry, in one transaction.
pub async fn insert_new(
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    m: &MeetingFacts,
    c: &CheckedCommitment,
) -> AppResult<i64> {
    let mut tx = state.pool.begin().await?;
    let row = db::NewCommitment {
        meeting_id: m.id,
        what: &c.what,
        owner_institution_id: c.owner_institution_id,
        owner_person: &c.owner_person,
        to_institution_id: c.to_institution_id,
        due_on: c.when.due.on,
        due_h: c.when.due.h,
        starts_on: c.when.starts.map(|s| s.on),
        late: c.when.late,
        priority: c.priority,
        created_by: Some(user.id),
        author: &user.display_name,
    };
    let cid = db::insert(&mut tx, &row).await?;
    let after = serde_json::json!({
        "meeting": m.id, "what": c.what, "owner": c.owner_institution_id, "due": c.when.due.on,
        "starts": c.when.starts.map(|s| s.on), "late": format!("{:?}", c.when.late)
    });
    let entry = Entry::by(user, meta, "commitment.create", "commitment", Some(cid))
        .unit(Some(m.host_unit_id))
        .change(None, Some(after));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(cid)
}

/// Adds the commitment typed into form `f` to meeting `meeting` for `user`: `Ok(Ok(id))` when
/// made, `Ok(Err(messages))` to show the form again (422); `NotFound` outside the user's scope,
/// `Forbidden` for anyone but the host's liaison officers.
pub async fn add_to_meeting(
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    meeting: i64,
    f: &NewForm,
) -> AppResult<Result<i64, FieldErrors>> {
    let m = meeting_facts(&state.pool, meeting, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    if !policy::may_manage_commitments(user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    match check_new(state, &m, f).await? {
        Ok(c) => Ok(Ok(insert_new(state, user, meta, &m, &c).await?)),
        Err(e) => Ok(Err(e)),
    }
}
