//! `sinergi generate --scale S`: synthetic national-scale data for benchmarks and dashboards,
//! made with set-based SQL (`sql/`, one file per step). The frame is real and the same at every scale: a Polda
//! for every province, a Polres for every regency, a Polsek for most kecamatan, and the bodies
//! each kecamatan and regency has. On it, S × 200,000 meetings spread over the stages of the two
//! elections of 2024 (mostly the three months before Pilkada's voting day), about ten attendee
//! lines each from the right institutions, answers to the confirmations, and about three
//! commitments per meeting with a realistic share done, dropped and late.
//!
//! Every random choice is a hash of (seed, row number, purpose), so one seed always gives the
//! same data. Running again with the same seed and scale changes nothing; another seed or scale
//! replaces the generated meetings (recognised by their `gen-` key), keeping everything else.

mod load;

use std::time::Instant;

use sqlx::{AssertSqlSafe, PgConnection, PgPool};

use load::{
    ATTENDEES_INSERT, COMMITMENTS_INSERT, MEETINGS_INSERT, MEETINGS_PLAN, OWNERS, PRESENT_COUNTS,
    Step, TAGS_PLAN, TOPICS_INSERT, TYPES_INSERT, bulk_mode, drop_indexes, exec, frame,
    institutions, remove_generated, units,
};

/// Meetings at scale 1 (the README's `sinergi generate`).
pub const MEETINGS_AT_SCALE_1: f64 = 200_000.0;
/// Largest scale accepted: 20 × is 4 million meetings, far beyond any real country.
pub const MAX_SCALE: f64 = 20.0;

/// What a run made (or found already made).
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub seed: u64,
    pub scale: String,
    /// True when the same seed and scale were already loaded and nothing was done.
    pub unchanged: bool,
    pub polda: u64,
    pub polres: u64,
    pub polsek: u64,
    pub institutions: u64,
    pub removed_meetings: u64,
    pub meetings: u64,
    pub types: u64,
    pub topics: u64,
    pub attendees: u64,
    pub commitments: u64,
    pub millis: u128,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.unchanged {
            return write!(
                f,
                "Nothing to do: seed {} at scale {} is already loaded ({} meetings, {} attendees, {} commitments).",
                self.seed,
                self.scale,
                thousands(self.meetings),
                thousands(self.attendees),
                thousands(self.commitments)
            );
        }
        writeln!(
            f,
            "Generated seed {} at scale {} in {:.1} s:",
            self.seed,
            self.scale,
            self.millis as f64 / 1000.0
        )?;
        writeln!(
            f,
            "  units added:  {} Polda, {} Polres, {} Polsek",
            thousands(self.polda),
            thousands(self.polres),
            thousands(self.polsek)
        )?;
        writeln!(f, "  institutions added: {}", thousands(self.institutions))?;
        if self.removed_meetings > 0 {
            writeln!(
                f,
                "  replaced an earlier run: {} generated meetings removed",
                thousands(self.removed_meetings)
            )?;
        }
        writeln!(
            f,
            "  meetings:     {} ({} type tags, {} topic tags)",
            thousands(self.meetings),
            thousands(self.types),
            thousands(self.topics)
        )?;
        writeln!(f, "  attendees:    {}", thousands(self.attendees))?;
        write!(f, "  commitments:  {}", thousands(self.commitments))
    }
}

/// "1234567" → "1,234,567".
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads `--scale`: a number above 0 and at most [`MAX_SCALE`] that yields at least one meeting.
pub fn parse_scale(text: &str) -> Result<f64, String> {
    let bad = || {
        format!(
            "--scale must be a number above 0 and at most {MAX_SCALE}, such as 1 or 0.01 (got {text:?})"
        )
    };
    let s: f64 = text.trim().parse().map_err(|_| bad())?;
    if !s.is_finite() || s <= 0.0 || s > MAX_SCALE {
        return Err(bad());
    }
    if meetings_for(s) < 1 {
        return Err(format!(
            "--scale {text} is too small: it would make no meeting (the smallest is {})",
            1.0 / MEETINGS_AT_SCALE_1
        ));
    }
    Ok(s)
}

/// Meetings made at scale `s`.
pub fn meetings_for(s: f64) -> i64 {
    (s * MEETINGS_AT_SCALE_1).round() as i64
}

/// The canonical text of a scale, as stored with the run ("1", "0.002").
fn scale_text(s: f64) -> String {
    let t = format!("{s}");
    t.trim_end_matches('.').to_string()
}

/// Loads the synthetic data for `scale` and `seed` (see the module comment). Regions must be loaded.
pub async fn generate(pool: &PgPool, scale: f64, seed: u64) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary {
        seed,
        scale: scale_text(scale),
        ..Default::default()
    };
    let regions =
        sqlx::query_scalar!("select count(*) as \"n!\" from region where level = 'district'")
            .fetch_one(pool)
            .await?;
    if regions == 0 {
        anyhow::bail!("no regions loaded: run `sinergi import-regions DIR` first");
    }
    if already_loaded(pool, &mut summary).await? {
        return Ok(summary);
    }
    let mut tx = pool.begin().await?;
    prepare(&mut tx, seed).await?;
    build(&mut tx, scale, &mut summary).await?;
    record(&mut tx, &summary).await?;
    tx.commit().await?;
    // Fresh statistics, or the planner guesses on tables that just grew a hundredfold.
    sqlx::query(
        "analyze police_unit, unit_region, institution, meeting, meeting_meeting_type, meeting_topic, attendee,
                 commitment, dash_district, dash_meeting, dash_day, dash_day_week, dash_tag, dash_tag_week, dash_cov_day, dash_cov_month, dash_open,
                 dash_open_unit, dash_nat_cov, dash_nat_area, dash_area",
    )
    .execute(pool)
    .await?;
    summary.millis = started.elapsed().as_millis();
    Ok(summary)
}

/// Whether the same seed and scale are loaded already (then `summary` says what is there).
async fn already_loaded(pool: &PgPool, summary: &mut Summary) -> sqlx::Result<bool> {
    let previous = sqlx::query!(
        "select seed, scale, meetings, attendees, commitments from generate_run where id = 1"
    )
    .fetch_optional(pool)
    .await?;
    match previous {
        Some(p) if p.seed == summary.seed as i64 && p.scale == summary.scale => {
            summary.unchanged = true;
            summary.meetings = p.meetings as u64;
            summary.attendees = p.attendees as u64;
            summary.commitments = p.commitments as u64;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The run's settings and its one source of randomness: `pg_temp.rnd(row, purpose)`, uniform in
/// [0, 1) from (seed, row, purpose).
async fn prepare(tx: &mut PgConnection, seed: u64) -> sqlx::Result<()> {
    for setting in [
        "set local sinergi.dash_bulk = 'on'",
        "set local work_mem = '256MB'",
        "set local maintenance_work_mem = '256MB'",
        "set local synchronous_commit = off",
        "set local plan_cache_mode = auto",
    ] {
        sqlx::query(setting).execute(&mut *tx).await?;
    }
    sqlx::query(AssertSqlSafe(format!(
        "create function pg_temp.rnd(n bigint, k int) returns float8 language sql immutable parallel safe as
         $$ select (hashint8extended(n * 1024 + k, {}) & 2147483647)::float8 / 2147483648.0 $$",
        seed as i64
    )))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Replaces an earlier run, completes the frame, then writes the meetings and everything
/// hanging from them with the secondary indexes dropped, and rebuilds the summaries.
async fn build(tx: &mut PgConnection, scale: f64, summary: &mut Summary) -> sqlx::Result<()> {
    let mut step = Step::new();
    bulk_mode(tx, true).await?;
    summary.removed_meetings = remove_generated(tx).await?;
    bulk_mode(tx, false).await?;
    step.done("remove earlier run");
    let units = units(tx).await?;
    (summary.polda, summary.polres, summary.polsek) = (units.polda, units.polres, units.polsek);
    step.done("units");
    summary.institutions = institutions(tx).await?;
    step.done("institutions");
    frame(tx).await?;
    step.done("lookups");
    let superuser = bulk_mode(tx, true).await?;
    let indexes = drop_indexes(tx).await?;
    step.done("drop indexes");
    summary.meetings = exec(tx, MEETINGS_PLAN, Some(meetings_for(scale))).await?;
    exec(tx, TAGS_PLAN, None).await?;
    step.done("plan meetings");
    exec(tx, MEETINGS_INSERT, None).await?;
    step.done("meetings");
    summary.types = exec(tx, TYPES_INSERT, None).await?;
    summary.topics = exec(tx, TOPICS_INSERT, None).await?;
    step.done("types and topics");
    summary.attendees = exec(tx, ATTENDEES_INSERT, None).await?;
    exec(tx, PRESENT_COUNTS, None).await?;
    step.done("attendees");
    exec(tx, OWNERS, None).await?;
    summary.commitments = exec(tx, COMMITMENTS_INSERT, None).await?;
    step.done("commitments");
    if superuser {
        bulk_mode(tx, false).await?;
    }
    for sql in &indexes {
        sqlx::query(AssertSqlSafe(sql.clone()))
            .execute(&mut *tx)
            .await?;
    }
    step.done("indexes");
    sqlx::query!("select dash_rebuild()")
        .execute(&mut *tx)
        .await?;
    step.done("dashboard summaries");
    Ok(())
}

/// Notes the run (so the same seed and scale again is a no-op) and audits it.
async fn record(tx: &mut PgConnection, summary: &Summary) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into generate_run (id, seed, scale, meetings, attendees, commitments) values (1, $1, $2, $3, $4, $5)
         on conflict (id) do update set seed = excluded.seed, scale = excluded.scale, meetings = excluded.meetings,
             attendees = excluded.attendees, commitments = excluded.commitments, finished_at = now()",
        summary.seed as i64,
        summary.scale,
        summary.meetings as i64,
        summary.attendees as i64,
        summary.commitments as i64
    )
    .execute(&mut *tx)
    .await?;
    crate::kit::audit::record(
        tx,
        crate::kit::audit::Entry::system("data.generate", "generate_run", Some(1)).change(
            None,
            Some(serde_json::json!({
                "seed": summary.seed, "scale": summary.scale, "meetings": summary.meetings,
                "attendees": summary.attendees, "commitments": summary.commitments
            })),
        ),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_positive_numbers_up_to_the_maximum() {
        assert_eq!(parse_scale("1"), Ok(1.0));
        assert_eq!(parse_scale("0.01"), Ok(0.01));
        assert_eq!(parse_scale(" 10 "), Ok(10.0));
        for bad in ["-1", "0", "abc", "", "NaN", "inf", "21", "1e9"] {
            assert!(parse_scale(bad).is_err(), "{bad:?} should be refused");
        }
        let msg = parse_scale("abc").unwrap_err();
        assert!(msg.contains("abc") && !msg.contains('\n'), "{msg}");
        assert!(parse_scale("0.000001").unwrap_err().contains("too small"));
    }

    #[test]
    fn a_scale_reads_back_as_typed() {
        assert_eq!(scale_text(1.0), "1");
        assert_eq!(scale_text(0.002), "0.002");
        assert_eq!(meetings_for(1.0), 200_000);
        assert_eq!(meetings_for(0.002), 400);
    }

    #[test]
    fn large_counts_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(2_012_345), "2,012,345");
    }
}
