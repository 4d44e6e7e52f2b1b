//! `sinergi import-regions DIR`: reads provinces.csv, regencies.csv, districts.csv and
//! villages.csv (idn-area-data format), checks every line, then writes all four levels and the
//! derived election bodies in one transaction. Idempotent: names are updated, nothing is duplicated.

use std::path::Path;
use std::time::Instant;

use sqlx::PgPool;

use super::zone_for_province;

/// A problem in the input, naming the file and line, or in the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}:{line}: {message}")]
    Line {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// What an import wrote.
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub provinces: usize,
    pub regencies: usize,
    pub districts: usize,
    pub villages: usize,
    pub millis: u128,
}

struct Level {
    file: &'static str,
    level: &'static str,
    /// regex-free shape check: number of dotted parts and the digits in the last one
    parts: usize,
    last_len: usize,
}

const LEVELS: [Level; 4] = [
    Level {
        file: "provinces.csv",
        level: "province",
        parts: 1,
        last_len: 2,
    },
    Level {
        file: "regencies.csv",
        level: "regency",
        parts: 2,
        last_len: 2,
    },
    Level {
        file: "districts.csv",
        level: "district",
        parts: 3,
        last_len: 2,
    },
    Level {
        file: "villages.csv",
        level: "village",
        parts: 4,
        last_len: 4,
    },
];

static EMBEDDED: [&str; 4] = [
    include_str!("../../data/regions/provinces.csv"),
    include_str!("../../data/regions/regencies.csv"),
    include_str!("../../data/regions/districts.csv"),
    include_str!("../../data/regions/villages.csv"),
];

#[derive(Default)]
struct Rows {
    code: Vec<String>,
    parent: Vec<Option<String>>,
    name: Vec<String>,
    tz: Vec<String>,
    abbr: Vec<String>,
}

fn parse(
    level: &Level,
    text: &str,
    known_parents: &std::collections::HashSet<String>,
) -> Result<Rows, ImportError> {
    let err = |line: u64, message: String| ImportError::Line {
        file: level.file.into(),
        line,
        message,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| ImportError::File {
            file: level.file.into(),
            message: e.to_string(),
        })?
        .clone();
    let want: &[&str] = if level.parts == 1 {
        &["code", "name"]
    } else {
        &["code", "", "name"]
    };
    if headers.len() != want.len()
        || headers.get(0) != Some("code")
        || headers.get(want.len() - 1) != Some("name")
    {
        return Err(err(1, format!("expected the header {:?}", want.join(","))));
    }
    let mut rows = Rows::default();
    let mut seen = std::collections::HashSet::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| err(line, e.to_string()))?;
        if rec.len() != want.len() {
            return Err(err(
                line,
                format!("expected {} fields, found {}", want.len(), rec.len()),
            ));
        }
        let code = rec[0].trim().to_string();
        let parent = check_code(level, &code, &rec[1], known_parents).map_err(|m| err(line, m))?;
        let name = rec[want.len() - 1].trim().to_string();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(err(
                line,
                "the name is empty or longer than 200 characters".into(),
            ));
        }
        let (tz, abbr) = zone_for_province(&code)
            .ok_or_else(|| err(line, format!("no time zone for province {}", &code[..2])))?;
        if !seen.insert(code.clone()) {
            return Err(err(line, format!("{code} appears twice")));
        }
        rows.code.push(code);
        rows.parent.push(parent);
        rows.name.push(name);
        rows.tz.push(tz.into());
        rows.abbr.push(abbr.into());
    }
    Ok(rows)
}

/// Checks `code`'s shape for `level` and, below provinces, that it lies under a known `parent`.
fn check_code(
    level: &Level,
    code: &str,
    parent: &str,
    known_parents: &std::collections::HashSet<String>,
) -> Result<Option<String>, String> {
    let parts: Vec<&str> = code.split('.').collect();
    let shape_ok = parts.len() == level.parts
        && parts.iter().enumerate().all(|(k, p)| {
            let len = if k + 1 == level.parts {
                level.last_len
            } else {
                2
            };
            p.len() == len && p.bytes().all(|b| b.is_ascii_digit())
        });
    if !shape_ok {
        return Err(format!("{code:?} is not a {} code", level.level));
    }
    if level.parts == 1 {
        return Ok(None);
    }
    let p = parent.trim().to_string();
    if !code.starts_with(&format!("{p}.")) || code.len() != p.len() + 1 + level.last_len {
        return Err(format!("{code} does not belong to parent {p:?}"));
    }
    if !known_parents.contains(&p) {
        return Err(format!("parent {p} is not in the level above"));
    }
    Ok(Some(p))
}

/// Imports the four CSV files from `dir`.
pub async fn import_dir(pool: &PgPool, dir: &Path) -> Result<ImportSummary, ImportError> {
    let mut texts = Vec::new();
    for level in &LEVELS {
        let path = dir.join(level.file);
        let text = std::fs::read_to_string(&path).map_err(|e| ImportError::File {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
        texts.push(text);
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    import_texts(pool, &refs).await
}

/// Imports the copy of the region files compiled into the binary.
pub async fn import_embedded(pool: &PgPool) -> Result<ImportSummary, ImportError> {
    import_texts(pool, &EMBEDDED).await
}

async fn import_texts(pool: &PgPool, texts: &[&str]) -> Result<ImportSummary, ImportError> {
    let start = Instant::now();
    let mut parsed = Vec::new();
    let mut parents = std::collections::HashSet::new();
    for (level, text) in LEVELS.iter().zip(texts) {
        let rows = parse(level, text, &parents)?;
        parents = rows.code.iter().cloned().collect();
        parsed.push(rows);
    }
    let mut tx = pool.begin().await?;
    for (level, rows) in LEVELS.iter().zip(&parsed) {
        sqlx::query!(
            "insert into region (code, parent_code, level, name, tz, tz_abbr)
             select code, parent, $6, name, tz, abbr
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(code, parent, name, tz, abbr)
             on conflict (code) do update set name = excluded.name
             where region.name is distinct from excluded.name",
            &rows.code,
            &rows.parent as &[Option<String>],
            &rows.name,
            &rows.tz,
            &rows.abbr,
            level.level,
        )
        .execute(&mut *tx)
        .await?;
    }
    derive_election_bodies(&mut tx).await?;
    crate::elections::seed(&mut tx).await?;
    tx.commit().await?;
    let summary = ImportSummary {
        provinces: parsed[0].code.len(),
        regencies: parsed[1].code.len(),
        districts: parsed[2].code.len(),
        villages: parsed[3].code.len(),
        millis: start.elapsed().as_millis(),
    };
    tracing::info!(
        provinces = summary.provinces,
        regencies = summary.regencies,
        districts = summary.districts,
        villages = summary.villages,
        elapsed_ms = summary.millis as u64,
        "regions imported"
    );
    Ok(summary)
}

/// KPU and Bawaslu for the nation, every province and regency; PPK and Panwascam for every kecamatan.
async fn derive_election_bodies(tx: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into institution (kind, name, region_code)
         select b.kind, b.name, b.region_code from (
             select 'kpu' as kind, 'KPU Republik Indonesia' as name, null::text as region_code
             union all select 'bawaslu', 'Bawaslu Republik Indonesia', null
             union all select 'kpu', 'KPU Provinsi ' || name, code from region where level = 'province'
             union all select 'bawaslu', 'Bawaslu Provinsi ' || name, code from region where level = 'province'
             union all select 'kpu', 'KPU ' || name, code from region where level = 'regency'
             union all select 'bawaslu', 'Bawaslu ' || name, code from region where level = 'regency'
             union all select 'ppk', 'PPK Kecamatan ' || name, code from region where level = 'district'
             union all select 'panwascam', 'Panwaslu Kecamatan ' || name, code from region where level = 'district'
         ) b
         on conflict do nothing"
    )
    .execute(tx)
    .await?;
    Ok(())
}
