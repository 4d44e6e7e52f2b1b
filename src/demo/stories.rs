//! The seed stories as data (`src/demo/stories.json`, told in docs/SEED-STORIES.md): hosts,
//! venues, local times, every named person and institution, topics, minutes, and the
//! follow-ups and answers that came after. Tests build their own meetings with the same types.

use serde::Deserialize;

/// An institution as the stories name it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Inst {
    /// The institution of the police unit of this name.
    Unit(String),
    /// The derived election body of (kind, region code).
    Body(String, String),
    /// An institution by its name.
    Named(String),
}

/// One line of a meeting's attendance list.
#[derive(Clone, Debug, Deserialize)]
pub struct Attendee {
    pub institution: Inst,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub members: i32,
    #[serde(default)]
    pub represents: String,
    pub attendance: String,
}

/// A meeting as a story tells it; the date and time are local to its district.
#[derive(Clone, Debug, Deserialize)]
pub struct Story {
    /// The idempotency key that makes loading it twice a no-op (empty: none).
    pub key: String,
    pub host: String,
    pub title: String,
    pub purpose: String,
    pub date: chrono::NaiveDate,
    /// "HH:MM"
    pub time: String,
    pub duration: i32,
    pub district: String,
    pub venue: String,
    pub address: String,
    pub types: Vec<String>,
    pub topics: Vec<String>,
    pub minutes: String,
    pub outcome: String,
    pub status: String,
    pub attendees: Vec<Attendee>,
}

/// A follow-up of the meeting with key `meeting`; `due` is "H-n" or a date.
#[derive(Clone, Debug, Deserialize)]
pub struct Commitment {
    pub meeting: String,
    pub what: String,
    pub owner: Inst,
    /// Made to (for police-owned follow-ups).
    pub to: Option<Inst>,
    pub due: String,
    pub status: String,
    #[serde(default)]
    pub note: String,
}

/// An official's answer for the first line of `institution` at the meeting with key `meeting`.
#[derive(Clone, Debug, Deserialize)]
pub struct Confirmation {
    pub meeting: String,
    pub institution: Inst,
    pub answer: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Deserialize)]
pub struct Stories {
    pub meetings: Vec<Story>,
    pub commitments: Vec<Commitment>,
    pub confirmations: Vec<Confirmation>,
}

/// Every seed story, in the order they are loaded.
pub fn all() -> anyhow::Result<Stories> {
    Ok(serde_json::from_str(include_str!("stories.json"))?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stories_file_reads() {
        let s = super::all().expect("stories.json");
        assert_eq!(s.meetings.len(), 6);
        assert!(
            s.commitments
                .iter()
                .all(|c| s.meetings.iter().any(|m| m.key == c.meeting))
        );
    }
}
