//! Loading regions from CSV: all-or-nothing, errors name the file and line; elections as data.

use chrono::{TimeZone, Utc};
use chrono_tz::Asia::{Jakarta, Makassar};
use sinergi::elections::Election;

use crate::helpers::fresh_pool;

fn write_regions(dir: &std::path::Path, districts: &str) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(dir.join("provinces.csv"), "code,name\n14,Riau\n").expect("write");
    std::fs::write(
        dir.join("regencies.csv"),
        "code,province_code,name\n14.05,14,Kabupaten Pelalawan\n",
    )
    .expect("write");
    std::fs::write(dir.join("districts.csv"), districts).expect("write");
    std::fs::write(dir.join("villages.csv"), "code,district_code,name\n").expect("write");
}

#[tokio::test]
async fn a_malformed_csv_names_file_and_line_and_loads_nothing() {
    let pool = fresh_pool().await;
    let before: i64 = sqlx::query_scalar("select count(*) from region")
        .fetch_one(&pool)
        .await
        .expect("count");
    let dir = crate::helpers::Scratch::new("bad-regions");
    write_regions(
        &dir,
        "code,regency_code,name\n14.05.10,14.05,Kuala Kampar Baru\n14.05.1X,14.05,Rusak\n",
    );
    let err = sinergi::regions::import_dir(&pool, &dir)
        .await
        .expect_err("must fail");
    assert_eq!(
        err.to_string(),
        "districts.csv:3: \"14.05.1X\" is not a district code"
    );
    let after: i64 = sqlx::query_scalar("select count(*) from region")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(before, after);
    let name: String = sqlx::query_scalar("select name from region where code = '14.05.10'")
        .fetch_one(&pool)
        .await
        .expect("name");
    assert_eq!(
        name, "Kuala Kampar",
        "the good first line was not written either"
    );
}

#[tokio::test]
async fn a_district_under_an_unknown_regency_is_refused() {
    let pool = fresh_pool().await;
    let dir = crate::helpers::Scratch::new("orphan-regions");
    write_regions(&dir, "code,regency_code,name\n14.06.01,14.06,Entah\n");
    let err = sinergi::regions::import_dir(&pool, &dir)
        .await
        .expect_err("must fail");
    assert!(
        err.to_string().starts_with("districts.csv:2: parent 14.06"),
        "{err}"
    );
}

#[tokio::test]
async fn importing_the_shipped_files_twice_changes_nothing() {
    let pool = fresh_pool().await;
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "select (select count(*) from region) + (select count(*) from institution)",
        )
        .fetch_one(&pool)
        .await
        .expect("count")
    };
    let before = count().await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/regions");
    let s = sinergi::regions::import_dir(&pool, &dir)
        .await
        .expect("import");
    assert_eq!(
        (s.provinces, s.regencies, s.districts, s.villages),
        (38, 514, 7285, 83762)
    );
    assert_eq!(count().await, before);
}

/// The election and stage `region` is in at the hour `(year, month, day, hour)` UTC, and that
/// day's H-label in `tz`.
fn stage<'a>(
    elections: &'a [Election],
    region: &str,
    (y, m, d, h): (i32, u32, u32, u32),
    tz: chrono_tz::Tz,
) -> (&'a str, &'a str, String) {
    let at = Utc
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("instant");
    let (e, s) = sinergi::elections::stage_at(elections, region, at, tz).expect("a stage");
    let label = e.h_label(sinergi::elections::local_date(at, tz));
    (e.slug.as_str(), s.name.as_str(), label)
}

#[tokio::test]
async fn the_shipped_elections_know_their_stages_in_the_database() {
    let pool = fresh_pool().await;
    let elections = sinergi::elections::load_all(&pool)
        .await
        .expect("elections");
    assert_eq!(
        elections
            .iter()
            .map(|e| e.slug.as_str())
            .collect::<Vec<_>>(),
        vec!["pemilu-2024", "pilkada-2024"]
    );
    for (region, hour, tz, expected) in [
        // Kuala Kampar, 26 Oct 2024 10:00 WIB: Pilkada, campaign, H-32.
        (
            "14.05.10",
            (2024, 10, 26, 3),
            Jakarta,
            ("pilkada-2024", "Kampanye", "H-32"),
        ),
        // Tanah Laut, 10 Nov 2023 15:00 WITA: Pemilu 2024, before its campaign, H-96.
        (
            "63.01",
            (2023, 11, 10, 7),
            Makassar,
            ("pemilu-2024", "Pencalonan", "H-96"),
        ),
    ] {
        let (election, stage, h) = stage(&elections, region, hour, tz);
        assert_eq!((election, stage, h.as_str()), expected, "{region}");
    }
    // Overlapping stages in one election are refused by the database.
    let overlap = sqlx::query("insert into election_stage (election_id, ordinal, name, starts_on, ends_on) select id, 99, 'x', '2024-11-20', '2024-11-30' from election where slug = 'pilkada-2024'")
        .execute(&pool)
        .await;
    assert!(overlap.is_err());
}
