//! What a kerawanan figure is once checked: a region (province, regency or kecamatan), an
//! election, a source and date, a tier (given, or derived from an IKP score), TPS counts. And the
//! one rule the coverage page applies: a kecamatan's tier is its own, else its regency's; a
//! kecamatan is met when its PPK or Panwascam was met in the window; weights 3/2/1.

use chrono::NaiveDate;

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
        let as_of = NaiveDate::parse_from_str(self.as_of.trim(), "%Y-%m-%d");
        if as_of.is_err() {
            errors.push(("as_of", "Tulis tanggal data seperti 2024-11-20.".into()));
        }
        let score = match self.score.trim().replace(',', ".") {
            s if s.is_empty() => Ok(None),
            s => match s.parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => Ok(Some((v * 100.0).round() / 100.0)),
                _ => Err(()),
            },
        };
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

/// Where a kecamatan's tier comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub tier: Tier,
    /// The figure is the kecamatan's own (else its regency's).
    pub own: bool,
    pub source: String,
    pub as_of: NaiveDate,
    pub is_sample: bool,
    pub tps_total: Option<i32>,
    pub tps_rawan: Option<i32>,
}

/// A kecamatan in the dashboard's scope with its risk and when it was last met.
#[derive(Clone, Debug)]
pub struct District {
    pub code: String,
    pub name: String,
    pub regency: String,
    /// The child unit answering for it (None: the unit itself, or no unit).
    pub child: Option<i64>,
    pub last_met: Option<NaiveDate>,
    pub risk: Option<Risk>,
}

impl District {
    pub fn tier(&self) -> Option<Tier> {
        self.risk.as_ref().map(|r| r.tier)
    }
    /// Met in the window starting `from` (PPK or Panwascam present).
    pub fn met_since(&self, from: NaiveDate) -> bool {
        self.last_met.is_some_and(|d| d >= from)
    }
}

/// Kecamatan and how many of them were met, for one tier (or no data).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub total: i64,
    pub met: i64,
}

impl Count {
    pub fn pct(&self) -> Option<i64> {
        (self.total > 0).then(|| (self.met * 100 + self.total / 2) / self.total)
    }
}

/// Coverage of one child unit: per tier (tinggi, sedang, rendah, no data) and weighted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    pub child: Option<i64>,
    pub tiers: [Count; 4],
    pub weighted_met: i64,
    pub weighted_total: i64,
}

impl Coverage {
    fn slot(tier: Option<Tier>) -> usize {
        match tier {
            Some(Tier::Tinggi) => 0,
            Some(Tier::Sedang) => 1,
            Some(Tier::Rendah) => 2,
            None => 3,
        }
    }
    pub fn add(&mut self, d: &District, from: NaiveDate) {
        let met = d.met_since(from);
        let c = &mut self.tiers[Self::slot(d.tier())];
        c.total += 1;
        c.met += i64::from(met);
        let w = Tier::weight(d.tier());
        self.weighted_total += w;
        if met {
            self.weighted_met += w;
        }
    }
    pub fn weighted_pct(&self) -> Option<i64> {
        Count {
            total: self.weighted_total,
            met: self.weighted_met,
        }
        .pct()
    }
    pub fn plain(&self) -> Count {
        self.tiers.iter().fold(Count::default(), |a, c| Count {
            total: a.total + c.total,
            met: a.met + c.met,
        })
    }
}

/// Coverage per child (in the order children first appear, `None` last) and for the whole scope.
pub fn coverage(districts: &[District], from: NaiveDate) -> (Vec<Coverage>, Coverage) {
    let mut per: Vec<Coverage> = Vec::new();
    let mut all = Coverage::default();
    for d in districts {
        all.add(d, from);
        match per.iter_mut().find(|c| c.child == d.child) {
            Some(c) => c.add(d, from),
            None => {
                let mut c = Coverage {
                    child: d.child,
                    ..Coverage::default()
                };
                c.add(d, from);
                per.push(c);
            }
        }
    }
    per.sort_by_key(|c| c.child.is_none());
    (per, all)
}

/// The kecamatan not met since `from`, riskiest first: tier (tinggi → no data), then the longest
/// unmet (never met first), then by code.
pub fn gaps(districts: &[District], from: NaiveDate) -> Vec<&District> {
    let mut g: Vec<&District> = districts.iter().filter(|d| !d.met_since(from)).collect();
    g.sort_by(|a, b| {
        b.tier()
            .cmp(&a.tier())
            .then(a.last_met.cmp(&b.last_met))
            .then(a.code.cmp(&b.code))
    });
    g
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
        assert_eq!(fields(r), ["as_of"]);
    }

    fn district(
        code: &str,
        child: Option<i64>,
        last: Option<&str>,
        tier: Option<Tier>,
    ) -> District {
        District {
            code: code.into(),
            name: code.into(),
            regency: String::new(),
            child,
            last_met: last.map(|d| d.parse().expect("date")),
            risk: tier.map(|tier| Risk {
                tier,
                own: true,
                source: "s".into(),
                as_of: NaiveDate::MIN,
                is_sample: false,
                tps_total: None,
                tps_rawan: None,
            }),
        }
    }

    #[test]
    fn gaps_put_high_tier_first_then_the_longest_unmet() {
        let from: NaiveDate = "2024-11-14".parse().expect("date");
        let ds = [
            district("a", Some(1), Some("2024-11-01"), Some(Tier::Sedang)),
            district("b", Some(1), None, None),
            district("c", Some(2), Some("2024-11-10"), Some(Tier::Tinggi)),
            district("d", Some(2), Some("2024-11-20"), Some(Tier::Tinggi)),
            district("e", Some(2), None, Some(Tier::Tinggi)),
        ];
        let order: Vec<&str> = gaps(&ds, from).iter().map(|d| d.code.as_str()).collect();
        assert_eq!(order, ["e", "c", "a", "b"]);
    }

    #[test]
    fn weighted_coverage_counts_tinggi_three_times() {
        let from: NaiveDate = "2024-11-14".parse().expect("date");
        let ds = [
            district("a", Some(1), Some("2024-11-20"), Some(Tier::Tinggi)),
            district("b", Some(1), None, None),
            district("c", None, None, Some(Tier::Sedang)),
        ];
        let (per, all) = coverage(&ds, from);
        assert_eq!(per.len(), 2);
        assert_eq!(per[0].child, Some(1));
        assert_eq!(per[0].weighted_pct(), Some(75));
        assert_eq!(per[0].plain().pct(), Some(50));
        assert_eq!(per[1].child, None);
        assert_eq!(all.weighted_met, 3);
        assert_eq!(all.weighted_total, 6);
        assert_eq!(all.tiers[0], Count { total: 1, met: 1 });
    }
}
