//! The word tables as data: `words/<page>.tsv` (key, Indonesian, English) for templates'
//! `t.s("key")`, and `messages.tsv` (Indonesian, English) for messages built in Rust. Files are
//! compiled in and read once; a line is tab-separated, `#` starts a comment line. Git merges them
//! line by line (`.gitattributes`), so features add words without touching each other's lines.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The word files, by the first segment of their keys.
pub static WORD_FILES: &[(&str, &str)] = &[
    ("admin", include_str!("words/admin.tsv")),
    ("app", include_str!("words/app.tsv")),
    ("audit", include_str!("words/audit.tsv")),
    ("cal", include_str!("words/cal.tsv")),
    ("auth", include_str!("words/auth.tsv")),
    ("commit", include_str!("words/commit.tsv")),
    ("common", include_str!("words/common.tsv")),
    ("confirm", include_str!("words/confirm.tsv")),
    ("dir", include_str!("words/dir.tsv")),
    ("err", include_str!("words/err.tsv")),
    ("footer", include_str!("words/footer.tsv")),
    ("home", include_str!("words/home.tsv")),
    ("meetings", include_str!("words/meetings.tsv")),
    ("nav", include_str!("words/nav.tsv")),
    ("privacy", include_str!("words/privacy.tsv")),
    ("rawan", include_str!("words/rawan.tsv")),
    ("remind", include_str!("words/remind.tsv")),
    ("search", include_str!("words/search.tsv")),
    ("tz", include_str!("words/tz.tsv")),
    ("verify", include_str!("words/verify.tsv")),
];

pub static MESSAGE_FILE: &str = include_str!("messages.tsv");

/// The data lines of a table: not empty, not a comment.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Key → (Indonesian, English).
pub fn words() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static WORDS: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m = HashMap::new();
        for (_, text) in WORD_FILES {
            for l in lines(text) {
                let mut cols = l.splitn(3, '\t');
                if let (Some(k), Some(id), Some(en)) = (cols.next(), cols.next(), cols.next()) {
                    m.insert(k, (id, en));
                }
            }
        }
        m
    })
}

/// Messages by their Indonesian text; those with `{}` also as patterns.
pub struct Messages {
    pub exact: HashMap<&'static str, &'static str>,
    pub patterns: Vec<(&'static str, &'static str)>,
}

pub fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut patterns = Vec::new();
        for l in lines(MESSAGE_FILE) {
            if let Some((id, en)) = l.split_once('\t') {
                exact.insert(id, en);
                if id.contains("{}") {
                    patterns.push((id, en));
                }
            }
        }
        Messages { exact, patterns }
    })
}
