//! The seed meetings' confirmations and commitments: every state a newcomer should see
//! (confirmed, pending, disputed; open, in progress, done, verified, overdue and escalated).

use sqlx::PgConnection;

use super::meetings::institution;
use super::stories::{Commitment, Confirmation, Stories};
use crate::commitments::db::{self as cdb, NewCommitment};

pub async fn load(tx: &mut PgConnection, stories: &Stories) -> anyhow::Result<()> {
    let done = sqlx::query_scalar!("select count(*) as \"n!\" from commitment c join meeting m on m.id = c.meeting_id where m.idempotency_key like 'demo-%'")
        .fetch_one(&mut *tx)
        .await?;
    if done > 0 {
        return Ok(());
    }
    for c in &stories.commitments {
        commitment(tx, c).await?;
    }
    for c in &stories.confirmations {
        confirmation(tx, c).await?;
    }
    Ok(())
}

/// A story's follow-up, with its status and progress note as of when the work was done; its id.
pub async fn commitment(tx: &mut PgConnection, c: &Commitment) -> anyhow::Result<i64> {
    let Commitment {
        meeting: key,
        what,
        owner,
        to,
        due,
        status,
        note,
    } = c;
    let m = sqlx::query!(
        r#"select m.id, (m.starts_at at time zone d.tz)::date as "day!", e.voting_day as "voting_day?"
           from meeting m join region d on d.code = m.district_code left join election e on e.id = m.election_id
           where m.idempotency_key = $1"#,
        key
    )
    .fetch_one(&mut *tx)
    .await?;
    let due = crate::commitments::domain::parse_due(due, m.voting_day, m.day)
        .map_err(|e| anyhow::anyhow!("demo due of {key} {what}: {e}"))?;
    let owner_id = institution(tx, owner).await?;
    let to_id = match to {
        Some(t) => Some(institution(tx, t).await?),
        None => None,
    };
    let id = cdb::insert(
        &mut *tx,
        &NewCommitment {
            meeting_id: m.id,
            what,
            owner_institution_id: owner_id,
            owner_person: "",
            to_institution_id: to_id,
            due_on: due.on,
            due_h: due.h,
            starts_on: None,
            late: crate::kit::followups::Late::OnTime,
            priority: crate::kit::states::Priority::Normal,
            created_by: None,
            author: "",
        },
    )
    .await?;
    let verifier = match to {
        Some(_) => "Penyelenggara pemilu (lewat tautan konfirmasi)",
        None => "Petugas penghubung satuan penyelenggara",
    };
    sqlx::query!(
        "update commitment set status = $2, done_at = case when $2 in ('done', 'verified') then due_on::timestamptz end,
                verified_at = case when $2 = 'verified' then due_on::timestamptz + interval '1 day' end,
                verified_by = case when $2 = 'verified' then $3 end
         where id = $1",
        id,
        status,
        verifier
    )
    .execute(&mut *tx)
    .await?;
    if !note.is_empty() {
        closing_note(tx, id, status, note).await?;
    }
    Ok(id)
}

/// The liaison's note that moved a demo commitment to its status, dated when the work was done.
async fn closing_note(
    tx: &mut PgConnection,
    id: i64,
    status: &str,
    note: &str,
) -> anyhow::Result<()> {
    let status = crate::kit::states::CommitmentStatus::parse(status)
        .ok_or_else(|| anyhow::anyhow!("demo status {status}"))?;
    cdb::add_note(
        tx,
        &cdb::NewNote {
            commitment_id: id,
            author: "Petugas penghubung",
            user_id: None,
            body: note,
            change: Some((crate::kit::states::CommitmentStatus::Open, status)),
            image: None,
        },
    )
    .await?;
    // Written when the work was done (or due), not when the demo was loaded.
    sqlx::query!(
        "update commitment_note n set created_at = coalesce(c.done_at, c.due_on::timestamptz)
         from commitment c where c.id = n.commitment_id and n.commitment_id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// An official's answer, dated the day after the meeting.
pub async fn confirmation(tx: &mut PgConnection, c: &Confirmation) -> anyhow::Result<()> {
    let Confirmation {
        meeting: key,
        institution: inst,
        answer,
        comment,
    } = c;
    let inst = institution(tx, inst).await?;
    let attendee = sqlx::query!(
        "select a.id, a.meeting_id from attendee a join meeting m on m.id = a.meeting_id where m.idempotency_key = $1 and a.institution_id = $2 order by a.sort limit 1",
        key,
        inst
    )
    .fetch_one(&mut *tx)
    .await?;
    let answer = crate::kit::states::Answer::parse(answer)
        .ok_or_else(|| anyhow::anyhow!("demo answer {answer}"))?;
    let a = crate::confirmations::db::NewAnswer {
        answer,
        comment,
        corrected_name: "",
        corrected_position: "",
        via: "account",
        link_id: None,
        user_id: None,
        user_agent: "data demo",
        ip_hash: "",
        claim_hash: None,
    };
    crate::confirmations::db::record(tx, attendee.meeting_id, attendee.id, &a).await?;
    // Answered the day after the meeting, not when the demo was loaded.
    sqlx::query!(
        "with day_after as (
             select a.id, m.starts_at + interval '1 day' as at
             from attendee a join meeting m on m.id = a.meeting_id where a.id = $1
         ),
         attendee_line as (
             update attendee a set confirmed_at = d.at from day_after d where a.id = d.id
         )
         update confirmation c set created_at = d.at from day_after d where c.attendee_id = d.id",
        attendee.id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
