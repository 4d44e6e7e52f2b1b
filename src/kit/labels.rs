//! Labels of the police's own codes that several features show: unit kinds and region levels.
//! One function each, so the directory and the admin pages say the same word.

/// "Polres", "Polsek" … for a unit kind code.
pub fn unit_kind_label(kind: &str) -> &'static str {
    match kind {
        "mabes" => "Mabes Polri",
        "polda" => "Polda",
        "polres" => "Polres",
        "polresta" => "Polresta",
        "polrestabes" => "Polrestabes",
        "polres_metro" => "Polres Metro",
        "polsek" => "Polsek",
        "polsekta" => "Polsekta",
        "polsubsektor" => "Polsubsektor",
        _ => "Satuan",
    }
}

/// "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan" for a region level.
pub fn level_label(level: &str) -> &'static str {
    match level {
        "province" => "Provinsi",
        "regency" => "Kabupaten/Kota",
        "district" => "Kecamatan",
        _ => "Desa/Kelurahan",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_get_a_generic_word_not_a_panic() {
        assert_eq!(unit_kind_label("polres_metro"), "Polres Metro");
        assert_eq!(unit_kind_label("?"), "Satuan");
        assert_eq!(level_label("district"), "Kecamatan");
        assert_eq!(level_label("village"), "Desa/Kelurahan");
    }
}
