//! The seed meetings' confirmations and commitments: every state a newcomer should see
//! (confirmed, pending, disputed; open, in progress, done, verified, overdue and escalated).

use sqlx::PgConnection;

use super::stories::Inst;
use crate::commitments::db::{self as cdb, NewCommitment};

/// (meeting key, what, owner, made to (police-owned), due "H-n" or date, status, note)
type SeedCommitment = (
    &'static str,
    &'static str,
    Inst,
    Option<Inst>,
    &'static str,
    &'static str,
    &'static str,
);

const COMMITMENTS: &[SeedCommitment] = &[
    (
        "demo-kuala-kampar-2024",
        "Terus berkoordinasi dengan PPK dan Panwascam agar Pilkada 2024 aman dan jujur",
        Inst::Unit("Polsek Kuala Kampar"),
        Some(Inst::Body("ppk", "14.05.10")),
        "H-1",
        "done",
        "Koordinasi mingguan berjalan sampai hari pemungutan suara.",
    ),
    (
        "demo-kuala-kampar-2024",
        "Menyiapkan pengamanan gudang logistik PPK bersama Polsek",
        Inst::Body("ppk", "14.05.10"),
        None,
        "H-7",
        "open",
        "",
    ),
    (
        "demo-kuala-kampar-2024",
        "Memperketat pengawasan dan pencegahan di setiap tahapan",
        Inst::Body("panwascam", "14.05.10"),
        None,
        "H",
        "verified",
        "Pengawasan dilaksanakan di seluruh TPS Kecamatan Kuala Kampar.",
    ),
    (
        "demo-ketapang-2024",
        "Satpol PP dan Linmas apel kesiapan pengamanan dan membantu Polri mengamankan TPS",
        Inst::Named("Satpol PP Kabupaten Ketapang"),
        None,
        "H-3",
        "verified",
        "Apel kesiapan dilaksanakan 24 November 2024; Linmas disebar ke TPS.",
    ),
    (
        "demo-ketapang-2024",
        "Mengoptimalkan pengamanan di setiap TPS se-Kabupaten Ketapang",
        Inst::Unit("Polres Ketapang"),
        Some(Inst::Body("kpu", "61.04")),
        "H",
        "done",
        "Personel Polres dan BKO ditempatkan di seluruh TPS.",
    ),
    (
        "demo-ketapang-2024",
        "Forkopimda bersatu memantau dan mengendalikan potensi kerawanan",
        Inst::Named("Forkopimda Kabupaten Ketapang"),
        None,
        "H+1",
        "verified",
        "Pemantauan bersama berjalan sampai rekapitulasi.",
    ),
    (
        "demo-ketapang-2024",
        "Menjaga integritas dan netralitas KPU Kabupaten Ketapang",
        Inst::Body("kpu", "61.04"),
        None,
        "H",
        "in_progress",
        "Bimtek netralitas untuk PPK dan PPS sedang berjalan.",
    ),
    (
        "demo-tanah-laut-2023",
        "Bekerja sama secara sinergis menjaga Pemilu 2024 aman dan damai",
        Inst::Unit("Polres Tanah Laut"),
        Some(Inst::Body("kpu", "63.01")),
        "H",
        "verified",
        "Koordinasi rutin dengan KPU dan Bawaslu terlaksana.",
    ),
    (
        "demo-tanah-laut-2023",
        "Menjaga integritas dan transparansi tahapan pemilu",
        Inst::Body("bawaslu", "63.01"),
        None,
        "H",
        "verified",
        "",
    ),
    (
        "demo-purwakarta-2024",
        "Membuka ruang bagi warga menjadi mitra strategis Polri dan melaporkan masalah sekecil apa pun",
        Inst::Unit("Polres Purwakarta"),
        Some(Inst::Body("kpu", "32.14")),
        "H+30",
        "in_progress",
        "",
    ),
    (
        "demo-kempas-2024",
        "Patroli rutin dan pengamanan maksimal di setiap TPS pada hari pemungutan suara",
        Inst::Unit("Polsek Kempas"),
        Some(Inst::Body("ppk", "14.04.19")),
        "H",
        "verified",
        "Patroli dilaksanakan; seluruh TPS dijaga.",
    ),
    (
        "demo-kempas-2024",
        "Pemerintah kecamatan bekerja sama dengan PPK dan Panwascam agar tidak ada hambatan",
        Inst::Named("Pemerintah Kecamatan Kempas"),
        None,
        "H-1",
        "done",
        "Rapat persiapan bersama PPK dan Panwascam dilaksanakan.",
    ),
    (
        "demo-kempas-2024",
        "Menyiapkan seluruh logistik dan kebutuhan teknis, tanpa kendala di lapangan",
        Inst::Body("ppk", "14.04.19"),
        None,
        "H-2",
        "verified",
        "Logistik lengkap diterima PPS.",
    ),
    (
        "demo-kempas-2024",
        "Memperketat pengawasan di setiap tahapan sampai hari pemungutan suara",
        Inst::Body("panwascam", "14.04.19"),
        None,
        "H",
        "open",
        "",
    ),
];

/// (meeting key, institution, answer, comment)
const CONFIRMATIONS: &[(&str, Inst, &str, &str)] = &[
    (
        "demo-kuala-kampar-2024",
        Inst::Body("panwascam", "14.05.10"),
        "present",
        "",
    ),
    (
        "demo-ketapang-2024",
        Inst::Body("kpu", "61.04"),
        "present",
        "",
    ),
    (
        "demo-tanah-laut-2023",
        Inst::Body("kpu", "63.01"),
        "present",
        "",
    ),
    (
        "demo-tanah-laut-2023",
        Inst::Body("bawaslu", "63.01"),
        "present",
        "",
    ),
    (
        "demo-kempas-2024",
        Inst::Body("ppk", "14.04.19"),
        "present",
        "",
    ),
    (
        "demo-kempas-2024",
        Inst::Body("panwascam", "14.04.19"),
        "disputed",
        "Notulen belum mencatat permintaan patroli malam di gudang logistik PPK.",
    ),
];

pub async fn load(tx: &mut PgConnection) -> anyhow::Result<()> {
    let done = sqlx::query_scalar!("select count(*) as \"n!\" from commitment c join meeting m on m.id = c.meeting_id where m.idempotency_key like 'demo-%'")
        .fetch_one(&mut *tx)
        .await?;
    if done > 0 {
        return Ok(());
    }
    load_commitments(tx).await?;
    load_confirmations(tx).await
}

/// The seed stories' follow-ups, with their status and progress note as of when the work was done.
async fn load_commitments(tx: &mut PgConnection) -> anyhow::Result<()> {
    for (key, what, owner, to, due, status, note) in COMMITMENTS {
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
        let owner_id = super::meetings::institution(tx, *owner).await?;
        let to_id = match to {
            Some(t) => Some(super::meetings::institution(tx, *t).await?),
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
        }
    }
    Ok(())
}

/// The officials' answers, dated the day after their meeting.
async fn load_confirmations(tx: &mut PgConnection) -> anyhow::Result<()> {
    for (key, inst, answer, comment) in CONFIRMATIONS {
        let inst = super::meetings::institution(tx, *inst).await?;
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
            "update attendee a set confirmed_at = m.starts_at + interval '1 day'
             from meeting m where m.id = a.meeting_id and a.id = $1",
            attendee.id
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "update confirmation c set created_at = m.starts_at + interval '1 day'
             from meeting m where m.id = c.meeting_id and c.attendee_id = $1",
            attendee.id
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
