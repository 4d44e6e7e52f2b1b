//! A small RFC 5545 writer: CRLF line endings, lines folded at 75 octets (never inside a UTF-8
//! character), TEXT values escaped, local times with a `TZID` whose `VTIMEZONE` the calendar
//! carries (Indonesia keeps no daylight saving time: one `STANDARD` block each).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// When an event starts or ends.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// A wall-clock time in an IANA zone (Asia/Jakarta, Asia/Pontianak, Asia/Makassar, Asia/Jayapura).
    Local(NaiveDateTime, String),
    /// A whole day (due dates).
    Date(NaiveDate),
}

#[derive(Clone, Debug)]
pub struct Event {
    pub uid: String,
    pub stamp: DateTime<Utc>,
    pub start: When,
    pub end: When,
    pub summary: String,
    pub location: Option<String>,
    pub description: String,
    pub url: String,
    /// TENTATIVE, CONFIRMED or CANCELLED.
    pub status: &'static str,
}

/// UTC offset and abbreviation of a zone Sinergi uses.
fn offset(tz: &str) -> (&'static str, &'static str) {
    match tz {
        "Asia/Makassar" => ("+0800", "WITA"),
        "Asia/Jayapura" => ("+0900", "WIT"),
        _ => ("+0700", "WIB"),
    }
}

/// TEXT escaping (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line exceeds 75 octets, ended by CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn when(name: &str, w: &When) -> String {
    match w {
        When::Local(t, tz) => format!("{name};TZID={tz}:{}", t.format("%Y%m%dT%H%M%S")),
        When::Date(d) => format!("{name};VALUE=DATE:{}", d.format("%Y%m%d")),
    }
}

/// The whole calendar: its name, the zones its events use, the events.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Sinergi//Kalender//ID".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    let mut zones: Vec<&str> = events
        .iter()
        .flat_map(|e| [&e.start, &e.end])
        .filter_map(|w| match w {
            When::Local(_, tz) => Some(tz.as_str()),
            When::Date(_) => None,
        })
        .collect();
    zones.sort();
    zones.dedup();
    for tz in zones {
        let (off, abbr) = offset(tz);
        lines.extend([
            "BEGIN:VTIMEZONE".into(),
            format!("TZID:{tz}"),
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            format!("TZOFFSETFROM:{off}"),
            format!("TZOFFSETTO:{off}"),
            format!("TZNAME:{abbr}"),
            "END:STANDARD".into(),
            "END:VTIMEZONE".into(),
        ]);
    }
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", e.stamp.format("%Y%m%dT%H%M%SZ")));
        lines.push(when("DTSTART", &e.start));
        lines.push(when("DTEND", &e.end));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if let Some(l) = &e.location {
            lines.push(format!("LOCATION:{}", escape(l)));
        }
        lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        lines.push(format!("URL:{}", e.url));
        lines.push(format!("STATUS:{}", e.status));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for physical in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn every_line_ends_with_crlf_and_zones_are_declared_once() {
        let t = |h| NaiveDate::from_ymd_opt(2024, 11, 20).and_then(|d| d.and_hms_opt(h, 0, 0));
        let ev = |tz: &str| Event {
            uid: format!("{tz}@x"),
            stamp: DateTime::UNIX_EPOCH,
            start: When::Local(t(19).unwrap_or_default(), tz.into()),
            end: When::Local(t(21).unwrap_or_default(), tz.into()),
            summary: "Rakor".into(),
            location: None,
            description: "d".into(),
            url: "https://x/".into(),
            status: "CONFIRMED",
        };
        let cal = calendar(
            "K",
            &[
                ev("Asia/Jayapura"),
                ev("Asia/Jayapura"),
                ev("Asia/Makassar"),
            ],
        );
        assert!(!cal.replace("\r\n", "").contains('\n'));
        assert_eq!(cal.matches("BEGIN:VTIMEZONE").count(), 2);
        assert!(cal.contains("TZOFFSETTO:+0900\r\n"));
        assert!(cal.contains("DTSTART;TZID=Asia/Jayapura:20241120T190000\r\n"));
    }
}
