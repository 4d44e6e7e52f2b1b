//! Elections as data: each has a voting day, the regions taking part and an ordered calendar of
//! stages. Two questions are answered here and nowhere else: which stage a moment falls in for a
//! region (in that region's own zone), and how many days it is to voting day ("H-n").

use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgExecutor};

/// One stage (tahapan) of an election's calendar, both ends inclusive.
#[derive(Clone, Debug)]
pub struct Stage {
    pub ordinal: i32,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Clone, Debug)]
pub struct Election {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub voting_day: NaiveDate,
    pub national: bool,
    /// Codes of the regions taking part (any level); empty when national.
    pub regions: Vec<String>,
    pub stages: Vec<Stage>,
}

/// The calendar date of `at` on the clocks of zone `tz`.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// Days from `date` to voting day: positive before, 0 on the day, negative after.
pub fn days_to_voting(voting_day: NaiveDate, date: NaiveDate) -> i64 {
    (voting_day - date).num_days()
}

/// "H-3", "H", "H+1": how police and KPU write a day relative to voting day.
pub fn h_label(voting_day: NaiveDate, date: NaiveDate) -> String {
    match days_to_voting(voting_day, date) {
        0 => "H".to_string(),
        n if n > 0 => format!("H-{n}"),
        n => format!("H+{}", -n),
    }
}

impl Election {
    /// Whether the region with `code` (any level) takes part.
    pub fn covers(&self, code: &str) -> bool {
        self.national
            || self.regions.iter().any(|r| {
                code == r
                    || (code.starts_with(r.as_str()) && code.as_bytes().get(r.len()) == Some(&b'.'))
            })
    }

    /// The stage containing `date`, if the calendar has one.
    pub fn stage_on(&self, date: NaiveDate) -> Option<&Stage> {
        self.stages
            .iter()
            .find(|s| s.starts_on <= date && date <= s.ends_on)
    }

    /// Human label of the election day relative to `date`.
    pub fn h_label(&self, date: NaiveDate) -> String {
        h_label(self.voting_day, date)
    }
}

/// The election and stage that moment `at` falls in for region `code`, read on the clocks of
/// zone `tz` (the region's). When two elections' calendars overlap (one's disputes while the
/// next one campaigns), the one whose voting day is still ahead wins, else the latest.
pub fn stage_at<'a>(
    elections: &'a [Election],
    code: &str,
    at: DateTime<Utc>,
    tz: Tz,
) -> Option<(&'a Election, &'a Stage)> {
    let date = local_date(at, tz);
    elections
        .iter()
        .filter(|e| e.covers(code))
        .filter_map(|e| e.stage_on(date).map(|s| (e, s)))
        .min_by_key(|(e, _)| {
            if e.voting_day >= date {
                (0, e.voting_day - date)
            } else {
                (1, date - e.voting_day)
            }
        })
}

/// The election to show by default on `today`: the next or current one (voting day not yet
/// more than a stage behind), else the most recent past one.
pub fn default_election(elections: &[Election], today: NaiveDate) -> Option<&Election> {
    let current = elections
        .iter()
        .filter(|e| {
            e.stages
                .last()
                .map(|s| s.ends_on >= today)
                .unwrap_or(e.voting_day >= today)
        })
        .min_by_key(|e| e.voting_day);
    current.or_else(|| elections.iter().max_by_key(|e| e.voting_day))
}

/// Every election with its regions and stages, oldest voting day first.
pub async fn load_all(db: impl PgExecutor<'_>) -> Result<Vec<Election>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select e.id, e.slug, e.name, e.kind, e.voting_day, e.national,
                  coalesce((select array_agg(region_code order by region_code) from election_region r where r.election_id = e.id), '{}') as "regions!: Vec<String>",
                  coalesce((select jsonb_agg(jsonb_build_object('ordinal', s.ordinal, 'name', s.name, 'starts_on', s.starts_on, 'ends_on', s.ends_on) order by s.ordinal)
                            from election_stage s where s.election_id = e.id), '[]') as "stages!: serde_json::Value"
           from election e order by e.voting_day"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Election {
            id: r.id,
            slug: r.slug,
            name: r.name,
            kind: r.kind,
            voting_day: r.voting_day,
            national: r.national,
            regions: r.regions,
            stages: r
                .stages
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| {
                            Some(Stage {
                                ordinal: s["ordinal"].as_i64()? as i32,
                                name: s["name"].as_str()?.to_string(),
                                starts_on: s["starts_on"].as_str()?.parse().ok()?,
                                ends_on: s["ends_on"].as_str()?.parse().ok()?,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

/// The calendars as last read, under the structure version (`dash_unit_version` row 0, migration
/// 20261129000400) read before them: any change to `election`, `election_region` or
/// `election_stage` moves that version at its commit, so a reader holding a newer version reads
/// them again and one holding the same version may use them. Every dashboard request needs the
/// calendars (≈ 545 region codes) and already holds the version; kept in every mode, because a
/// meeting, an answer or a follow-up written anywhere never moves it (`SINERGI_CACHE=0` turns
/// off the page caches of `crate::cache`, not this).
#[derive(Debug, Default)]
pub struct Calendars(RwLock<Option<(i64, Arc<Vec<Election>>)>>);

impl Calendars {
    /// Every election (as [`load_all`]) as of structure version `version` or later.
    pub async fn at(
        &self,
        db: impl PgExecutor<'_>,
        version: i64,
    ) -> Result<Arc<Vec<Election>>, sqlx::Error> {
        if let Some((kept, all)) = self.0.read().map_err(poisoned)?.as_ref()
            && *kept >= version
        {
            return Ok(all.clone());
        }
        let all = Arc::new(load_all(db).await?);
        let mut slot = self.0.write().map_err(poisoned)?;
        if slot.as_ref().is_none_or(|(kept, _)| *kept < version) {
            *slot = Some((version, all.clone()));
        }
        Ok(all)
    }

    /// Every election as of the structure version `db` sees now (one key lookup, then the
    /// calendars only if they moved).
    pub async fn current(&self, db: &mut PgConnection) -> Result<Arc<Vec<Election>>, sqlx::Error> {
        let version = crate::auth::db::structure_version(&mut *db).await?;
        self.at(db, version).await
    }
}

fn poisoned<T>(_: std::sync::PoisonError<T>) -> sqlx::Error {
    sqlx::Error::Protocol("the election calendars' lock was poisoned".into())
}

/// Ships the two elections of 2024 (data/elections.sql). Idempotent.
pub async fn seed(tx: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(include_str!("../../data/elections.sql"))
        .execute(tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
