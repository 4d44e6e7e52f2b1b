//! The coverage page's rule: a kecamatan's tier is its own figure, else its regency's; a
//! kecamatan is met when its PPK or Panwascam was met in the window; weights 3/2/1 (tinggi,
//! sedang, rendah or no data); gaps riskiest first.

use chrono::NaiveDate;

use super::domain::Tier;

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
