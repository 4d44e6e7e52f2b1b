//! The answer form, shared by the link page and "Pertemuan saya", and its checks.

use serde::Deserialize;

use crate::kit::states::Answer;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    pub answer: String,
    pub comment: String,
    pub name: String,
    pub position: String,
    pub attendee_id: String,
}

/// An answer, checked.
pub struct Checked {
    pub answer: Answer,
    pub comment: String,
    pub name: String,
    pub position: String,
}

/// The answer's fields checked, or the message for the person.
pub fn check(f: &AnswerForm) -> Result<Checked, &'static str> {
    let answer = Answer::parse(&f.answer).ok_or("Pilih salah satu jawaban.")?;
    let comment = f.comment.trim().to_string();
    if comment.chars().count() > 2000 {
        return Err("Catatan terlalu panjang: paling banyak 2000 karakter.");
    }
    if answer == Answer::Disputed && comment.is_empty() {
        return Err("Tuliskan bagian mana yang tidak sesuai.");
    }
    let name = f.name.trim().to_string();
    let position = f.position.trim().to_string();
    if name.chars().count() > 120 || position.chars().count() > 160 {
        return Err("Nama paling banyak 120 karakter, jabatan 160 karakter.");
    }
    Ok(Checked {
        answer,
        comment,
        name,
        position,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(answer: &str, comment: &str) -> AnswerForm {
        AnswerForm {
            answer: answer.into(),
            comment: comment.into(),
            ..AnswerForm::default()
        }
    }

    #[test]
    fn a_sanggahan_needs_words_and_unknown_answers_are_refused() {
        assert_eq!(
            check(&form("maybe", "")).err(),
            Some("Pilih salah satu jawaban.")
        );
        assert_eq!(
            check(&form("disputed", " ")).err(),
            Some("Tuliskan bagian mana yang tidak sesuai.")
        );
        let ok = check(&form(" disputed ", "Saya datang terlambat")).expect("valid");
        assert_eq!(ok.answer, Answer::Disputed);
        assert!(check(&form("present", &"x".repeat(2001))).is_err());
    }
}
