//! Indonesia's administrative regions (Kemendagri codes): loading them from the CSV files of
//! `data/regions/` in one transaction, their time zones, the election bodies derived from them, and
//! the local bodies (Camat, Koramil) offered per kecamatan and made on first use (`bodies`).

pub mod bodies;
pub mod import;

pub use import::{ImportError, ImportSummary, import_dir, import_embedded};

/// The zone a province's clocks show (Keppres 41/1987): IANA name and WIB/WITA/WIT.
pub fn zone_for_province(code: &str) -> Option<(&'static str, &'static str)> {
    let n: u32 = code.get(..2)?.parse().ok()?;
    Some(match n {
        61 | 62 => ("Asia/Pontianak", "WIB"),
        11..=19 | 21 | 31..=36 => ("Asia/Jakarta", "WIB"),
        51..=53 | 63..=65 | 71..=76 => ("Asia/Makassar", "WITA"),
        81 | 82 | 91..=96 => ("Asia/Jayapura", "WIT"),
        _ => return None,
    })
}

/// The chrono-tz zone for an IANA name stored in `region.tz`.
pub fn tz(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Jakarta)
}

#[cfg(test)]
mod tests {
    use super::zone_for_province;

    #[test]
    fn provinces_get_the_zone_of_the_glossary() {
        assert_eq!(zone_for_province("14"), Some(("Asia/Jakarta", "WIB")));
        assert_eq!(zone_for_province("61.04"), Some(("Asia/Pontianak", "WIB")));
        assert_eq!(zone_for_province("63"), Some(("Asia/Makassar", "WITA")));
        assert_eq!(zone_for_province("96"), Some(("Asia/Jayapura", "WIT")));
        assert_eq!(zone_for_province("99"), None);
        assert_eq!(zone_for_province("x"), None);
    }
}
