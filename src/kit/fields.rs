//! Field parsing shared by every form: one type for the messages shown next to fields, and one
//! rule each for text and phone numbers (mirroring the `check` constraints in `migrations/`), so
//! bad input is a field error and never a failed query.

use std::collections::BTreeMap;

/// Messages per field name ("title", "a2.phone" …), each in the current request's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    /// Records `message` (Indonesian) for `field`, in the language of the current request. The
    /// first message for a field wins.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0
            .entry(field.into())
            .or_insert_with(|| crate::i18n::current().m(&message.into()));
    }

    /// The message for `field`, if it is bad.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// The message for attendee row `i`'s `field`.
    pub fn row(&self, i: &usize, field: &str) -> Option<&str> {
        self.get(&format!("a{i}.{field}"))
    }

    /// The message of follow-up row `i`'s `field` in the meeting form.
    pub fn crow(&self, i: &usize, field: &str) -> Option<&str> {
        self.get(&format!("c{i}.{field}"))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds `other`'s messages for fields that have none yet.
    pub fn merge(&mut self, other: FieldErrors) {
        for (f, m) in other.0 {
            self.0.entry(f).or_insert(m);
        }
    }

    /// Records the error of `r` for `field` and returns its value, if any.
    pub fn take<T, E: Into<String>>(&mut self, field: &str, r: Result<T, E>) -> Option<T> {
        r.map_err(|m| self.add(field, m)).ok()
    }
}

/// Trimmed text of at most `max` characters; `None` when empty.
pub fn optional_text(input: &str, max: usize) -> Result<Option<String>, String> {
    let t = input.trim();
    if t.chars().count() > max {
        Err(format!("Maksimal {max} karakter."))
    } else if t.is_empty() {
        Ok(None)
    } else {
        Ok(Some(t.to_string()))
    }
}

/// Trimmed text of `min..=max` characters.
pub fn required_text(input: &str, min: usize, max: usize) -> Result<String, String> {
    let t = input.trim();
    let n = t.chars().count();
    if n == 0 {
        Err("Wajib diisi.".into())
    } else if n < min {
        Err(format!("Minimal {min} karakter."))
    } else if n > max {
        Err(format!("Maksimal {max} karakter."))
    } else {
        Ok(t.to_string())
    }
}

/// The message for a phone number that is not one.
pub const PHONE_INVALID: &str = "Nomor telepon tidak valid (contoh 0812-3456-7890).";

/// An optional Indonesian phone number as people type it: digits, spaces and dashes with an
/// optional leading +, 6–15 digits, at most 20 characters (`^\+?[0-9 -]{6,20}$` in the schema).
pub fn phone(input: &str) -> Result<Option<String>, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let ok = s
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    if ok && (6..=15).contains(&digits) && s.len() <= 20 {
        Ok(Some(s.to_string()))
    } else {
        Err(PHONE_INVALID)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_digits_spaces_and_dashes_with_an_optional_leading_plus() {
        assert_eq!(phone(""), Ok(None));
        assert_eq!(phone(" 0812-3456-7890 "), Ok(Some("0812-3456-7890".into())));
        assert_eq!(
            phone("+62 812 3456 7890"),
            Ok(Some("+62 812 3456 7890".into()))
        );
        for bad in [
            "12345",
            "0812+3456",
            "0812/3456/789",
            "1234567890123456",
            "abc-def-ghij",
        ] {
            assert_eq!(phone(bad), Err(PHONE_INVALID), "{bad}");
        }
    }

    #[test]
    fn text_is_trimmed_and_counted_in_characters() {
        assert_eq!(required_text("  Kuala  ", 3, 10), Ok("Kuala".into()));
        assert!(required_text("", 1, 10).is_err());
        assert!(required_text("ab", 3, 10).is_err());
        assert_eq!(optional_text("ééé", 3), Ok(Some("ééé".into())));
        assert!(optional_text("éééé", 3).is_err());
        assert_eq!(optional_text("   ", 3), Ok(None));
    }

    #[test]
    fn the_first_message_for_a_field_wins() {
        let mut e = FieldErrors::default();
        e.add("title", "Wajib diisi.");
        e.add("title", "Maksimal 3 karakter.");
        assert_eq!(e.get("title"), Some("Wajib diisi."));
        assert_eq!(e.len(), 1);
    }
}
