//! The seed meetings (docs/SEED-STORIES.md), written through the meetings' own insert: hosts,
//! venues, local times and zones, every named person and institution, topics and minutes.

use chrono::{NaiveTime, TimeZone, Utc};
use sqlx::PgConnection;

use crate::meetings::db;
use crate::meetings::domain::{InstitutionRef, NewAttendee, NewMeeting};

use super::stories::{Inst, Story};

pub async fn institution(tx: &mut PgConnection, i: &Inst) -> anyhow::Result<i64> {
    let id = match i {
        Inst::Unit(name) => {
            sqlx::query_scalar!(
                "select i.id from institution i join police_unit u on u.id = i.police_unit_id where u.name = $1",
                name
            )
            .fetch_optional(&mut *tx)
            .await?
        }
        Inst::Body(kind, region) => Some(super::election_body(tx, kind, region).await?),
        Inst::Named(name) => {
            sqlx::query_scalar!("select id from institution where name = $1", name).fetch_optional(&mut *tx).await?
        }
    };
    id.ok_or_else(|| anyhow::anyhow!("demo data: missing institution {i:?}"))
}

/// Loads the seed meetings that are not there yet (by their fixed keys).
pub async fn load(tx: &mut PgConnection, stories: &[Story]) -> anyhow::Result<()> {
    let author = sqlx::query_scalar!("select id from app_user where username = 'admin'")
        .fetch_optional(&mut *tx)
        .await?;
    for s in stories {
        if db::by_idempotency_key(&mut *tx, &s.key).await?.is_some() {
            continue;
        }
        insert(tx, s, author).await?;
    }
    Ok(())
}

/// Writes one story's meeting as the meeting form would, with its audit entry; returns its id.
pub async fn insert(tx: &mut PgConnection, s: &Story, author: Option<i64>) -> anyhow::Result<i64> {
    let elections = crate::elections::load_all(&mut *tx).await?;
    let host_unit_id = super::unit_id(tx, &s.host).await?;
    let district = db::district(&mut *tx, &s.district)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no district {}", s.district))?;
    let time = NaiveTime::parse_from_str(&s.time, "%H:%M")?;
    let starts_at = district
        .tz
        .from_local_datetime(&s.date.and_time(time))
        .single()
        .ok_or_else(|| anyhow::anyhow!("bad local time"))?
        .with_timezone(&Utc);
    let stage = crate::elections::stage_at(&elections, &district.code, starts_at, district.tz);
    let mut attendees = Vec::new();
    for a in &s.attendees {
        attendees.push(NewAttendee {
            id: None,
            institution: InstitutionRef::Existing(institution(tx, &a.institution).await?),
            person_name: a.person.clone(),
            position: a.position.clone(),
            rank: a.rank.clone(),
            members: a.members,
            represents: a.represents.clone(),
            phone: None,
            attendance: a.attendance.parse()?,
            asks_confirmation: None,
        });
    }
    let m = NewMeeting {
        host_unit_id,
        types: s.types.clone(),
        title: s.title.clone(),
        purpose: s.purpose.clone(),
        starts_at,
        duration_minutes: s.duration,
        venue_name: s.venue.clone(),
        venue_address: s.address.clone(),
        district_code: district.code.clone(),
        coordinates: None,
        election_id: stage.map(|(e, _)| e.id),
        stage_id_ordinal: stage.map(|(_, st)| st.ordinal),
        topics: s.topics.clone(),
        minutes: s.minutes.clone(),
        outcome: s.outcome.clone(),
        status: s.status.parse()?,
        cancel_reason: String::new(),
        attendees,
        commitments: Vec::new(),
    };
    let key = Some(s.key.as_str()).filter(|k| !k.is_empty());
    let id = db::insert(tx, &m, author, key, None).await?;
    crate::kit::audit::record(
        tx,
        crate::kit::audit::Entry::system("meeting.create", "meeting", Some(id))
            .unit(Some(host_unit_id)),
    )
    .await?;
    Ok(id)
}
