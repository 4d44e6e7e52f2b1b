//! Stage and H-n at the boundaries, in all three zones.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn pilkada() -> Election {
    Election {
        id: 2,
        slug: "pilkada-2024".into(),
        name: "Pilkada Serentak 2024".into(),
        kind: "pilkada".into(),
        voting_day: d(2024, 11, 27),
        national: false,
        regions: vec![
            "14".into(),
            "61".into(),
            "63".into(),
            "94".into(),
            "34.01".into(),
        ],
        stages: vec![
            Stage {
                ordinal: 6,
                name: "Kampanye".into(),
                starts_on: d(2024, 9, 25),
                ends_on: d(2024, 11, 23),
            },
            Stage {
                ordinal: 7,
                name: "Masa tenang".into(),
                starts_on: d(2024, 11, 24),
                ends_on: d(2024, 11, 26),
            },
            Stage {
                ordinal: 8,
                name: "Pemungutan".into(),
                starts_on: d(2024, 11, 27),
                ends_on: d(2024, 11, 27),
            },
        ],
    }
}

#[test]
fn h_label_counts_days_before_and_after_voting_day() {
    let v = d(2024, 11, 27);
    assert_eq!(h_label(v, d(2024, 11, 24)), "H-3");
    assert_eq!(h_label(v, d(2024, 11, 27)), "H");
    assert_eq!(h_label(v, d(2024, 11, 28)), "H+1");
    assert_eq!(h_label(d(2024, 2, 14), d(2023, 11, 10)), "H-96");
}

#[test]
fn the_last_minute_of_the_campaign_in_each_zone_is_still_campaign() {
    let e = [pilkada()];
    // 23 Nov 2024 23:59 local is campaign; one minute later is the quiet period.
    for (code, tz, offset) in [
        ("14.05.10", chrono_tz::Asia::Jakarta, 7),
        ("63.01", chrono_tz::Asia::Makassar, 8),
        ("94.01", chrono_tz::Asia::Jayapura, 9),
    ] {
        let last = Utc
            .with_ymd_and_hms(2024, 11, 23, 23 - offset, 59, 0)
            .single()
            .expect("instant");
        let next = last + chrono::Duration::minutes(1);
        assert_eq!(
            stage_at(&e, code, last, tz).map(|(_, s)| s.name.as_str()),
            Some("Kampanye"),
            "{code}"
        );
        assert_eq!(
            stage_at(&e, code, next, tz).map(|(_, s)| s.name.as_str()),
            Some("Masa tenang"),
            "{code}"
        );
    }
}

#[test]
fn the_same_instant_is_a_different_day_in_wib_and_wit() {
    // 26 Nov 2024 16:30 UTC = 23:30 WIB (quiet period) = 01:30 WIT on voting day.
    let at = Utc
        .with_ymd_and_hms(2024, 11, 26, 16, 30, 0)
        .single()
        .expect("instant");
    let e = [pilkada()];
    assert_eq!(
        stage_at(&e, "14", at, chrono_tz::Asia::Jakarta).map(|(_, s)| s.ordinal),
        Some(7)
    );
    assert_eq!(
        stage_at(&e, "94", at, chrono_tz::Asia::Jayapura).map(|(_, s)| s.ordinal),
        Some(8)
    );
    assert_eq!(local_date(at, chrono_tz::Asia::Makassar), d(2024, 11, 27));
}

#[test]
fn a_region_outside_the_election_has_no_stage() {
    let e = [pilkada()];
    let at = Utc
        .with_ymd_and_hms(2024, 10, 1, 3, 0, 0)
        .single()
        .expect("instant");
    assert!(
        stage_at(&e, "34", at, chrono_tz::Asia::Jakarta).is_none(),
        "province 34 takes no part"
    );
    assert!(
        stage_at(&e, "34.01.02", at, chrono_tz::Asia::Jakarta).is_some(),
        "its regency 34.01 does"
    );
    assert!(
        stage_at(&e, "140", at, chrono_tz::Asia::Jakarta).is_none(),
        "a prefix is not a parent"
    );
}

#[test]
fn outside_the_calendar_there_is_no_stage() {
    let e = [pilkada()];
    let before = Utc
        .with_ymd_and_hms(2024, 9, 24, 16, 59, 0)
        .single()
        .expect("instant");
    let first = Utc
        .with_ymd_and_hms(2024, 9, 24, 17, 0, 0)
        .single()
        .expect("instant");
    assert!(stage_at(&e, "14", before, chrono_tz::Asia::Jakarta).is_none());
    assert_eq!(
        stage_at(&e, "14", first, chrono_tz::Asia::Jakarta).map(|(_, s)| s.ordinal),
        Some(6)
    );
}

#[test]
fn the_default_election_is_the_next_one_else_the_latest() {
    let mut pemilu = pilkada();
    pemilu.slug = "pemilu-2024".into();
    pemilu.voting_day = d(2024, 2, 14);
    pemilu.stages = vec![Stage {
        ordinal: 1,
        name: "x".into(),
        starts_on: d(2023, 1, 1),
        ends_on: d(2024, 3, 1),
    }];
    let all = [pemilu, pilkada()];
    assert_eq!(
        default_election(&all, d(2024, 1, 1)).map(|e| e.slug.as_str()),
        Some("pemilu-2024")
    );
    assert_eq!(
        default_election(&all, d(2024, 6, 1)).map(|e| e.slug.as_str()),
        Some("pilkada-2024")
    );
    assert_eq!(
        default_election(&all, d(2026, 11, 25)).map(|e| e.slug.as_str()),
        Some("pilkada-2024")
    );
}

#[test]
fn when_calendars_overlap_the_upcoming_election_wins() {
    let mut pemilu = pilkada();
    pemilu.id = 1;
    pemilu.slug = "pemilu-2024".into();
    pemilu.voting_day = d(2024, 2, 14);
    pemilu.national = true;
    pemilu.stages = vec![Stage {
        ordinal: 7,
        name: "Sengketa".into(),
        starts_on: d(2024, 3, 21),
        ends_on: d(2024, 9, 30),
    }];
    let all = [pemilu, pilkada()];
    // 27 Sep 2024 in Purwakarta: Pemilu disputes and the Pilkada campaign at once.
    let at = Utc
        .with_ymd_and_hms(2024, 9, 27, 2, 0, 0)
        .single()
        .expect("instant");
    let (e, s) = stage_at(&all, "14.05.10", at, chrono_tz::Asia::Jakarta).expect("a stage");
    assert_eq!(
        (e.slug.as_str(), s.name.as_str()),
        ("pilkada-2024", "Kampanye")
    );
    // Where only the Pemilu runs (not in the Pilkada's regions), it is still found.
    let (e, _) = stage_at(&all, "34", at, chrono_tz::Asia::Jakarta).expect("a stage");
    assert_eq!(e.slug, "pemilu-2024");
}
