//! Dates and times the way Indonesian police write them: "Rabu, 20 November 2024 pukul 19.30 WIB".

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

pub fn weekday(d: Weekday) -> &'static str {
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
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
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
    format!(
        "{} pukul {:02}.{:02} {}",
        long_date(local.date_naive()),
        local.hour(),
        local.minute(),
        zone_abbr(tz)
    )
}

/// "19.30 WIB"
pub fn time(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{:02}.{:02} {}",
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
