//! The five seed meetings (docs/SEED-STORIES.md), in full: hosts, venues, local times and zones,
//! every named person and institution, topics and minutes written from the stories.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sqlx::PgConnection;

use crate::meetings::db;
use crate::meetings::domain::{InstitutionRef, NewAttendee, NewMeeting};

/// Who attended, by institution: (institution, person, position, rank, members, represents, attendance)
type Row = (
    Inst,
    &'static str,
    &'static str,
    &'static str,
    i32,
    &'static str,
    &'static str,
);

#[derive(Clone, Copy)]
pub enum Inst {
    Unit(&'static str),
    Body(&'static str, &'static str),
    Named(&'static str),
}

pub struct Seed {
    pub key: &'static str,
    pub host: &'static str,
    pub title: &'static str,
    pub purpose: &'static str,
    pub date: (i32, u32, u32),
    pub time: (u32, u32),
    pub duration: i32,
    pub district: &'static str,
    pub venue: &'static str,
    pub address: &'static str,
    pub types: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub minutes: &'static str,
    pub outcome: &'static str,
    pub status: &'static str,
    pub attendees: &'static [Row],
}

pub const SEEDS: &[Seed] = &[
    Seed {
        key: "demo-kuala-kampar-2024",
        host: "Polsek Kuala Kampar",
        title: "Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar",
        purpose: "Dalam rangka Cooling System menjelang Pilkada Serentak 2024: mempererat hubungan dan koordinasi Polsek dengan penyelenggara pemilihan di Kecamatan Kuala Kampar.",
        date: (2024, 10, 26),
        time: (10, 0),
        duration: 120,
        district: "14.05.10",
        venue: "D'Dion Coffee",
        address: "Teluk Dalam, Kecamatan Kuala Kampar",
        types: &["ngopi_bareng", "cooling_system"],
        topics: &["pam_tps", "gudang_logistik", "patroli", "potensi_konflik"],
        minutes: "1. Kapolsek AKP Rhino Handoyo, S.H. membuka kegiatan dan menyampaikan kesiapan Polsek mengamankan seluruh tahapan Pilkada 2024.\n2. Ketua PPK Hendri Pandita memaparkan persiapan TPS dan pengamanan gudang logistik PPK.\n3. Ketua Panwaslu Kecamatan Ahmadi menyampaikan langkah pengawasan dan pencegahan selama masa kampanye.\n4. Disepakati antisipasi gangguan kamtibmas dan komunikasi intensif untuk meminimalkan potensi konflik.",
        outcome: "Hubungan Polsek dengan penyelenggara semakin erat; semua pihak berkomitmen terus berkoordinasi agar Pilkada 2024 aman dan jujur.",
        status: "reported",
        attendees: &[
            (
                Inst::Unit("Polsek Kuala Kampar"),
                "Rhino Handoyo, S.H.",
                "Kapolsek Kuala Kampar",
                "AKP",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("ppk", "14.05.10"),
                "Hendri Pandita",
                "Ketua PPK Kecamatan Kuala Kampar",
                "",
                4,
                "",
                "present",
            ),
            (
                Inst::Body("panwascam", "14.05.10"),
                "Ahmadi",
                "Ketua Panwaslu Kecamatan Kuala Kampar",
                "",
                2,
                "",
                "present",
            ),
        ],
    },
    Seed {
        key: "demo-ketapang-2024",
        host: "Polres Ketapang",
        title: "Rakor, Deklarasi Kampanye Damai dan Doa Bersama Pilkada 2024",
        purpose: "Kesiapan menghadapi tahapan kampanye rapat umum, masa tenang dan pemungutan suara Pilkada Serentak 2024 di Kabupaten Ketapang.",
        date: (2024, 11, 20),
        time: (19, 30),
        duration: 150,
        district: "61.04.16",
        venue: "Aula Mapolres Ketapang",
        address: "Jl. Jenderal Sudirman, Ketapang",
        types: &["rakor", "deklarasi_damai", "doa_bersama"],
        topics: &[
            "pam_tps",
            "kampanye",
            "netralitas",
            "potensi_konflik",
            "hoaks",
        ],
        minutes: "1. Kapolres AKBP Setiadi, S.H., S.I.K., M.H. memimpin rapat koordinasi kesiapan pengamanan.\n2. Bupati Ketapang diwakili Kasat Pol PP Drs. Anwar membuka kegiatan.\n3. Ketua KPU Kabupaten Ketapang Ahmad Sidiq memaparkan kesiapan kampanye rapat umum, masa tenang dan pemungutan suara.\n4. Tim kampanye ketiga pasangan calon menandatangani deklarasi kampanye damai: tanpa hoaks, SARA dan politik uang.\n5. Ditutup doa bersama tokoh agama dan tokoh masyarakat.",
        outcome: "Satpol PP dan Linmas segera apel kesiapan dan membantu Polri mengamankan TPS; Polres mengoptimalkan pengamanan setiap TPS; Forkopimda bersatu memantau kerawanan; KPU menjaga integritas dan netralitas.",
        status: "reported",
        attendees: &[
            (
                Inst::Unit("Polres Ketapang"),
                "Setiadi, S.H., S.I.K., M.H.",
                "Kapolres Ketapang",
                "AKBP",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Forkopimda Kabupaten Ketapang"),
                "",
                "Unsur Forkopimda Kabupaten Ketapang",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Pemerintah Kabupaten Ketapang"),
                "Drs. Anwar",
                "Kasat Pol PP Kabupaten Ketapang",
                "",
                0,
                "Bupati Ketapang",
                "present",
            ),
            (
                Inst::Body("kpu", "61.04"),
                "Ahmad Sidiq",
                "Ketua KPU Kabupaten Ketapang",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("bawaslu", "61.04"),
                "",
                "Perwakilan Bawaslu Kabupaten Ketapang",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("BPBD Kabupaten Ketapang"),
                "",
                "Kepala BPBD Kabupaten Ketapang",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Dinas Perhubungan Kabupaten Ketapang"),
                "",
                "Kepala Dinas Perhubungan Kabupaten Ketapang",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Tim Kampanye Paslon Nomor Urut 1 Bupati Ketapang"),
                "",
                "Perwakilan tim kampanye",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Tim Kampanye Paslon Nomor Urut 2 Bupati Ketapang"),
                "",
                "Perwakilan tim kampanye",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Tim Kampanye Paslon Nomor Urut 3 Bupati Ketapang"),
                "",
                "Perwakilan tim kampanye",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Tokoh Agama dan Tokoh Masyarakat Ketapang"),
                "",
                "Tokoh agama dan tokoh masyarakat",
                "",
                0,
                "",
                "present",
            ),
        ],
    },
    Seed {
        key: "demo-tanah-laut-2023",
        host: "Polres Tanah Laut",
        title: "Ngupi Bakisahan bersama KPU, Bawaslu dan partai politik",
        purpose: "Silaturahmi dan berbagi informasi menjelang kampanye Pemilu 2024: langkah konkret meminimalkan konflik dan pelanggaran selama kampanye dan pemungutan suara.",
        date: (2023, 11, 10),
        time: (15, 0),
        duration: 120,
        district: "63.01.03",
        venue: "Fellas Coffe",
        address: "Pelaihari",
        types: &["ngopi_bareng", "silaturahmi"],
        topics: &["kampanye", "potensi_konflik", "netralitas"],
        minutes: "1. Kapolres AKBP Rofikoh Yunianto, S.I.K. mengajak semua pihak berbagi informasi dan kekhawatiran keamanan.\n2. Ketua KPU dan Ketua Bawaslu Kabupaten Tanah Laut menekankan integritas dan transparansi.\n3. Para ketua partai politik menyampaikan masukan tentang jadwal dan lokasi kampanye.",
        outcome: "Semua pihak sepakat terus bekerja sama secara sinergis demi Pemilu 2024 yang aman dan damai.",
        status: "reported",
        attendees: &[
            (
                Inst::Unit("Polres Tanah Laut"),
                "Rofikoh Yunianto, S.I.K.",
                "Kapolres Tanah Laut",
                "AKBP",
                0,
                "",
                "present",
            ),
            (
                Inst::Unit("Polres Tanah Laut"),
                "M. Irfan, S.H., M.H.",
                "Wakapolres Tanah Laut",
                "Kompol",
                0,
                "",
                "present",
            ),
            (
                Inst::Unit("Polres Tanah Laut"),
                "",
                "Pejabat Utama (PJU) dan para Kapolsek jajaran",
                "",
                12,
                "",
                "present",
            ),
            (
                Inst::Body("kpu", "63.01"),
                "",
                "Ketua KPU Kabupaten Tanah Laut",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("bawaslu", "63.01"),
                "",
                "Ketua Bawaslu Kabupaten Tanah Laut",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Partai Politik se-Kabupaten Tanah Laut"),
                "",
                "Ketua partai politik se-Kabupaten Tanah Laut",
                "",
                17,
                "",
                "present",
            ),
        ],
    },
    Seed {
        key: "demo-purwakarta-2024",
        host: "Polres Purwakarta",
        title: "Koordinasi pengamanan Pilkada 2024 yang aman dan damai",
        purpose: "Koordinasi dengan penyelenggara pemilu, TNI dan masyarakat untuk mengamankan seluruh tahapan, dari penetapan pasangan calon Bupati dan Wakil Bupati hingga pelantikan.",
        date: (2024, 9, 27),
        time: (9, 0),
        duration: 120,
        district: "32.14.01",
        venue: "Mapolres Purwakarta",
        address: "Purwakarta",
        types: &["rakor"],
        topics: &["potensi_konflik", "kampanye"],
        minutes: "Kapolres AKBP Lilik Ardiansyah menyampaikan bahwa Polres terus berkoordinasi dengan semua unsur untuk mengidentifikasi permasalahan sekecil apa pun di tengah masyarakat, serta membuka ruang bagi warga menjadi mitra strategis Polri.",
        outcome: "Koordinasi berkelanjutan dengan penyelenggara, TNI dan masyarakat pada setiap tahapan.",
        status: "held",
        attendees: &[
            (
                Inst::Unit("Polres Purwakarta"),
                "Lilik Ardiansyah",
                "Kapolres Purwakarta",
                "AKBP",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("kpu", "32.14"),
                "",
                "Perwakilan KPU Kabupaten Purwakarta",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("bawaslu", "32.14"),
                "",
                "Perwakilan Bawaslu Kabupaten Purwakarta",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Kodim 0619/Purwakarta"),
                "",
                "Perwakilan Kodim 0619/Purwakarta",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Tokoh Masyarakat Purwakarta"),
                "",
                "Tokoh masyarakat",
                "",
                0,
                "",
                "present",
            ),
        ],
    },
    Seed {
        key: "demo-kempas-2024",
        host: "Polsek Kempas",
        title: "Rapat koordinasi pengamanan Pilkada 2024 Kecamatan Kempas",
        purpose: "Sinergi semua pihak mengantisipasi potensi gangguan sejak masa kampanye hingga hari pemungutan suara.",
        date: (2024, 11, 18),
        time: (10, 0),
        duration: 120,
        district: "14.04.19",
        venue: "Aula Kantor Camat Kempas",
        address: "Kempas Jaya",
        types: &["rakor"],
        topics: &[
            "pam_tps",
            "distribusi_logistik",
            "potensi_konflik",
            "patroli",
        ],
        minutes: "1. Kapolsek AKP Mardani Tohenes menyampaikan rencana patroli rutin dan pengamanan maksimal di setiap TPS.\n2. Camat Kempas melalui Sekcam H. Zakaria menegaskan dukungan pemerintah kecamatan kepada PPK dan Panwascam.\n3. Ketua PPK Jawardi melaporkan kesiapan logistik dan kebutuhan teknis.\n4. Ketua Panwascam Erwin Syarif menyampaikan pengetatan pengawasan di setiap tahapan.\n5. Koramil siap mendukung pengamanan.",
        outcome: "Semua pihak meningkatkan kewaspadaan terhadap kerawanan sejak kampanye hingga hari pemungutan suara.",
        status: "held",
        attendees: &[
            (
                Inst::Unit("Polsek Kempas"),
                "Mardani Tohenes",
                "Kapolsek Kempas",
                "AKP",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Koramil 10/Kempas"),
                "",
                "Perwakilan Koramil",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Named("Pemerintah Kecamatan Kempas"),
                "H. Zakaria",
                "Sekretaris Camat Kempas",
                "",
                0,
                "Camat Kempas",
                "present",
            ),
            (
                Inst::Body("ppk", "14.04.19"),
                "Jawardi",
                "Ketua PPK Kecamatan Kempas",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("panwascam", "14.04.19"),
                "Erwin Syarif",
                "Ketua Panwaslu Kecamatan Kempas",
                "",
                0,
                "",
                "present",
            ),
        ],
    },
    Seed {
        key: "demo-sandai-2024",
        host: "Polsek Sandai",
        title: "Doa Bersama menjelang Pilkada 2024",
        purpose: "Doa bersama lintas agama agar Pilkada Serentak 2024 di Kecamatan Sandai berjalan aman dan damai.",
        date: (2024, 11, 22),
        time: (19, 0),
        duration: 90,
        district: "61.04.05",
        venue: "Mapolsek Sandai",
        address: "Sandai",
        types: &["doa_bersama", "cooling_system"],
        topics: &["potensi_konflik"],
        minutes: "Doa bersama dipimpin tokoh agama, dihadiri PPK dan Panwaslu Kecamatan Sandai.",
        outcome: "Pesan damai disampaikan kepada masyarakat Kecamatan Sandai.",
        status: "held",
        attendees: &[
            (
                Inst::Unit("Polsek Sandai"),
                "",
                "Kapolsek Sandai",
                "",
                5,
                "",
                "present",
            ),
            (
                Inst::Body("ppk", "61.04.05"),
                "",
                "Ketua PPK Kecamatan Sandai",
                "",
                0,
                "",
                "present",
            ),
            (
                Inst::Body("panwascam", "61.04.05"),
                "",
                "Ketua Panwaslu Kecamatan Sandai",
                "",
                0,
                "",
                "invited",
            ),
        ],
    },
];

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
