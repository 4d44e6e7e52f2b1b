//! The five seed meetings (docs/SEED-STORIES.md), in full: hosts, venues, local times and zones,
//! every named person and institution, topics and minutes written from the stories.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sqlx::PgConnection;

use crate::meetings::db;
use crate::meetings::domain::{InstitutionRef, NewAttendee, NewMeeting};

use super::stories::{Inst, SEEDS};

pub async fn institution(tx: &mut PgConnection, i: Inst) -> anyhow::Result<i64> {
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
    id.ok_or_else(|| anyhow::anyhow!("demo data: missing institution for a seed meeting"))
}

/// Loads the seed meetings that are not there yet (by their fixed keys).
pub async fn load(tx: &mut PgConnection) -> anyhow::Result<()> {
    let elections = crate::elections::load_all(&mut *tx).await?;
    let author = sqlx::query_scalar!("select id from app_user where username = 'admin'")
        .fetch_optional(&mut *tx)
        .await?;
    for s in SEEDS {
        if db::by_idempotency_key(&mut *tx, s.key).await?.is_some() {
            continue;
        }
        let host_unit_id = super::unit_id(tx, s.host).await?;
        let district = db::district(&mut *tx, s.district)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no district {}", s.district))?;
        let date = NaiveDate::from_ymd_opt(s.date.0, s.date.1, s.date.2)
            .ok_or_else(|| anyhow::anyhow!("bad date"))?;
        let time = NaiveTime::from_hms_opt(s.time.0, s.time.1, 0)
            .ok_or_else(|| anyhow::anyhow!("bad time"))?;
        let starts_at = district
            .tz
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(|| anyhow::anyhow!("bad local time"))?
            .with_timezone(&Utc);
        let stage = crate::elections::stage_at(&elections, &district.code, starts_at, district.tz);
        let mut attendees = Vec::new();
        for (inst, person, position, rank, members, represents, attendance) in s.attendees {
            attendees.push(NewAttendee {
                id: None,
                institution: InstitutionRef::Existing(institution(tx, *inst).await?),
                person_name: person.to_string(),
                position: position.to_string(),
                rank: rank.to_string(),
                members: *members,
                represents: represents.to_string(),
                phone: None,
                attendance: attendance.parse()?,
                asks_confirmation: None,
            });
        }
        let m = NewMeeting {
            host_unit_id,
            types: s.types.iter().map(|t| t.to_string()).collect(),
            title: s.title.into(),
            purpose: s.purpose.into(),
            starts_at,
            duration_minutes: s.duration,
            venue_name: s.venue.into(),
            venue_address: s.address.into(),
            district_code: district.code.clone(),
            coordinates: None,
            election_id: stage.map(|(e, _)| e.id),
            stage_id_ordinal: stage.map(|(_, st)| st.ordinal),
            topics: s.topics.iter().map(|t| t.to_string()).collect(),
            minutes: s.minutes.into(),
            outcome: s.outcome.into(),
            status: s.status.parse()?,
            cancel_reason: String::new(),
            attendees,
            commitments: Vec::new(),
        };
        let id = db::insert(tx, &m, author, Some(s.key)).await?;
        crate::kit::audit::record(
            tx,
            crate::kit::audit::Entry::system("meeting.create", "meeting", Some(id))
                .unit(Some(host_unit_id)),
        )
        .await?;
    }
    Ok(())
}
