//! The weeks and days a dashboard's figures are read over: a window's whole weeks (summed from
//! the weekly rows) and the days at its ends (summed from the daily ones).

use chrono::{Datelike, Days, NaiveDate};

/// A window that ends on the last day, as its whole weeks (`weeks`: first Monday, Monday after)
/// and its first day.
#[derive(Clone, Copy)]
pub struct Long {
    pub from: NaiveDate,
    pub weeks: (NaiveDate, NaiveDate),
}

impl Long {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        Long {
            from,
            weeks: whole_weeks(from, to),
        }
    }
}

/// The whole weeks (Monday to Sunday) inside `from..=to`, as the first Monday and the Monday
/// after the last whole week; `(to + 1, to + 1)` when there is none.
pub fn whole_weeks(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = from + Days::new(u64::from((7 - from.weekday().num_days_from_monday()) % 7));
    let after = to + Days::new(1);
    let end = after - Days::new(u64::from(after.weekday().num_days_from_monday()));
    if first < end {
        (first, end)
    } else {
        (after, after)
    }
}

/// The days `summary::activity` reads one by one, as the starts and ends of disjoint ranges (one
/// index range each, nothing read twice): the two weeks from `last_two_weeks` up to the last day
/// `to`, and each long window's days before its first whole week.
pub fn days_read(
    last_two_weeks: NaiveDate,
    to: NaiveDate,
    windows: &[Option<Long>],
) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let heads = windows
        .iter()
        .flatten()
        .map(|l| (l.from, l.weeks.0.min(last_two_weeks)));
    disjoint(heads.chain([(last_two_weeks, to + Days::new(1))]))
        .into_iter()
        .unzip()
}

/// The days of the half-open ranges `[from, to)`, as the fewest disjoint ranges in order (empty
/// ones dropped, overlapping or touching ones merged).
fn disjoint(ranges: impl Iterator<Item = (NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut all: Vec<_> = ranges.filter(|(from, to)| from < to).collect();
    all.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(all.len());
    for (from, to) in all {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).expect("day")
    }

    #[test]
    fn whole_weeks_are_the_mondays_to_sundays_inside_the_period() {
        // 1 Jan 2024 is a Monday.
        assert_eq!(whole_weeks(day(1, 1), day(1, 14)), (day(1, 1), day(1, 15)));
        assert_eq!(whole_weeks(day(1, 3), day(1, 16)), (day(1, 8), day(1, 15)));
        assert_eq!(whole_weeks(day(1, 2), day(1, 28)), (day(1, 8), day(1, 29)));
    }

    #[test]
    fn the_days_read_one_by_one_are_disjoint_ranges_in_order() {
        let r = |a: (u32, u32), b: (u32, u32)| (day(a.0, a.1), day(b.0, b.1));
        // Empty ranges go, overlapping and touching ones merge, apart ones stay apart.
        let ranges = [
            r((11, 14), (11, 28)),
            r((8, 29), (9, 2)),
            r((11, 18), (11, 14)),
            r((11, 10), (11, 14)),
            r((9, 2), (9, 2)),
            r((8, 30), (9, 1)),
        ];
        assert_eq!(
            disjoint(ranges.into_iter()),
            vec![r((8, 29), (9, 2)), r((11, 10), (11, 28))]
        );
        assert!(disjoint(std::iter::empty()).is_empty());
    }

    #[test]
    fn a_period_without_a_whole_week_is_read_by_its_days_only() {
        assert_eq!(whole_weeks(day(1, 3), day(1, 6)), (day(1, 7), day(1, 7)));
        assert_eq!(whole_weeks(day(1, 1), day(1, 6)), (day(1, 7), day(1, 7)));
        assert_eq!(whole_weeks(day(1, 9), day(1, 9)), (day(1, 10), day(1, 10)));
    }
}
