//! What a kerawanan figure is once checked: a region (province, regency or kecamatan), an
//! election, a source and date, a tier (given, or derived from an IKP score), TPS counts.

use chrono::{Datelike, NaiveDate};

/// Vulnerability tier, as Bawaslu names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Rendah,
    Sedang,
    Tinggi,
}

impl Tier {
    /// Highest first, as the page lists them.
    pub const ALL: [Tier; 3] = [Tier::Tinggi, Tier::Sedang, Tier::Rendah];

    pub fn code(self) -> &'static str {
        match self {
            Tier::Rendah => "rendah",
            Tier::Sedang => "sedang",
            Tier::Tinggi => "tinggi",
        }
    }

    /// The tier for a stored or typed code (English words accepted in files).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "rendah" | "low" => Some(Tier::Rendah),
            "sedang" | "medium" => Some(Tier::Sedang),
            "tinggi" | "high" => Some(Tier::Tinggi),
            _ => None,
        }
    }

    /// The word key of the tier's label.
    pub fn key(self) -> &'static str {
        match self {
            Tier::Rendah => "rawan.tier.rendah",
            Tier::Sedang => "rawan.tier.sedang",
            Tier::Tinggi => "rawan.tier.tinggi",
        }
    }

    /// A kecamatan's weight in the weighted coverage (no data weighs as rendah).
    pub fn weight(tier: Option<Tier>) -> i64 {
        match tier {
            Some(Tier::Tinggi) => 3,
            Some(Tier::Sedang) => 2,
            _ => 1,
        }
    }

    /// The tier of an IKP score, with the kabupaten/kota thresholds of IKP Pemilu 2024
    /// (tinggi ≥ 49.33, sedang 13.47–49.32, rendah < 13.47).
    pub fn from_score(score: f64) -> Tier {
        if score >= 49.33 {
            Tier::Tinggi
        } else if score >= 13.47 {
            Tier::Sedang
        } else {
            Tier::Rendah
        }
    }
}

/// One figure as typed (a CSV line or the admin form): every field a string.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RawEntry {
    pub region: String,
    pub election: String,
    pub source: String,
    pub as_of: String,
    pub score: String,
    pub tier: String,
    pub tps_total: String,
    pub tps_rawan: String,
}

/// A checked figure; the region and election still have to exist (the database says).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub region_code: String,
    pub election_slug: String,
    pub source: String,
    pub as_of: NaiveDate,
    pub score: Option<f64>,
    pub tier: Tier,
    pub tps_total: Option<i32>,
    pub tps_rawan: Option<i32>,
}

/// Whether `code` has the shape of a province, regency or kecamatan code ("14", "14.05", "14.05.10").
fn region_shape(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    parts.len() <= 3
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn count(s: &str) -> Result<Option<i32>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(n) if (0..=1_000_000).contains(&n) => Ok(Some(n)),
        _ => Err("Tulis jumlah TPS sebagai bilangan bulat 0 atau lebih."),
    }
}

/// The data's date, in a year the database holds and a person would mean.
fn as_of(s: &str) -> Result<NaiveDate, ()> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2100).contains(&d.year()))
        .ok_or(())
}

/// An IKP score 0–100 (a decimal comma allowed), kept to two decimals; empty is none.
fn score(s: &str) -> Result<Option<f64>, ()> {
    match s.trim().replace(',', ".") {
        s if s.is_empty() => Ok(None),
        s => match s.parse::<f64>() {
            Ok(v) if (0.0..=100.0).contains(&v) => Ok(Some((v * 100.0).round() / 100.0)),
            _ => Err(()),
        },
    }
}

impl RawEntry {
    /// The checked entry, or a message (Indonesian) per bad field.
    pub fn parse(&self) -> Result<Entry, Vec<(&'static str, String)>> {
        let mut errors: Vec<(&'static str, String)> = Vec::new();
        let region = self.region.trim().to_string();
        if !region_shape(&region) {
            errors.push((
                "region",
                "Kode wilayah ditulis seperti 14, 14.05 atau 14.05.10 (provinsi, kabupaten/kota atau kecamatan).".into(),
            ));
        }
        let election = self.election.trim().to_lowercase();
        if election.is_empty() {
            errors.push(("election", "Pilih pemilihan.".into()));
        }
        let source = self.source.trim().to_string();
        if !(2..=120).contains(&source.chars().count()) {
            errors.push(("source", "Sumber wajib diisi (2–120 karakter).".into()));
        }
        let as_of = as_of(&self.as_of);
        if as_of.is_err() {
            errors.push(("as_of", "Tulis tanggal data seperti 2024-11-20.".into()));
        }
        let score = score(&self.score);
        if score.is_err() {
            errors.push(("score", "Skor adalah angka 0–100 (contoh 49,33).".into()));
        }
        let tier = match self.tier.trim() {
            "" => Ok(None),
            t => Tier::parse(t).map(Some).ok_or(()),
        };
        if tier.is_err() {
            errors.push((
                "tier",
                "Tingkat kerawanan: rendah, sedang atau tinggi.".into(),
            ));
        }
        let tps_total = count(&self.tps_total).map_err(|m| errors.push(("tps_total", m.into())));
        let tps_rawan = count(&self.tps_rawan).map_err(|m| errors.push(("tps_rawan", m.into())));
        if let (Ok(Some(t)), Ok(Some(r))) = (tps_total, tps_rawan)
            && r > t
        {
            errors.push((
                "tps_rawan",
                "TPS rawan tidak boleh lebih banyak dari jumlah TPS.".into(),
            ));
        }
        let tier = match (score, tier) {
            (_, Ok(Some(t))) => Some(t),
            (Ok(Some(s)), Ok(None)) => Some(Tier::from_score(s)),
            (Ok(None), Ok(None)) => {
                errors.push(("tier", "Isi skor atau tingkat kerawanan.".into()));
                None
            }
            _ => None,
        };
        match (as_of, score, tier, tps_total, tps_rawan) {
            (Ok(as_of), Ok(score), Some(tier), Ok(tps_total), Ok(tps_rawan))
                if errors.is_empty() =>
            {
                Ok(Entry {
                    region_code: region,
                    election_slug: election,
                    source,
                    as_of,
                    score,
                    tier,
                    tps_total,
                    tps_rawan,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(region: &str, score: &str, tier: &str) -> RawEntry {
        RawEntry {
            region: region.into(),
            election: "pilkada-2024".into(),
            source: "IKP Pemilu 2024".into(),
            as_of: "2023-12-16".into(),
            score: score.into(),
            tier: tier.into(),
            ..RawEntry::default()
        }
    }

    #[test]
    fn a_score_without_a_tier_gets_the_ikp_2024_tier() {
        for (score, tier) in [
            ("49.33", Tier::Tinggi),
            ("49,32", Tier::Sedang),
            ("13.47", Tier::Sedang),
            ("13.46", Tier::Rendah),
            ("0", Tier::Rendah),
        ] {
            assert_eq!(
                raw("14.05", score, "").parse().map(|e| e.tier),
                Ok(tier),
                "{score}"
            );
        }
        assert_eq!(
            raw("14.05", "80", "rendah").parse().map(|e| e.tier),
            Ok(Tier::Rendah)
        );
    }

    #[test]
    fn bad_fields_are_each_named() {
        let fields = |r: RawEntry| -> Vec<&'static str> {
            r.parse()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|(f, _)| f)
                .collect()
        };
        assert_eq!(fields(raw("14.5", "1", "")), ["region"]);
        assert_eq!(fields(raw("14.05.10.2001", "1", "")), ["region"]);
        assert_eq!(fields(raw("14.05", "101", "")), ["score"]);
        assert_eq!(fields(raw("14.05", "", "parah")), ["tier"]);
        assert_eq!(fields(raw("14.05", "", "")), ["tier"]);
        let mut r = raw("14.05", "", "tinggi");
        r.tps_total = "10".into();
        r.tps_rawan = "11".into();
        assert_eq!(fields(r), ["tps_rawan"]);
        let mut r = raw("14", "", "sedang");
        r.as_of = "16/12/2023".into();
        assert_eq!(fields(r.clone()), ["as_of"]);
        r.as_of = "-5000-01-01".into();
        assert_eq!(fields(r), ["as_of"]);
    }
}
