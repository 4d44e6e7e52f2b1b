//! Unit tests of the period rules.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn stage(o: i32, name: &str, a: &str, b: &str) -> Stage {
    Stage {
        ordinal: o,
        name: name.into(),
        starts_on: d(a),
        ends_on: d(b),
    }
}

/// A pilkada with no regions named.
fn pilkada(id: i64, slug: &str, name: &str, voting_day: &str, stages: Vec<Stage>) -> Election {
    Election {
        id,
        slug: slug.into(),
        name: name.into(),
        kind: "pilkada".into(),
        voting_day: d(voting_day),
        national: false,
        regions: vec![],
        stages,
    }
}

fn elections() -> Vec<Election> {
    vec![
        pilkada(
            2,
            "pilkada-2024",
            "Pilkada Serentak 2024",
            "2024-11-27",
            vec![
                stage(6, "Kampanye", "2024-09-25", "2024-11-23"),
                stage(7, "Masa tenang", "2024-11-24", "2024-11-26"),
                stage(8, "Pemungutan", "2024-11-27", "2024-11-27"),
                stage(9, "Rekapitulasi", "2024-11-28", "2024-12-16"),
            ],
        ),
        pilkada(
            3,
            "pilkada-2027",
            "Pilkada 2027",
            "2027-01-20",
            vec![
                stage(1, "Persiapan", "2026-06-01", "2026-12-31"),
                stage(2, "Kampanye", "2027-01-01", "2027-01-16"),
            ],
        ),
    ]
}

fn q(pairs: &[(&str, &str)]) -> DashQuery {
    let s = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    serde_html_form::from_str(&s).expect("query")
}

#[test]
fn a_past_election_is_read_as_it_stood_on_voting_day() {
    let p = resolve(
        &q(&[("election", "pilkada-2024")]),
        &elections(),
        d("2026-11-25"),
    )
    .expect("period");
    assert_eq!(p.anchor, Anchor::VotingDay);
    assert_eq!(p.to, d("2024-11-27"));
    assert_eq!(p.from, d("2024-08-29"));
    assert_eq!(p.week(), (d("2024-11-21"), d("2024-11-27")));
    assert_eq!(p.last_week(), (d("2024-11-14"), d("2024-11-20")));
    assert_eq!(
        p.stage.as_ref().map(|s| s.name.as_str()),
        Some("Pemungutan")
    );
    assert!(p.stage_today.is_none());
    assert_eq!(p.h_today(), "H+728");
    assert_eq!(p.h_to(), "H");
}

#[test]
fn an_upcoming_election_counts_down_from_today() {
    let p = resolve(&q(&[]), &elections(), d("2026-11-25")).expect("period");
    assert_eq!(
        p.election.slug, "pilkada-2027",
        "the next election is the default"
    );
    assert_eq!(p.anchor, Anchor::Today);
    assert_eq!(p.to, d("2026-11-25"));
    assert_eq!(p.h_today(), "H-56");
    assert_eq!(p.stage.as_ref().map(|s| s.name.as_str()), Some("Persiapan"));
    assert_eq!(p.stage_from(), Some(d("2026-06-01")));
}

#[test]
fn a_chosen_period_is_kept_and_checked() {
    let p = resolve(
        &q(&[
            ("election", "pilkada-2024"),
            ("from", "2024-10-01"),
            ("to", "2024-10-31"),
        ]),
        &elections(),
        d("2026-11-25"),
    )
    .expect("period");
    assert_eq!(
        (p.from, p.to, p.anchor),
        (d("2024-10-01"), d("2024-10-31"), Anchor::Chosen)
    );
    assert_eq!(p.stage.as_ref().map(|s| s.name.as_str()), Some("Kampanye"));
    let e = resolve(
        &q(&[("from", "2024-11-02"), ("to", "2024-11-01")]),
        &elections(),
        d("2026-11-25"),
    )
    .unwrap_err();
    assert!(e.contains("sesudah"), "{e}");
}

#[test]
fn bad_input_gets_a_message_not_a_guess() {
    let today = d("2026-11-25");
    for (pairs, expect) in [
        (vec![("election", "pemilu-1999")], "tidak dikenal"),
        (vec![("from", "27-11-2024")], "tidak valid"),
        (vec![("to", "2024-02-30")], "tidak valid"),
        (
            vec![("from", "2020-01-01"), ("to", "2024-01-01")],
            "paling panjang",
        ),
        (vec![("gap", "10")], "Jendela cakupan"),
        (vec![("silent", "x")], "Batas nihil"),
    ] {
        let e = resolve(&q(&pairs), &elections(), today).unwrap_err();
        assert!(e.contains(expect), "{pairs:?}: {e}");
    }
}

#[test]
fn weeks_end_on_the_last_day_and_cover_the_period() {
    let p = resolve(
        &q(&[
            ("election", "pilkada-2024"),
            ("from", "2024-11-01"),
            ("to", "2024-11-27"),
        ]),
        &elections(),
        d("2026-11-25"),
    )
    .expect("period");
    let w = p.weeks();
    assert_eq!(w.len(), 4);
    assert_eq!(
        w[0],
        (d("2024-11-01"), d("2024-11-06")),
        "the first week is cut at the start"
    );
    assert_eq!(w[3], (d("2024-11-21"), d("2024-11-27")));
    let days: i64 = w.iter().map(|(a, b)| (*b - *a).num_days() + 1).sum();
    assert_eq!(days, 27);
}

#[test]
fn a_coverage_window_becomes_day_bits_per_month() {
    assert_eq!(
        month_masks(d("2024-11-14"), d("2024-11-27")),
        [
            (d("2024-11-01"), ((1 << 27) - 1) & !((1 << 13) - 1)),
            (d("2024-11-01"), 0)
        ]
    );
    let [(m1, b1), (m2, b2)] = month_masks(d("2024-10-29"), d("2024-11-27"));
    assert_eq!((m1, m2), (d("2024-10-01"), d("2024-11-01")));
    assert_eq!(b1, 0b111 << 28, "29, 30 and 31 October");
    assert_eq!(b2, (1 << 27) - 1, "1 to 27 November");
    let [(_, feb), _] = month_masks(d("2024-02-01"), d("2024-02-29"));
    assert_eq!(feb, (1 << 29) - 1);
}
