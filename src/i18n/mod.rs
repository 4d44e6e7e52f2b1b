//! The one place user-facing words come from. Bahasa Indonesia is the reference language;
//! English follows key by key. Templates call `t.s("key")`; an unknown key shows itself, so a
//! missing translation is visible rather than silent.

/// The interface language, chosen by the `lang` cookie (default Indonesian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Self {
        if code == "en" { Lang::En } else { Lang::Id }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The word for `key` in this language.
    pub fn s(&self, key: &str) -> &'static str {
        match words().get(key) {
            Some((id, en)) => match self {
                Lang::Id => id,
                Lang::En => en,
            },
            None => "⟨?⟩",
        }
    }

    /// The word for `key` with its `{}` replaced by `arg`, for phrases whose word order differs
    /// between the languages ("terlambat 3 hari" / "3 days overdue").
    pub fn f(&self, key: &str, arg: impl std::fmt::Display) -> String {
        self.s(key).replacen("{}", &arg.to_string(), 1)
    }
}

mod catalogue;

use catalogue::{messages, words};

tokio::task_local! {
    /// The language of the request being answered (set by `web::middleware::language`).
    static CURRENT: Lang;
}

/// The current request's language; Indonesian outside a request (command line, unit tests).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// Runs `f` with `lang` as the current language.
pub async fn scope<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    CURRENT.scope(lang, f).await
}

/// The language named by a request's `lang` cookie.
pub fn from_cookies(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang=").map(Lang::from_code))
        .unwrap_or_default()
}

impl Lang {
    /// A message built in Rust (validation, notices, error pages), given in Indonesian, in this
    /// language: looked up in `messages.tsv`, with `{}` matching a value; Indonesian when
    /// there is no entry.
    pub fn m(&self, text: &str) -> String {
        match self {
            Lang::Id => text.to_string(),
            Lang::En => english(text).unwrap_or_else(|| text.to_string()),
        }
    }
}

fn exact(text: &str) -> Option<&'static str> {
    messages().exact.get(text).copied()
}

fn english(text: &str) -> Option<String> {
    if let Some(en) = exact(text) {
        return Some(en.to_string());
    }
    messages().patterns.iter().find_map(|(id, en)| {
        let values = captures(id, text)?;
        let mut out = String::new();
        let mut rest = *en;
        for v in values {
            let (head, tail) = rest.split_once("{}")?;
            out.push_str(head);
            out.push_str(exact(&v).unwrap_or(&v));
            rest = tail;
        }
        out.push_str(rest);
        Some(out)
    })
}

/// The values standing for each `{}` of `pattern` in `text`, if `text` has its shape.
fn captures(pattern: &str, text: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut values = Vec::new();
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        if i == pieces.len() - 1 {
            values.push(rest.strip_suffix(piece)?.to_string());
        } else {
            if piece.is_empty() {
                return None;
            }
            let at = rest.find(piece)?;
            values.push(rest[..at].to_string());
            rest = &rest[at + piece.len()..];
        }
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every table has its key (or Indonesian text) once, both languages, the
    /// same `{}` count in each, and a key that belongs to its file.
    #[test]
    fn every_word_and_message_has_its_english_once() {
        use std::collections::HashSet;
        let mut keys = HashSet::new();
        for (file, text) in catalogue::WORD_FILES {
            for l in catalogue::lines(text) {
                let cols: Vec<&str> = l.split('\t').collect();
                assert_eq!(cols.len(), 3, "{file}.tsv: {l:?}");
                let (k, id, en) = (cols[0], cols[1], cols[2]);
                assert!(k.starts_with(&format!("{file}.")), "{file}.tsv: key {k}");
                assert!(keys.insert(k), "{k} twice");
                assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{k}");
                assert_eq!(id.matches("{}").count(), en.matches("{}").count(), "{k}");
            }
        }
        assert!(keys.len() > 300);
        let mut ids = HashSet::new();
        for l in catalogue::lines(catalogue::MESSAGE_FILE) {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 2, "messages.tsv: {l:?}");
            assert!(ids.insert(cols[0]), "{} twice", cols[0]);
            assert!(!cols[1].trim().is_empty(), "{}", cols[0]);
            assert_eq!(
                cols[0].matches("{}").count(),
                cols[1].matches("{}").count(),
                "{}",
                cols[0]
            );
        }
    }

    #[test]
    fn lookup_and_format() {
        assert_eq!(Lang::Id.s("auth.login"), "Masuk");
        assert_eq!(Lang::En.s("auth.login"), "Log in");
        assert_eq!(Lang::En.s("no.such.key"), "⟨?⟩");
        assert_eq!(Lang::Id.f("commit.overdue", 3), "terlambat 3 hari");
        assert_eq!(Lang::En.f("commit.overdue", 3), "3 days overdue");
    }

    #[test]
    fn messages_built_in_rust_read_in_english_with_their_values() {
        assert_eq!(Lang::En.m("Wajib diisi."), "Required.");
        assert_eq!(
            Lang::En.m("Judul terlalu panjang: 300 karakter, paling banyak 200."),
            "Title is too long: 300 characters, at most 200."
        );
        assert_eq!(
            Lang::En.m("Status \"open\" tidak dapat diubah menjadi \"verified\"."),
            "Status \"open\" cannot become \"verified\"."
        );
        assert_eq!(
            Lang::En.m("Tanggal awal \"27-11\" tidak valid: tulis seperti 2024-11-27."),
            "Invalid start date \"27-11\": write it like 2024-11-27."
        );
        assert_eq!(Lang::En.m("Pesan yang belum ada."), "Pesan yang belum ada.");
        assert_eq!(Lang::Id.m("Wajib diisi."), "Wajib diisi.");
    }

    #[tokio::test]
    async fn the_current_language_is_the_requests_and_indonesian_outside_one() {
        assert_eq!(current(), Lang::Id);
        assert_eq!(scope(Lang::En, async { current() }).await, Lang::En);
    }

    /// The files below the crate's folder `dir`, all or those ending in `.ext`.
    fn files_under(dir: &str, ext: Option<&str>) -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, ext: Option<&str>, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, ext, out);
                } else if ext.is_none_or(|ext| p.extension().is_some_and(|x| x == ext)) {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        walk(&root, ext, &mut files);
        files
    }

    /// Every message a form adds as a literal (`….add(field, "…")`) has its English.
    #[test]
    fn form_messages_have_english() {
        let files = files_under("src", Some("rs"));
        let mut missing = Vec::new();
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in text.lines().filter(|l| l.contains(".add(")) {
                let Some(start) = line.find(", \"").map(|i| i + 3) else {
                    continue;
                };
                let Some(len) = line[start..].find('"') else {
                    continue;
                };
                let lit = &line[start..start + len];
                if !lit.ends_with('.') {
                    continue;
                }
                // format! arguments such as {label} or {n} become sample values.
                let mut sample = String::new();
                let mut in_arg = false;
                for c in lit.chars() {
                    match c {
                        '{' => in_arg = true,
                        '}' if in_arg => {
                            in_arg = false;
                            sample.push_str("Judul");
                        }
                        _ if in_arg => {}
                        _ => sample.push(c),
                    }
                }
                seen += 1;
                if Lang::En.m(&sample) == sample {
                    missing.push(format!("{}: {lit}", f.display()));
                }
            }
        }
        assert!(seen >= 30, "the scan finds the form messages ({seen})");
        assert!(
            missing.is_empty(),
            "no English for:\n{}",
            missing.join("\n")
        );
    }

    /// Every literal phrase a template translates (`ctx.t.m("…")`) has its English.
    #[test]
    fn template_phrases_have_english() {
        let mut seen = 0;
        for f in files_under("templates/dashboard", None) {
            let text = std::fs::read_to_string(f).unwrap();
            for part in text.split("ctx.t.m(\"").skip(1) {
                let phrase = &part[..part.find('"').unwrap()];
                seen += 1;
                assert_ne!(Lang::En.m(phrase), phrase, "no English for {phrase:?}");
            }
        }
        assert!(seen >= 50, "the dashboard's phrases are found ({seen})");
    }

    /// Every literal key a template asks for exists in the table.
    #[test]
    fn templates_use_known_keys() {
        let files = files_under("templates", None);
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for pat in ["t.s(\"", "t.f(\""] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    assert!(
                        words().contains_key(key),
                        "{}: unknown key {key:?}",
                        f.display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 100, "only {seen} keys found in templates");
    }
}
