//! The demo data: the units, institutions and accounts of the five seed stories
//! (`docs/SEED-STORIES.md`). Loaded by `sinergi demo`, and on first start with the
//! embedded cluster. Idempotent: running it twice changes nothing.

pub mod followups;
pub mod meetings;
pub mod stories;

use sqlx::{PgConnection, PgPool};

use crate::auth::{self, Role, db::NewUser};

/// Password of every demo account (docs/CONTRACT.md).
pub const DEMO_PASSWORD: &str = "sinergi-demo";

/// (kind, name, parent name, province, covered region codes)
type DemoUnit = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

const UNITS: &[DemoUnit] = &[
    ("mabes", "Mabes Polri", None, None, &[]),
    (
        "polda",
        "Polda Riau",
        Some("Mabes Polri"),
        Some("14"),
        &["14"],
    ),
    (
        "polda",
        "Polda Kalimantan Barat",
        Some("Mabes Polri"),
        Some("61"),
        &["61"],
    ),
    (
        "polda",
        "Polda Kalimantan Selatan",
        Some("Mabes Polri"),
        Some("63"),
        &["63"],
    ),
    (
        "polda",
        "Polda Jawa Barat",
        Some("Mabes Polri"),
        Some("32"),
        &["32"],
    ),
    (
        "polres",
        "Polres Pelalawan",
        Some("Polda Riau"),
        Some("14"),
        &["14.05"],
    ),
    (
        "polres",
        "Polres Indragiri Hilir",
        Some("Polda Riau"),
        Some("14"),
        &["14.04"],
    ),
    (
        "polres",
        "Polres Ketapang",
        Some("Polda Kalimantan Barat"),
        Some("61"),
        &["61.04"],
    ),
    (
        "polres",
        "Polres Tanah Laut",
        Some("Polda Kalimantan Selatan"),
        Some("63"),
        &["63.01"],
    ),
    (
        "polres",
        "Polres Purwakarta",
        Some("Polda Jawa Barat"),
        Some("32"),
        &["32.14"],
    ),
    (
        "polsek",
        "Polsek Kuala Kampar",
        Some("Polres Pelalawan"),
        Some("14"),
        &["14.05.10"],
    ),
    (
        "polsek",
        "Polsek Pangkalan Kerinci",
        Some("Polres Pelalawan"),
        Some("14"),
        &["14.05.02"],
    ),
    (
        "polsek",
        "Polsek Teluk Meranti",
        Some("Polres Pelalawan"),
        Some("14"),
        &["14.05.09"],
    ),
    (
        "polsek",
        "Polsek Bunut",
        Some("Polres Pelalawan"),
        Some("14"),
        &["14.05.08"],
    ),
    (
        "polsek",
        "Polsek Kempas",
        Some("Polres Indragiri Hilir"),
        Some("14"),
        &["14.04.19"],
    ),
    (
        "polsek",
        "Polsek Tembilahan",
        Some("Polres Indragiri Hilir"),
        Some("14"),
        &["14.04.04", "14.04.13"],
    ),
    (
        "polsek",
        "Polsek Sandai",
        Some("Polres Ketapang"),
        Some("61"),
        &["61.04.05"],
    ),
];

/// Institutions the seed stories name beyond the derived election bodies: (kind, name, region).
pub const INSTITUTIONS: &[(&str, &str, &str)] = &[
    ("koramil", "Koramil 10/Kempas", "14.04.19"),
    ("kecamatan", "Pemerintah Kecamatan Kempas", "14.04.19"),
    ("pemkab", "Pemerintah Kabupaten Ketapang", "61.04"),
    ("satpol_pp", "Satpol PP Kabupaten Ketapang", "61.04"),
    ("linmas", "Linmas Kabupaten Ketapang", "61.04"),
    ("forkopimda", "Forkopimda Kabupaten Ketapang", "61.04"),
    ("bpbd", "BPBD Kabupaten Ketapang", "61.04"),
    ("dishub", "Dinas Perhubungan Kabupaten Ketapang", "61.04"),
    (
        "tim_kampanye",
        "Tim Kampanye Paslon Nomor Urut 1 Bupati Ketapang",
        "61.04",
    ),
    (
        "tim_kampanye",
        "Tim Kampanye Paslon Nomor Urut 2 Bupati Ketapang",
        "61.04",
    ),
    (
        "tim_kampanye",
        "Tim Kampanye Paslon Nomor Urut 3 Bupati Ketapang",
        "61.04",
    ),
    (
        "tokoh",
        "Tokoh Agama dan Tokoh Masyarakat Ketapang",
        "61.04",
    ),
    ("partai", "Partai Politik se-Kabupaten Tanah Laut", "63.01"),
    ("kodim", "Kodim 0619/Purwakarta", "32.14"),
    ("tokoh", "Tokoh Masyarakat Purwakarta", "32.14"),
];

/// (username, display name, position, rank, role, unit name, institution (kind, region))
type DemoAccount = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Role,
    Option<&'static str>,
    Option<(&'static str, &'static str)>,
);

pub const ACCOUNTS: &[DemoAccount] = &[
    (
        "admin",
        "Administrator Sinergi",
        "Administrator nasional",
        None,
        Role::Admin,
        None,
        None,
    ),
    (
        "polsek.kualakampar",
        "Rhino Handoyo, S.H.",
        "Kapolsek Kuala Kampar",
        Some("AKP"),
        Role::Liaison,
        Some("Polsek Kuala Kampar"),
        None,
    ),
    (
        "polsek.kempas",
        "Mardani Tohenes",
        "Kapolsek Kempas",
        Some("AKP"),
        Role::Liaison,
        Some("Polsek Kempas"),
        None,
    ),
    (
        "polres.ketapang",
        "Bripka Dedi Kurniawan",
        "Bamin Sat Intelkam Polres Ketapang",
        Some("Bripka"),
        Role::Liaison,
        Some("Polres Ketapang"),
        None,
    ),
    (
        "polres.pelalawan",
        "Kapolres Pelalawan",
        "Kapolres Pelalawan",
        Some("AKBP"),
        Role::Commander,
        Some("Polres Pelalawan"),
        None,
    ),
    (
        "polda.riau",
        "Kapolda Riau",
        "Kapolda Riau",
        Some("Irjen"),
        Role::Commander,
        Some("Polda Riau"),
        None,
    ),
    (
        "ppk.kualakampar",
        "Hendri Pandita",
        "Ketua PPK Kecamatan Kuala Kampar",
        None,
        Role::Official,
        None,
        Some(("ppk", "14.05.10")),
    ),
    (
        "panwascam.kempas",
        "Erwin Syarif",
        "Ketua Panwaslu Kecamatan Kempas",
        None,
        Role::Official,
        None,
        Some(("panwascam", "14.04.19")),
    ),
];

/// Loads the demo units, institutions and accounts. Regions must be loaded.
pub async fn load(pool: &PgPool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    load_units(&mut tx).await?;
    for (kind, name, region) in INSTITUTIONS {
        sqlx::query!(
            "insert into institution (kind, name, region_code) values ($1, $2, $3) on conflict do nothing",
            kind,
            name,
            region
        )
        .execute(&mut *tx)
        .await?;
    }
    let hash = auth::hash_password(DEMO_PASSWORD.to_string()).await?;
    for (username, name, position, rank, role, unit, inst) in ACCOUNTS {
        let unit_id = match unit {
            Some(u) => Some(unit_id(&mut tx, u).await?),
            None => None,
        };
        let institution_id = match inst {
            Some((kind, region)) => Some(election_body(&mut tx, kind, region).await?),
            None => None,
        };
        let exists = sqlx::query_scalar!(
            "select count(*) as \"n!\" from app_user where username = $1",
            username
        )
        .fetch_one(&mut *tx)
        .await?;
        if exists == 0 {
            let user = NewUser {
                username,
                display_name: name,
                position,
                rank: *rank,
                phone: None,
                role: *role,
                unit_id,
                institution_id,
                password_hash: &hash,
            };
            auth::db::insert_user(&mut *tx, &user).await?;
        }
    }
    let stories = stories::all()?;
    meetings::load(&mut tx, &stories.meetings).await?;
    followups::load(&mut tx, &stories).await?;
    crate::kerawanan::load_sample(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn load_units(tx: &mut PgConnection) -> anyhow::Result<()> {
    for (kind, name, parent, province, regions) in UNITS {
        let parent_id = match parent {
            Some(p) => Some(unit_id(tx, p).await?),
            None => None,
        };
        let id = sqlx::query_scalar!(
            "insert into police_unit (kind, name, parent_id, province_code) values ($1, $2, $3, $4)
             on conflict (name) do update set kind = excluded.kind
             returning id",
            kind,
            name,
            parent_id,
            *province
        )
        .fetch_one(&mut *tx)
        .await?;
        for code in *regions {
            sqlx::query!(
                "insert into unit_region (unit_id, region_code) values ($1, $2) on conflict do nothing",
                id,
                code
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// The id of the unit named `name`.
pub async fn unit_id(tx: &mut PgConnection, name: &str) -> anyhow::Result<i64> {
    sqlx::query_scalar!("select id from police_unit where name = $1", name)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo data: no unit {name:?}"))
}

/// The id of the derived election body of `kind` for `region`.
pub async fn election_body(tx: &mut PgConnection, kind: &str, region: &str) -> anyhow::Result<i64> {
    sqlx::query_scalar!(
        "select id from institution where kind = $1 and region_code = $2",
        kind,
        region
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| anyhow::anyhow!("demo data: no {kind} for {region}"))
}

/// The printed list of demo accounts.
pub fn accounts_text() -> String {
    let mut s = format!("Demo accounts (password: {DEMO_PASSWORD}):\n");
    for (username, _, position, _, role, unit, inst) in ACCOUNTS {
        let place = unit
            .map(str::to_string)
            .or(inst.map(|(k, r)| format!("{k} {r}")))
            .unwrap_or_default();
        s.push_str(&format!(
            "  {username:<20} {:<22} {position} {place}\n",
            role.label()
        ));
    }
    s
}
