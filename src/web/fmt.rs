//! Dates and times the way Indonesian police write them: "Rabu, 20 November 2024 pukul 19.30 WIB"
//! ("Wednesday, 20 November 2024 at 19:30 WIB" when the request is in English).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn english() -> bool {
    crate::i18n::current() == crate::i18n::Lang::En
}

/// A month's name in the request's language (`month0`: 0 = January).
pub fn month(month0: u32) -> &'static str {
    let i = month0 as usize % 12;
    if english() { MONTHS_EN[i] } else { MONTHS[i] }
}

pub fn weekday(d: Weekday) -> &'static str {
    if english() {
        return match d {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        };
    }
    match d {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// "20 November 2024"
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month(d.month0()), d.year())
}

/// "Rabu, 20 November 2024"
pub fn long_date(d: NaiveDate) -> String {
    format!("{}, {}", weekday(d.weekday()), date(d))
}

/// WIB / WITA / WIT for the zone.
pub fn zone_abbr(tz: Tz) -> &'static str {
    match tz {
        chrono_tz::Asia::Makassar => "WITA",
        chrono_tz::Asia::Jayapura => "WIT",
        _ => "WIB",
    }
}

/// "Rabu, 20 November 2024 pukul 19.30 WIB"
pub fn datetime(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let (at, sep) = if english() {
        ("at", ':')
    } else {
        ("pukul", '.')
    };
    format!(
        "{} {at} {:02}{sep}{:02} {}",
        long_date(local.date_naive()),
        local.hour(),
        local.minute(),
        zone_abbr(tz)
    )
}

/// "19.30 WIB"
pub fn time(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let sep = if english() { ':' } else { '.' };
    format!(
        "{:02}{sep}{:02} {}",
        local.hour(),
        local.minute(),
        zone_abbr(tz)
    )
}

/// "0812****789": enough to recognise a number, not to call it.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if digits.len() < 7 {
        return "****".into();
    }
    let head: String = digits[..4].iter().collect();
    let tail: String = digits[digits.len() - 3..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_ketapang_rakor_reads_as_the_police_wrote_it() {
        let at = Utc
            .with_ymd_and_hms(2024, 11, 20, 12, 30, 0)
            .single()
            .expect("instant");
        assert_eq!(
            datetime(at, chrono_tz::Asia::Pontianak),
            "Rabu, 20 November 2024 pukul 19.30 WIB"
        );
    }

    #[test]
    fn one_instant_reads_differently_in_each_zone() {
        let at = Utc
            .with_ymd_and_hms(2023, 11, 10, 7, 0, 0)
            .single()
            .expect("instant");
        assert_eq!(time(at, chrono_tz::Asia::Jakarta), "14.00 WIB");
        assert_eq!(time(at, chrono_tz::Asia::Makassar), "15.00 WITA");
        assert_eq!(time(at, chrono_tz::Asia::Jayapura), "16.00 WIT");
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("081234567890"), "0812****890");
        assert_eq!(mask_phone("123"), "****");
    }
}
