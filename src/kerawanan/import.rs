//! `sinergi import-kerawanan FILE.csv` and the demo's sample: a header line naming the columns
//! (`region_code,election,source,as_of,score,tier,tps_total,tps_rawan[,sample]`), one figure a
//! line. Every line is checked before anything is written; errors name the line. In one
//! transaction each source named in the file is replaced by the file's lines.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use sqlx::{PgConnection, PgPool};

use super::db;
use super::domain::{Entry, RawEntry};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub rows: usize,
    pub sources: Vec<String>,
    /// Rows of those sources that were there before and are now replaced.
    pub replaced: u64,
}

/// The demo's invented figures (sample=ya on every line).
pub const SAMPLE_CSV: &str = include_str!("../../data/kerawanan/sample-demo.csv");

const COLUMNS: [&str; 8] = [
    "region_code",
    "election",
    "source",
    "as_of",
    "score",
    "tier",
    "tps_total",
    "tps_rawan",
];

/// A checked line with its line number and sample flag.
struct Line {
    no: usize,
    entry: Entry,
    sample: bool,
}

/// Reads the CSV text: the checked lines, or one message per bad line (at most 20).
fn parse(text: &str) -> Result<Vec<Line>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        Err(e) => return Err(vec![format!("baris 1: kepala kolom tidak terbaca ({e})")]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "baris 1: kolom {} tidak ada (kepala kolom: {})",
            missing.join(", "),
            COLUMNS.join(",")
        )]);
    }
    let sample_col = col("sample");
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let no = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("baris {no}: tidak terbaca ({e})"));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .unwrap_or("")
                .to_string()
        };
        let raw = RawEntry {
            region: get("region_code"),
            election: get("election"),
            source: get("source"),
            as_of: get("as_of"),
            score: get("score"),
            tier: get("tier"),
            tps_total: get("tps_total"),
            tps_rawan: get("tps_rawan"),
        };
        let sample = sample_col
            .and_then(|c| record.get(c))
            .is_some_and(|v| matches!(v.to_lowercase().as_str(), "ya" | "yes" | "1" | "true"));
        match raw.parse() {
            Ok(entry) => lines.push(Line { no, entry, sample }),
            Err(errs) => errors.push(format!(
                "baris {no}: {}",
                errs.iter()
                    .map(|(f, m)| format!("{f}: {m}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
        }
        if errors.len() >= 20 {
            break;
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// Imports `text` in the caller's transaction; on any bad line nothing is written.
pub async fn import_text(tx: &mut PgConnection, text: &str) -> anyhow::Result<Summary> {
    let lines = parse(text).map_err(|e| anyhow::anyhow!("{}", e.join("\n")))?;
    if lines.is_empty() {
        anyhow::bail!("berkas tidak berisi baris data");
    }
    let codes: Vec<String> = lines.iter().map(|l| l.entry.region_code.clone()).collect();
    let known: HashSet<String> = db::known_regions(&mut *tx, &codes)
        .await?
        .into_iter()
        .collect();
    let elections: HashMap<String, i64> = db::elections(&mut *tx)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.id))
        .collect();
    let mut errors = Vec::new();
    let mut seen = HashMap::new();
    let mut rows = db::NewRows::default();
    for l in &lines {
        let e = &l.entry;
        if !known.contains(&e.region_code) {
            errors.push(format!(
                "baris {}: kode wilayah {} tidak dikenal (provinsi, kabupaten/kota atau kecamatan Kemendagri)",
                l.no, e.region_code
            ));
        }
        let Some(&election) = elections.get(&e.election_slug) else {
            errors.push(format!(
                "baris {}: pemilihan {:?} tidak dikenal",
                l.no, e.election_slug
            ));
            continue;
        };
        if let Some(first) = seen.insert((e.source.clone(), election, e.region_code.clone()), l.no)
        {
            errors.push(format!(
                "baris {}: sumber, pemilihan dan wilayah yang sama sudah ada di baris {first}",
                l.no
            ));
        }
        rows.push(e, election, l.sample);
    }
    if !errors.is_empty() {
        errors.truncate(20);
        anyhow::bail!("{}", errors.join("\n"));
    }
    let mut sources: Vec<String> = lines.iter().map(|l| l.entry.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let replaced = db::delete_sources(&mut *tx, &sources).await?;
    db::insert_rows(&mut *tx, &rows).await?;
    crate::kit::audit::record(
        tx,
        crate::kit::audit::Entry::system("kerawanan.import", "kerawanan", None).change(
            None,
            Some(serde_json::json!({ "sources": sources, "rows": lines.len(), "replaced": replaced })),
        ),
    )
    .await?;
    Ok(Summary {
        rows: lines.len(),
        sources,
        replaced,
    })
}

/// `sinergi import-kerawanan FILE`: the whole file in one transaction.
pub async fn import_file(pool: &PgPool, path: &Path) -> anyhow::Result<Summary> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let mut tx = pool.begin().await?;
    let summary = import_text(&mut tx, &text)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    tx.commit().await?;
    Ok(summary)
}

/// Loads (or reloads) the demo's labelled sample in the demo loader's transaction.
pub async fn load_sample(tx: &mut PgConnection) -> anyhow::Result<Summary> {
    import_text(tx, SAMPLE_CSV).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named_by_its_number_and_field() {
        let text = "region_code,election,source,as_of,score,tier,tps_total,tps_rawan\n\
                    14.05,pilkada-2024,IKP,2024-01-01,30,,,\n\
                    14.05.10,pilkada-2024,IKP,2024-01-01,,parah,,\n";
        let errors = parse(text).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("baris 3: tier:"), "{errors:?}");
    }

    #[test]
    fn a_missing_column_is_named() {
        let errors = parse("region_code,election,source\n14,pemilu-2024,x\n")
            .err()
            .unwrap_or_default();
        assert!(errors[0].contains("as_of"), "{errors:?}");
    }

    #[test]
    fn the_shipped_sample_parses_and_is_marked_as_sample_on_every_line() {
        let lines = parse(SAMPLE_CSV).unwrap_or_default();
        assert!(lines.len() >= 8);
        assert!(
            lines
                .iter()
                .all(|l| l.sample && l.entry.source.contains("CONTOH"))
        );
    }
}
