//! The list's query string as a `ListFilter`: every date, id and cursor bounded, every bad value a
//! message at its filter field (and left out of the filter), never a failed query.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::db::ListFilter;
use super::domain::FieldErrors;
use super::forms::ListQuery;
use crate::kit::states::MeetingStatus;

/// Years a date filter or a page cursor may name.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The filter and the messages for what could not be read.
pub fn parse(q: &ListQuery) -> (ListFilter, FieldErrors) {
    let mut e = FieldErrors::default();
    let from = date(&q.from, "from", &mut e);
    let to = date(&q.to, "to", &mut e);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        e.add("to", "Tanggal akhir sebelum tanggal awal.");
    }
    let q_text: String = q.q.trim().chars().take(200).collect();
    let filter = ListFilter {
        from,
        to,
        unit: id(&q.unit, "unit", &mut e),
        district: district(&q.district, &mut e),
        type_code: code(&q.type_code, "type", &mut e),
        election: None,
        stage: id(&q.stage, "stage", &mut e),
        topic: code(&q.topic, "topic", &mut e),
        institution: id(&q.institution, "institution", &mut e),
        status: status(&q.status, &mut e),
        q: Some(q_text).filter(|q| !q.is_empty()),
        unconfirmed: q.only_unconfirmed(),
        before: cursor(&q.before, &mut e),
    };
    (filter, e)
}

fn date(s: &str, field: &str, e: &mut FieldErrors) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if YEARS.contains(&d.year()) => Some(d),
        Ok(_) => {
            e.add(field, "Tahun harus antara 2000 dan 2100.");
            None
        }
        Err(_) => {
            e.add(field, "Tanggal tidak valid (contoh 2024-11-20).");
            None
        }
    }
}

/// A positive id.
fn id(s: &str, field: &str, e: &mut FieldErrors) -> Option<i64> {
    match s.trim() {
        "" => None,
        v => v.parse::<i64>().ok().filter(|n| *n > 0).or_else(|| {
            e.add(field, "Pilihan tidak dikenal.");
            None
        }),
    }
}

/// A type or topic code as the choices spell them (lower-case letters, digits, `_`).
fn code(s: &str, field: &str, e: &mut FieldErrors) -> Option<String> {
    let s = s.trim();
    let ok = s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if s.is_empty() {
        None
    } else if ok {
        Some(s.to_string())
    } else {
        e.add(field, "Pilihan tidak dikenal.");
        None
    }
}

/// A kecamatan code such as 14.05.10.
fn district(s: &str, e: &mut FieldErrors) -> Option<String> {
    let s = s.trim();
    let ok = s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if s.is_empty() {
        None
    } else if ok {
        Some(s.to_string())
    } else {
        e.add(
            "district",
            "Kode kecamatan tidak dikenal (contoh 14.05.10).",
        );
        None
    }
}

fn status(s: &str, e: &mut FieldErrors) -> Option<MeetingStatus> {
    match s.trim() {
        "" => None,
        v => MeetingStatus::parse(v).or_else(|| {
            e.add("status", "Status tidak dikenal.");
            None
        }),
    }
}

/// The next page's cursor, `<microseconds>_<id>`, inside the years a meeting may have.
fn cursor(s: &str, e: &mut FieldErrors) -> Option<(DateTime<Utc>, i64)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let parsed = s.split_once('_').and_then(|(ts, id)| {
        let at = DateTime::from_timestamp_micros(ts.parse::<i64>().ok()?)?;
        let id = id.parse::<i64>().ok().filter(|n| *n > 0)?;
        YEARS.contains(&at.year()).then_some((at, id))
    });
    if parsed.is_none() {
        e.add(
            "before",
            "Tautan halaman berikutnya tidak valid; daftar dimulai lagi dari halaman pertama.",
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let s = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::web::url_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        serde_html_form::from_str(&s).expect("query")
    }

    #[test]
    fn each_out_of_range_value_gets_its_message_and_is_left_out_of_the_filter() {
        let cases: &[(&str, &str, &str)] = &[
            ("from", "-5000-01-01", "from"),
            ("from", "2024-02-31", "from"),
            ("to", "+20000-01-01", "to"),
            ("to", "1999-12-31", "to"),
            ("unit", "-3", "unit"),
            ("unit", "99999999999999999999", "unit"),
            ("stage", "0", "stage"),
            ("institution", "abc", "institution"),
            ("inst", "-1", "institution"),
            ("district", "14.05.10'; drop", "district"),
            ("kec", &"1".repeat(50), "district"),
            ("type", "<script>", "type"),
            ("topic", &"x".repeat(41), "topic"),
            ("status", "done", "status"),
            ("before", "-300000000000000000_1", "before"),
            ("before", "1700000000000000_-1", "before"),
            ("before", "1700000000000000", "before"),
            ("before", "99999999999999999999_1", "before"),
        ];
        for (key, value, field) in cases {
            let (filter, errors) = parse(&query(&[(key, value)]));
            assert!(errors.has(field), "{key}={value}: no message at {field}");
            assert_eq!(errors.len(), 1, "{key}={value}");
            assert_eq!(filter, ListFilter::default(), "{key}={value}");
        }
    }

    #[test]
    fn good_values_and_the_older_keys_make_the_filter() {
        let (f, e) = parse(&query(&[
            ("from", "2024-11-01"),
            ("to", "2024-11-30"),
            ("kec", "14.05.10"),
            ("inst", "12"),
            ("konfirmasi", "belum"),
            ("status", "held"),
            ("before", "1732000000000000_42"),
        ]));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(f.district.as_deref(), Some("14.05.10"));
        assert_eq!(f.institution, Some(12));
        assert!(f.unconfirmed);
        assert_eq!(f.status, Some(MeetingStatus::Held));
        assert_eq!(f.before.map(|b| b.1), Some(42));
        assert_eq!(
            f.from,
            NaiveDate::from_ymd_opt(2024, 11, 1),
            "the year bound keeps real dates"
        );
    }
}
