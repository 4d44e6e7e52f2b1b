//! Writing a meeting: insert with its form key, update at a version, and the children (types,
//! topics, attendee lines, institutions typed inline).

use sqlx::{PgConnection, PgExecutor};

use crate::meetings::domain::{InstitutionRef, NewAttendee, NewMeeting};

/// A meeting already made with a form key: what a resend of that form is compared with.
pub struct Keyed {
    pub id: i64,
    /// The hash of the payload it was made from (`None` for meetings made before it was kept).
    pub payload_hash: Option<String>,
    pub created_by: Option<i64>,
}

/// The meeting created with this form key, if any.
pub async fn by_idempotency_key(db: impl PgExecutor<'_>, key: &str) -> sqlx::Result<Option<Keyed>> {
    sqlx::query_as!(
        Keyed,
        r#"select id, idempotency_hash as payload_hash, created_by from meeting where idempotency_key = $1"#,
        key
    )
    .fetch_optional(db)
    .await
}

async fn stage_id(
    tx: &mut PgConnection,
    election: Option<i64>,
    ordinal: Option<i32>,
) -> sqlx::Result<Option<i64>> {
    match (election, ordinal) {
        (Some(e), Some(o)) => {
            sqlx::query_scalar!(
                "select id from election_stage where election_id = $1 and ordinal = $2",
                e,
                o
            )
            .fetch_optional(&mut *tx)
            .await
        }
        _ => Ok(None),
    }
}

/// Inserts a meeting with its types, topics and attendee lines, its form key and the hash of the
/// payload it was made from, in one statement (institutions typed into the form are made first);
/// returns its id.
pub async fn insert(
    tx: &mut PgConnection,
    m: &NewMeeting,
    created_by: Option<i64>,
    idempotency_key: Option<&str>,
    payload_hash: Option<&str>,
) -> sqlx::Result<i64> {
    let mut lines = Lines::default();
    for a in &m.attendees {
        lines
            .institution
            .push(institution_id(tx, m, &a.institution).await?);
        lines.person_name.push(a.person_name.clone());
        lines.position.push(a.position.clone());
        lines.rank.push(a.rank.clone());
        lines.members.push(a.members);
        lines.represents.push(a.represents.clone());
        lines.phone.push(a.phone.clone());
        lines.attendance.push(a.attendance.code().to_string());
        lines.asks.push(a.asks_confirmation);
    }
    sqlx::query_file_scalar!(
        "src/meetings/db/insert.sql",
        m.host_unit_id,
        m.title,
        m.purpose,
        m.starts_at,
        m.duration_minutes,
        m.district_code,
        m.venue_name,
        m.venue_address,
        m.coordinates.map(|c| c.0),
        m.coordinates.map(|c| c.1),
        m.election_id,
        m.stage_id_ordinal,
        m.minutes,
        m.outcome,
        m.status.code(),
        m.cancel_reason,
        idempotency_key,
        payload_hash,
        created_by,
        &m.types,
        &m.topics,
        &lines.institution,
        &lines.person_name,
        &lines.position,
        &lines.rank,
        &lines.members,
        &lines.represents,
        &lines.phone as &[Option<String>],
        &lines.attendance,
        &lines.asks as &[Option<bool>]
    )
    .fetch_one(&mut *tx)
    .await
}

/// The attendee lines of a new meeting, column by column (`insert.sql` unnests them).
#[derive(Default)]
struct Lines {
    institution: Vec<i64>,
    person_name: Vec<String>,
    position: Vec<String>,
    rank: Vec<String>,
    members: Vec<i32>,
    represents: Vec<String>,
    phone: Vec<Option<String>>,
    attendance: Vec<String>,
    asks: Vec<Option<bool>>,
}

/// What became of an update.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// Someone saved the meeting since the form was opened (or it left the officer's subtree).
    Stale,
}

/// Updates a meeting if it is still at `version` and inside `unit`'s subtree.
pub async fn update(
    tx: &mut PgConnection,
    id: i64,
    version: i32,
    unit: i64,
    m: &NewMeeting,
) -> sqlx::Result<Saved> {
    let stage = stage_id(tx, m.election_id, m.stage_id_ordinal).await?;
    let done = sqlx::query!(
        "update meeting set host_unit_id = u.id, unit_path = u.path,
                polda_id = coalesce(u.polda_id, case when u.level = 'polda' then u.id end),
                polres_id = coalesce(u.polres_id, case when u.level = 'polres' then u.id end),
                title = $5, purpose = $6, starts_at = $7, duration_minutes = $8, district_code = $9,
                venue_name = $10, venue_address = $11, latitude = $12, longitude = $13, election_id = $14,
                stage_id = $15, minutes = $16, outcome = $17, status = $18, cancel_reason = $19,
                version = meeting.version + 1, updated_at = now()
         from police_unit u
         where meeting.id = $1 and meeting.version = $2 and meeting.unit_path @> array[$3::bigint] and u.id = $4",
        id,
        version,
        unit,
        m.host_unit_id,
        m.title,
        m.purpose,
        m.starts_at,
        m.duration_minutes,
        m.district_code,
        m.venue_name,
        m.venue_address,
        m.coordinates.map(|c| c.0),
        m.coordinates.map(|c| c.1),
        m.election_id,
        stage,
        m.minutes,
        m.outcome,
        m.status.code(),
        m.cancel_reason
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(Saved::Stale);
    }
    sqlx::query!("delete from meeting_meeting_type where meeting_id = $1", id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("delete from meeting_topic where meeting_id = $1", id)
        .execute(&mut *tx)
        .await?;
    let keep: Vec<i64> = m.attendees.iter().filter_map(|a| a.id).collect();
    sqlx::query!(
        "delete from attendee where meeting_id = $1 and not (id = any($2))",
        id,
        &keep
    )
    .execute(&mut *tx)
    .await?;
    write_children(tx, id, m).await?;
    Ok(Saved::Done)
}

async fn write_children(tx: &mut PgConnection, id: i64, m: &NewMeeting) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into meeting_meeting_type (meeting_id, type_code) select $1, unnest($2::text[])",
        id,
        &m.types
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into meeting_topic (meeting_id, topic_code) select $1, unnest($2::text[])",
        id,
        &m.topics
    )
    .execute(&mut *tx)
    .await?;
    for (sort, a) in m.attendees.iter().enumerate() {
        let institution_id = institution_id(tx, m, &a.institution).await?;
        write_attendee(tx, id, institution_id, sort as i32, a).await?;
    }
    Ok(())
}

/// The id of an attendee line's institution: chosen, typed into the form (made if new) or a
/// local body (made on first use).
async fn institution_id(
    tx: &mut PgConnection,
    m: &NewMeeting,
    institution: &InstitutionRef,
) -> sqlx::Result<i64> {
    match institution {
        InstitutionRef::Existing(i) => Ok(*i),
        InstitutionRef::New { kind, name } => {
            inline_institution(tx, &m.district_code, kind, name).await
        }
        InstitutionRef::Local {
            body,
            code,
            district,
        } => crate::regions::bodies::ensure(tx, *body, code, district).await,
    }
}

/// The id of an institution typed into the form, created if new: a kecamatan-level kind belongs
/// to the meeting's district, any other to its regency.
async fn inline_institution(
    tx: &mut PgConnection,
    district_code: &str,
    kind: &str,
    name: &str,
) -> sqlx::Result<i64> {
    let region = if ["kecamatan", "koramil", "desa", "forkopimcam"].contains(&kind) {
        district_code
    } else {
        district_code.get(..5).unwrap_or("")
    };
    sqlx::query_scalar!(
        "insert into institution (kind, name, region_code) values ($1, $2, $3)
         on conflict (kind, coalesce(region_code, ''), lower(name)) do update set name = institution.name
         returning id",
        kind,
        name,
        region
    )
    .fetch_one(&mut *tx)
    .await
}

/// Updates the attendee line `a` names, or inserts it when it is new: one statement, whose
/// update runs only for a line with an id and whose insert only for one without.
async fn write_attendee(
    tx: &mut PgConnection,
    meeting: i64,
    institution_id: i64,
    sort: i32,
    a: &NewAttendee,
) -> sqlx::Result<()> {
    sqlx::query!(
        "with v as (
             select coalesce($12, not coalesce((select k.individual from institution i
                                                join institution_kind k on k.code = i.kind
                                                where i.id = $3), false)) as asks
         ), updated as (
             update attendee set institution_id = $3, person_name = $4, position = $5, rank = $6, members = $7,
                    represents = $8, phone = $9, attendance = $10, sort = $11,
                    asks_confirmation = (select v.asks from v)
             where $1::bigint is not null and id = $1 and meeting_id = $2
         )
         insert into attendee (meeting_id, institution_id, person_name, position, rank, members, represents,
                               phone, attendance, sort, asks_confirmation)
         select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, v.asks from v
         where $1::bigint is null",
        a.id,
        meeting,
        institution_id,
        a.person_name,
        a.position,
        a.rank,
        a.members,
        a.represents,
        a.phone,
        a.attendance.code(),
        sort,
        a.asks_confirmation
    )
    .execute(&mut *tx)
    .await
    .map(drop)
}
