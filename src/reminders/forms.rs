//! What the reminder pages send: the one-tap send (step and recipient) and the admin's rule.

use serde::Deserialize;

use super::domain::{RULE_DAYS, Recipient, Rule, Step};
use crate::kit::fields::FieldErrors;

/// A tap on "send by WhatsApp".
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SendForm {
    pub step: String,
    pub recipient: String,
}

impl SendForm {
    pub fn parse(&self) -> Option<(Step, Recipient)> {
        Some((Step::parse(&self.step)?, Recipient::parse(&self.recipient)?))
    }
}

/// A Polda's reminder rule as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    pub polda: String,
    pub days_before: String,
    pub days_after: String,
}

fn days(s: &str) -> Result<i64, &'static str> {
    match s.trim().parse::<i64>() {
        Ok(n) if RULE_DAYS.contains(&n) => Ok(n),
        _ => Err("Isi jumlah hari 1–30."),
    }
}

impl RuleForm {
    /// The Polda's id and the rule, or a message next to each bad field.
    pub fn parse(&self) -> Result<(i64, Rule), FieldErrors> {
        let mut errors = FieldErrors::default();
        let polda = self.polda.trim().parse::<i64>().ok();
        if polda.is_none() {
            errors.add("polda", "Pilih Polda.");
        }
        let before = errors.take("days_before", days(&self.days_before));
        let after = errors.take("days_after", days(&self.days_after));
        match (polda, before, after) {
            (Some(p), Some(before), Some(after)) => Ok((p, Rule { before, after })),
            _ => Err(errors),
        }
    }
}

/// `?ok=…` after a redirect back to a reminder page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    pub ok: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_days_are_whole_numbers_from_1_to_30() {
        let form = |b: &str, a: &str| RuleForm {
            polda: "2".into(),
            days_before: b.into(),
            days_after: a.into(),
        };
        assert_eq!(
            form("5", "2").parse().map(|(_, r)| r),
            Ok(Rule {
                before: 5,
                after: 2
            })
        );
        for (b, a, field) in [
            ("0", "1", "days_before"),
            ("3", "31", "days_after"),
            ("x", "1", "days_before"),
        ] {
            let e = form(b, a).parse().err().unwrap_or_default();
            assert!(e.has(field), "{b} {a}");
        }
    }
}
