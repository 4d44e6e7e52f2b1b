//! `sinergi generate --scale S`: synthetic national-scale data for benchmarks and dashboards,
//! made with set-based SQL (CONTRACT.md). The frame is real and the same at every scale: a Polda
//! for every province, a Polres for every regency, a Polsek for most kecamatan, and the bodies
//! each kecamatan and regency has. On it, S × 200,000 meetings spread over the stages of the two
//! elections of 2024 (mostly the three months before Pilkada's voting day), about ten attendee
//! lines each from the right institutions, answers to the confirmations, and about three
//! commitments per meeting with a realistic share done, dropped and late.
//!
//! Every random choice is a hash of (seed, row number, purpose), so one seed always gives the
//! same data. Running again with the same seed and scale changes nothing; another seed or scale
//! replaces the generated meetings (recognised by their `gen-` key), keeping everything else.

use std::time::Instant;

use sqlx::{AssertSqlSafe, PgConnection, PgPool};

/// Meetings at scale 1 (CONTRACT.md).
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
    let previous = sqlx::query!(
        "select seed, scale, meetings, attendees, commitments from generate_run where id = 1"
    )
    .fetch_optional(pool)
    .await?;
    if let Some(p) = &previous
        && p.seed == seed as i64
        && p.scale == summary.scale
    {
        summary.unchanged = true;
        summary.meetings = p.meetings as u64;
        summary.attendees = p.attendees as u64;
        summary.commitments = p.commitments as u64;
        return Ok(summary);
    }

    let mut tx = pool.begin().await?;
    for setting in [
        "set local sinergi.dash_bulk = 'on'",
        "set local work_mem = '256MB'",
        "set local maintenance_work_mem = '256MB'",
        "set local synchronous_commit = off",
        "set local plan_cache_mode = auto",
    ] {
        sqlx::query(setting).execute(&mut *tx).await?;
    }
    // The one source of randomness: uniform in [0, 1) from (seed, row, purpose).
    sqlx::query(AssertSqlSafe(format!(
        "create function pg_temp.rnd(n bigint, k int) returns float8 language sql immutable parallel safe as
         $$ select (hashint8extended(n * 1024 + k, {}) & 2147483647)::float8 / 2147483648.0 $$",
        seed as i64
    )))
    .execute(&mut *tx)
    .await?;

    let mut step = Step::new();
    bulk_mode(&mut tx, true).await?;
    summary.removed_meetings = remove_generated(&mut tx).await?;
    bulk_mode(&mut tx, false).await?;
    step.done("remove earlier run");
    let (polda, polres, polsek) = units(&mut tx).await?;
    summary.polda = polda;
    summary.polres = polres;
    summary.polsek = polsek;
    step.done("units");
    summary.institutions = institutions(&mut tx).await?;
    step.done("institutions");
    frame(&mut tx).await?;
    step.done("lookups");
    let superuser = bulk_mode(&mut tx, true).await?;
    let indexes = drop_indexes(&mut tx).await?;
    step.done("drop indexes");
    let n = meetings_for(scale);
    summary.meetings = exec(&mut tx, MEETINGS_PLAN, Some(n)).await?;
    step.done("plan meetings");
    exec(&mut tx, MEETINGS_INSERT, None).await?;
    step.done("meetings");
    summary.types = exec(&mut tx, TYPES_INSERT, None).await?;
    summary.topics = exec(&mut tx, TOPICS_INSERT, None).await?;
    step.done("types and topics");
    summary.attendees = exec(&mut tx, ATTENDEES_INSERT, None).await?;
    step.done("attendees");
    exec(&mut tx, OWNERS, None).await?;
    summary.commitments = exec(&mut tx, COMMITMENTS_INSERT, None).await?;
    step.done("commitments");
    if superuser {
        bulk_mode(&mut tx, false).await?;
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
    sqlx::query!(
        "insert into generate_run (id, seed, scale, meetings, attendees, commitments) values (1, $1, $2, $3, $4, $5)
         on conflict (id) do update set seed = excluded.seed, scale = excluded.scale, meetings = excluded.meetings,
             attendees = excluded.attendees, commitments = excluded.commitments, finished_at = now()",
        seed as i64,
        summary.scale,
        summary.meetings as i64,
        summary.attendees as i64,
        summary.commitments as i64
    )
    .execute(&mut *tx)
    .await?;
    crate::kit::audit::record(
        &mut tx,
        crate::kit::audit::Entry::system("data.generate", "generate_run", Some(1)).change(
            None,
            Some(serde_json::json!({
                "seed": seed, "scale": summary.scale, "meetings": summary.meetings,
                "attendees": summary.attendees, "commitments": summary.commitments
            })),
        ),
    )
    .await?;
    tx.commit().await?;
    // Fresh statistics, or the planner guesses on tables that just grew a hundredfold.
    sqlx::query(
        "analyze police_unit, unit_region, institution, meeting, meeting_meeting_type, meeting_topic, attendee,
                 commitment, dash_district, dash_meeting, dash_day, dash_tag, dash_cov_day, dash_cov_month, dash_open",
    )
    .execute(pool)
    .await?;
    summary.millis = started.elapsed().as_millis();
    Ok(summary)
}

/// For a superuser, switches the per-row triggers (foreign keys, summaries) off or back on: the
/// generated rows are consistent by construction and the summaries are rebuilt at the end. Returns
/// whether it could (other roles load with the triggers on, only slower).
async fn bulk_mode(tx: &mut PgConnection, on: bool) -> sqlx::Result<bool> {
    let superuser = sqlx::query_scalar!("select current_setting('is_superuser') = 'on' as \"on!\"")
        .fetch_one(&mut *tx)
        .await?;
    if superuser {
        sqlx::query(if on {
            "set local session_replication_role = replica"
        } else {
            "set local session_replication_role = origin"
        })
        .execute(&mut *tx)
        .await?;
    }
    Ok(superuser)
}

/// Tables the load writes most into.
const BULK_TABLES: [&str; 5] = [
    "meeting",
    "meeting_meeting_type",
    "meeting_topic",
    "attendee",
    "commitment",
];

/// Drops the secondary indexes of the bulk tables (not keys or unique constraints) and returns
/// their definitions: building an index once after the load is far cheaper than keeping it
/// current row by row. The caller recreates them in the same transaction.
async fn drop_indexes(tx: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    let tables: Vec<String> = BULK_TABLES.iter().map(|t| t.to_string()).collect();
    let rows = sqlx::query!(
        r#"select i.indexrelid::regclass::text as "name!", pg_get_indexdef(i.indexrelid) as "def!"
           from pg_index i join pg_class c on c.oid = i.indrelid
           where c.relname = any($1) and c.relnamespace = 'public'::regnamespace
             and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
           order by 1"#,
        &tables
    )
    .fetch_all(&mut *tx)
    .await?;
    for r in &rows {
        sqlx::query(AssertSqlSafe(format!("drop index {}", r.name)))
            .execute(&mut *tx)
            .await?;
    }
    Ok(rows.into_iter().map(|r| r.def).collect())
}

/// Logs how long each step took (`RUST_LOG=sinergi=debug`).
struct Step(Instant);

impl Step {
    fn new() -> Self {
        Step(Instant::now())
    }
    fn done(&mut self, what: &str) {
        tracing::debug!(
            step = what,
            ms = self.0.elapsed().as_millis() as u64,
            "generate"
        );
        self.0 = Instant::now();
    }
}

async fn exec(tx: &mut PgConnection, sql: &'static str, n: Option<i64>) -> sqlx::Result<u64> {
    let q = sqlx::query(sql);
    let q = match n {
        Some(n) => q.bind(n),
        None => q,
    };
    Ok(q.execute(&mut *tx).await?.rows_affected())
}

/// Removes the meetings (and everything hanging from them) of an earlier run.
async fn remove_generated(tx: &mut PgConnection) -> sqlx::Result<u64> {
    sqlx::query(
        "create temp table gen_old on commit drop as
         select id from meeting where idempotency_key like 'gen-%'",
    )
    .execute(&mut *tx)
    .await?;
    for sql in [
        "delete from commitment_note where commitment_id in (select c.id from commitment c join gen_old o on o.id = c.meeting_id)",
        "delete from commitment where meeting_id in (select id from gen_old)",
        "delete from confirmation where meeting_id in (select id from gen_old)",
        "delete from confirmation_link where meeting_id in (select id from gen_old)",
        "delete from attendee where meeting_id in (select id from gen_old)",
        "delete from meeting_topic where meeting_id in (select id from gen_old)",
        "delete from meeting_meeting_type where meeting_id in (select id from gen_old)",
        "delete from photo where meeting_id in (select id from gen_old)",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    Ok(
        sqlx::query("delete from meeting where id in (select id from gen_old)")
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    )
}

/// A Polda for every province, a Polres for every regency and a Polsek for about four kecamatan
/// in five that no unit covers yet; most of the other kecamatan join a neighbouring Polsek, the
/// rest stay with their Polres. Seed-independent: the frame is the same for every run.
async fn units(tx: &mut PgConnection) -> sqlx::Result<(u64, u64, u64)> {
    sqlx::query(
        "insert into police_unit (kind, name)
         select 'mabes', 'Mabes Polri' where not exists (select 1 from police_unit where kind = 'mabes')",
    )
    .execute(&mut *tx)
    .await?;
    let polda = sqlx::query(
        "with prov as (
             select p.code,
                    case p.code when '31' then 'Polda Metro Jaya' when '34' then 'Polda DI Yogyakarta'
                                else 'Polda ' || p.name end as name
             from region p
             where p.level = 'province'
               and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                               where u.level = 'polda' and ur.region_code = p.code)
         ), ins as (
             insert into police_unit (kind, name, parent_id, province_code)
             select 'polda', prov.name, (select id from police_unit where kind = 'mabes' order by id limit 1), prov.code
             from prov order by prov.code
             on conflict (name) do nothing
             returning id, province_code
         )
         insert into unit_region (unit_id, region_code) select id, province_code from ins",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let polres = sqlx::query(
        "with reg as (
             select r.code, left(r.code, 2) as prov,
                    case when r.name like 'Kota %' then 'polresta' else 'polres' end as kind,
                    case when r.name like 'Kota %' then 'Polresta ' || substr(r.name, 6)
                         else 'Polres ' || regexp_replace(r.name, '^Kabupaten ', '') end as base
             from region r
             where r.level = 'regency'
               and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                               where u.level = 'polres' and ur.region_code = r.code)
         ), named as (
             select reg.*,
                    case when count(*) over (partition by reg.base) > 1
                              or exists (select 1 from police_unit u where u.name = reg.base)
                         then reg.base || ' (' || p.name || ')' else reg.base end as name
             from reg join region p on p.code = reg.prov
         ), ins as (
             insert into police_unit (kind, name, parent_id, province_code)
             select n.kind, n.name, pd.id, n.prov
             from named n
             join lateral (select u.id from unit_region ur join police_unit u on u.id = ur.unit_id
                           where u.level = 'polda' and ur.region_code = n.prov order by u.id limit 1) pd on true
             order by n.code
             on conflict (name) do nothing
             returning id, name
         )
         insert into unit_region (unit_id, region_code) select ins.id, named.code from ins join named on named.name = ins.name",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let polsek = sqlx::query(
        "with dist as (
             select d.code, d.name as dname, left(d.code, 5) as reg, left(d.code, 2) as prov
             from region d
             where d.level = 'district'
               and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                               where u.level = 'polsek' and ur.region_code = d.code)
               and (hashtext('polsek:' || d.code) & 1023) < 820
         ), named as (
             select dist.*,
                    case when count(*) over (partition by dist.dname) > 1
                              or exists (select 1 from police_unit u where u.name = 'Polsek ' || dist.dname)
                         then 'Polsek ' || dist.dname || ' (' || regexp_replace(r.name, '^(Kabupaten|Kota) ', '') || ')'
                         else 'Polsek ' || dist.dname end as name
             from dist join region r on r.code = dist.reg
         ), ins as (
             insert into police_unit (kind, name, parent_id, province_code)
             select 'polsek', n.name, pr.id, n.prov
             from named n
             join lateral (select u.id from unit_region ur join police_unit u on u.id = ur.unit_id
                           where u.level = 'polres' and ur.region_code = n.reg order by u.id limit 1) pr on true
             order by n.code
             on conflict (name) do nothing
             returning id, name
         )
         insert into unit_region (unit_id, region_code) select ins.id, named.code from ins join named on named.name = ins.name",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Kecamatan without their own Polsek: three in four join the nearest Polsek of the regency.
    sqlx::query(
        "insert into unit_region (unit_id, region_code)
         with polsek as materialized (
             select ur.unit_id, ur.region_code as code, left(ur.region_code, 5) as reg
             from unit_region ur join police_unit u on u.id = ur.unit_id
             where u.level = 'polsek' and length(ur.region_code) = 8
         ), orphan as materialized (
             select d.code, left(d.code, 5) as reg
             from region d
             where d.level = 'district' and (hashtext('attach:' || d.code) & 3) <> 0
               and d.code not in (select code from polsek)
         )
         select distinct on (o.code) p.unit_id, o.code
         from orphan o join polsek p on p.reg = o.reg
         order by o.code, abs(right(p.code, 2)::int - right(o.code, 2)::int), p.unit_id
         on conflict do nothing",
    )
    .execute(&mut *tx)
    .await?;
    Ok((polda, polres, polsek))
}

/// The bodies meetings are held with, one per kecamatan or regency (seed-independent).
async fn institutions(tx: &mut PgConnection) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "insert into institution (kind, name, region_code)
         select x.kind, x.name, x.code from (
             select 'kecamatan' as kind, 'Pemerintah Kecamatan ' || name as name, code from region where level = 'district'
             union all select 'koramil', 'Koramil ' || name, code from region where level = 'district'
             union all select 'tokoh', 'Tokoh Agama dan Masyarakat Kecamatan ' || name, code from region where level = 'district'
             union all select 'linmas', 'Linmas Kecamatan ' || name, code from region where level = 'district'
             union all select 'kodim', 'Kodim ' || regexp_replace(name, '^(Kabupaten|Kota) ', ''), code from region where level = 'regency'
             union all select case when name like 'Kota %' then 'pemkot' else 'pemkab' end, 'Pemerintah ' || name, code
                       from region where level = 'regency'
             union all select 'satpol_pp', 'Satpol PP ' || name, code from region where level = 'regency'
             union all select 'partai', 'Partai Politik se-' || name, code from region where level = 'regency'
             union all select 'fkub', 'FKUB ' || name, code from region where level = 'regency'
             union all select 'ormas', 'Ormas se-' || name, code from region where level = 'regency'
             union all select 'kejaksaan', 'Kejaksaan Negeri ' || regexp_replace(name, '^(Kabupaten|Kota) ', ''), code
                       from region where level = 'regency'
             union all select 'tim_kampanye', 'Tim Kampanye Paslon Nomor Urut 1 ' || name, code from region where level = 'regency'
             union all select 'tim_kampanye', 'Tim Kampanye Paslon Nomor Urut 2 ' || name, code from region where level = 'regency'
         ) x
         on conflict do nothing",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected())
}

/// Lookup tables for the run: who may host, where, and which body of each kind sits where.
async fn frame(tx: &mut PgConnection) -> sqlx::Result<()> {
    for sql in [
        "analyze police_unit, unit_region, institution",
        "create temp table gen_district on commit drop as
         select d.code, d.name, d.tz, left(d.code, 5) as reg, left(d.code, 2) as prov,
                min(i.id) filter (where i.kind = 'ppk') as ppk,
                min(i.id) filter (where i.kind = 'panwascam') as panwas,
                min(i.id) filter (where i.kind = 'kecamatan') as kec,
                min(i.id) filter (where i.kind = 'koramil') as koramil,
                min(i.id) filter (where i.kind = 'tokoh') as tokoh,
                min(i.id) filter (where i.kind = 'linmas') as linmas
         from region d
         left join institution i on i.region_code = d.code
                                and i.kind in ('ppk', 'panwascam', 'kecamatan', 'koramil', 'tokoh', 'linmas')
         where d.level = 'district'
         group by d.code, d.name, d.tz",
        "create temp table gen_regency on commit drop as
         select r.code, r.name,
                min(i.id) filter (where i.kind = 'kpu') as kpu,
                min(i.id) filter (where i.kind = 'bawaslu') as bawaslu,
                min(i.id) filter (where i.kind = 'kodim') as kodim,
                min(i.id) filter (where i.kind in ('pemkab', 'pemkot')) as pemda,
                min(i.id) filter (where i.kind = 'satpol_pp') as satpol,
                min(i.id) filter (where i.kind = 'partai') as partai,
                min(i.id) filter (where i.kind = 'fkub') as fkub,
                min(i.id) filter (where i.kind = 'ormas') as ormas,
                min(i.id) filter (where i.kind = 'kejaksaan') as kejari,
                min(i.id) filter (where i.kind = 'tim_kampanye') as tk1,
                max(i.id) filter (where i.kind = 'tim_kampanye') as tk2
         from region r
         left join institution i on i.region_code = r.code
         where r.level = 'regency'
         group by r.code, r.name",
        "create temp table gen_province on commit drop as
         select p.code,
                min(i.id) filter (where i.kind = 'kpu') as kpu,
                min(i.id) filter (where i.kind = 'bawaslu') as bawaslu
         from region p left join institution i on i.region_code = p.code and i.kind in ('kpu', 'bawaslu')
         where p.level = 'province'
         group by p.code",
        "create temp table gen_area on commit drop as
         select ur.unit_id, d.code from unit_region ur join region d on d.code = ur.region_code and d.level = 'district'
         union select ur.unit_id, d.code from unit_region ur join region d on left(d.code, 5) = ur.region_code and d.level = 'district'
         union select ur.unit_id, d.code from unit_region ur join region d on left(d.code, 2) = ur.region_code and d.level = 'district'",
        // Activity slots: a Polsek has 6–14 (one in twelve is nearly silent), a Polres 20–51, a
        // Polda 40–75: about 72 % of meetings are a Polsek's, 25 % a Polres', 3 % a Polda's.
        "create temp table gen_unit on commit drop as
         select u.id, u.level, u.name, regexp_replace(u.name, '^Pol[a-z]+ ', '') as unit_short,
                i.id as inst, pi.id as parent_inst,
                a.districts, cardinality(a.districts) as n_districts,
                case u.level
                    when 'polsek' then case when pg_temp.rnd(u.id, 1) < 0.08 then 0 else 6 + floor(pg_temp.rnd(u.id, 2) * 9) end
                    when 'polres' then 20 + floor(pg_temp.rnd(u.id, 2) * 32)
                    else 40 + floor(pg_temp.rnd(u.id, 2) * 36)
                end::int as slots
         from police_unit u
         join institution i on i.police_unit_id = u.id
         left join institution pi on pi.police_unit_id = u.parent_id
         join (select unit_id, array_agg(code order by code) as districts from gen_area group by unit_id) a on a.unit_id = u.id
         where u.level in ('polda', 'polres', 'polsek')",
        // The lines a meeting may have (ATTENDEES_INSERT) and their chance by host level.
        "create temp table gen_line on commit drop as
         select l.level, s.slot, s.police,
                case l.level when 'polsek' then s.p_polsek when 'polres' then s.p_polres else s.p_polda end as p
         from (values ('polsek'), ('polres'), ('polda')) l(level)
         cross join (values
             (0, true, 1.0, 1.0, 1.0), (1, true, 0.75, 0.75, 0.75), (2, true, 0.7, 0.7, 0.7), (3, true, 0.45, 0.45, 0.45),
             (4, false, 0.66, 0.4, 0.25), (5, false, 0.3, 0.1, 0.1), (6, false, 0.62, 0.38, 0.25),
             (7, false, 0.7, 0.35, 0.35), (8, false, 0.72, 0.3, 0.3), (9, false, 0.45, 0.1, 0.1),
             (10, false, 0.55, 0.55, 0.55), (11, false, 0.45, 0.15, 0.15), (12, false, 0.15, 0.85, 0.85),
             (13, false, 0.12, 0.8, 0.8), (14, false, 0.08, 0.7, 0.7), (15, false, 0.08, 0.65, 0.65),
             (16, false, 0.1, 0.5, 0.5), (17, false, 0.12, 0.45, 0.45), (18, false, 0.1, 0.4, 0.4),
             (19, false, 0.15, 0.35, 0.35), (20, false, 0.15, 0.4, 0.4), (21, false, 0.15, 0.4, 0.4),
             (22, false, 0.03, 0.3, 0.3), (23, true, 0.3, 0.0, 0.0)
         ) s(slot, police, p_polsek, p_polres, p_polda)",
        "create temp table gen_slot on commit drop as
         select (row_number() over (order by u.id, g) - 1)::int as slot, u.id as unit_id
         from gen_unit u, generate_series(1, u.slots) g",
        "create unique index on gen_slot (slot)",
        "analyze gen_district, gen_regency, gen_province, gen_unit, gen_line, gen_slot",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    Ok(())
}

/// Plans $1 meetings: host, day (skewed towards voting day), place, time, status, types.
const MEETINGS_PLAN: &str = "
create temp table gen_meeting on commit drop as
with e as (
    select
        (select id from election where slug = 'pilkada-2024') as pilkada,
        (select voting_day from election where slug = 'pilkada-2024') as pilkada_day,
        (select id from election where slug = 'pemilu-2024') as pemilu,
        (select voting_day from election where slug = 'pemilu-2024') as pemilu_day,
        (select count(*) from gen_slot) as slots
), planned as (
    select g.n,
           s.unit_id,
           case when pg_temp.rnd(g.n, 1) < 0.85 then e.pilkada else e.pemilu end as election_id,
           case when pg_temp.rnd(g.n, 1) < 0.85 then e.pilkada_day else e.pemilu_day end
             + case when pg_temp.rnd(g.n, 3) < 0.07 then 1 + floor(pg_temp.rnd(g.n, 4) * 9)::int
                    else -floor(89 * power(pg_temp.rnd(g.n, 4), 1.6))::int end as day
    from generate_series(1, $1::bigint) g(n)
    cross join e
    join gen_slot s on s.slot = floor(pg_temp.rnd(g.n, 2) * e.slots)::int
)
select p.n, nextval('meeting_id_seq') as id, p.unit_id, u.level, u.name as unit_name, u.unit_short, u.inst, u.parent_inst,
       p.election_id, p.day, st.id as stage_id, st.name as stage_name, el.name as election_name, el.voting_day,
       d.code as district_code, d.name as district_name, d.tz, d.reg, d.prov,
       ((p.day + make_time(8 + floor(pg_temp.rnd(p.n, 6) * 12)::int, 15 * floor(pg_temp.rnd(p.n, 7) * 4)::int, 0))
            at time zone d.tz) as starts_at,
       case when pg_temp.rnd(p.n, 8) < 0.03 then 'cancelled'
            when pg_temp.rnd(p.n, 8) < 0.64 then 'reported' else 'held' end as status,
       case when p.day - el.voting_day between -4 and -1 and pg_temp.rnd(p.n, 9) < 0.35 then 'apel_kesiapan'
            else (array['ngopi_bareng', 'ngopi_bareng', 'ngopi_bareng', 'cooling_system', 'cooling_system',
                        'rakor', 'rakor', 'rakor', 'rakor', 'deklarasi_damai', 'doa_bersama', 'apel_kesiapan',
                        'silaturahmi', 'silaturahmi', 'silaturahmi', 'patroli_dialogis', 'patroli_dialogis',
                        'jumat_curhat', 'sosialisasi', 'lainnya'])[1 + floor(pg_temp.rnd(p.n, 10) * 20)::int]
       end as type1,
       pg_temp.rnd(p.n, 11) < 0.35 as cooling
from planned p
join gen_unit u on u.id = p.unit_id
join election el on el.id = p.election_id
join gen_district d on d.code = u.districts[1 + floor(pg_temp.rnd(p.n, 5) * u.n_districts)::int]
left join election_stage st on st.election_id = p.election_id and p.day between st.starts_on and st.ends_on
";

const MEETINGS_INSERT: &str = "
insert into meeting (id, host_unit_id, unit_path, polda_id, polres_id, title, purpose, starts_at, duration_minutes,
                     district_code, venue_name, venue_address, election_id, stage_id, minutes, outcome, status,
                     cancel_reason, idempotency_key, created_at, updated_at)
select m.id, m.unit_id, pu.path,
       coalesce(pu.polda_id, case when pu.level = 'polda' then pu.id end),
       coalesce(pu.polres_id, case when pu.level = 'polres' then pu.id end),
       t.label || case m.level
           when 'polsek' then ' bersama penyelenggara Kecamatan ' || m.district_name
           when 'polres' then ' pengamanan ' || m.election_name || ' — Kec. ' || m.district_name
           else ' ' || m.unit_name || ' — Kec. ' || m.district_name end,
       'Koordinasi keamanan tahapan ' || coalesce(lower(m.stage_name), 'pemilihan') || ' ' || m.election_name || '.',
       m.starts_at,
       (array[60, 90, 120, 120, 150, 180])[1 + floor(pg_temp.rnd(m.n, 12) * 6)::int],
       m.district_code,
       case floor(pg_temp.rnd(m.n, 13) * 4)::int
           when 0 then 'Aula Mapol' || case m.level when 'polsek' then 'sek' when 'polres' then 'res' else 'da' end
           when 1 then 'Kantor Camat ' || m.district_name
           when 2 then 'Sekretariat PPK ' || m.district_name
           else 'Warung kopi di ' || m.district_name end,
       '',
       m.election_id, m.stage_id,
       case when m.status = 'reported' then 'Situasi kamtibmas aman dan kondusif; koordinasi dilanjutkan.' else '' end,
       '',
       m.status,
       case when m.status = 'cancelled' then 'Bertepatan dengan kegiatan lain; dijadwalkan ulang.' else '' end,
       'gen-' || m.n,
       m.starts_at + interval '3 hours',
       m.starts_at + interval '3 hours'
from gen_meeting m
join police_unit pu on pu.id = m.unit_id
join meeting_type t on t.code = m.type1
";

const TYPES_INSERT: &str = "
insert into meeting_meeting_type (meeting_id, type_code)
select id, type1 from gen_meeting
union all
select id, 'cooling_system' from gen_meeting
where cooling and type1 in ('ngopi_bareng', 'silaturahmi', 'patroli_dialogis', 'jumat_curhat', 'doa_bersama')
";

/// Topics by base chance, more about TPS and logistics in the last two weeks before voting.
const TOPICS_INSERT: &str = "
insert into meeting_topic (meeting_id, topic_code)
select m.id, t.code
from gen_meeting m
cross join (values
    (1, 'pam_tps', 0.25, 0.45), (2, 'gudang_logistik', 0.12, 0.25), (3, 'distribusi_logistik', 0.08, 0.35),
    (4, 'patroli', 0.25, 0.1), (5, 'hoaks', 0.22, 0.0), (6, 'sara', 0.08, 0.0), (7, 'politik_uang', 0.15, 0.1),
    (8, 'netralitas', 0.12, 0.0), (9, 'kampanye', 0.18, -0.15), (10, 'potensi_konflik', 0.2, 0.1)
) t(k, code, p, near)
where pg_temp.rnd(m.n, 20 + t.k) < t.p + case when m.day - m.voting_day between -14 and 0 then t.near else 0 end
";

/// About ten attendee lines a meeting: the host's officers, the kecamatan's bodies and, more at a
/// Polres or Polda, the regency's; answers to the confirmations on most of the other bodies' lines.
/// Lines are drawn first (slot, chance by host level) and only the drawn ones are written out,
/// meeting by meeting, as the app writes them (a meeting's lines share a few table pages).
const ATTENDEES_INSERT: &str = "
insert into attendee (meeting_id, institution_id, person_name, position, rank, members, attendance,
                      confirmation, confirmed_at, dispute_response, sort)
select y.id, y.inst,
       (array['Ahmad', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lukman',
              'Maya', 'Nur', 'Oki', 'Putri', 'Rudi', 'Sari', 'Taufik', 'Wati'])[1 + floor(pg_temp.rnd(y.n, 300 + y.slot) * 20)::int]
         || ' ' ||
       (array['Siregar', 'Saputra', 'Hidayat', 'Nasution', 'Wibowo', 'Lubis', 'Pratama', 'Harahap', 'Santoso', 'Simanjuntak',
              'Kurniawan', 'Rahman', 'Sitompul', 'Setiawan', 'Gultom', 'Yusuf'])[1 + floor(pg_temp.rnd(y.n, 330 + y.slot) * 16)::int],
       case y.slot
           when 0 then case y.level when 'polsek' then 'Kapolsek ' when 'polres' then 'Kapolres ' else 'Karo Ops ' end || y.unit_short
           when 1 then case y.level when 'polsek' then 'Kanit Intelkam' when 'polres' then 'Kasat Intelkam' else 'Dir Intelkam' end
           when 2 then case y.level when 'polsek' then 'Bhabinkamtibmas' when 'polres' then 'Kabag Ops' else 'Kabid Humas' end
           when 3 then 'Bhabinkamtibmas'
           when 4 then 'Ketua PPK Kecamatan ' || y.district_name
           when 5 then 'Anggota PPK Kecamatan ' || y.district_name
           when 6 then 'Ketua Panwaslu Kecamatan ' || y.district_name
           when 7 then case when pg_temp.rnd(y.n, 262) < 0.6 then 'Camat ' else 'Sekretaris Camat ' end || y.district_name
           when 8 then 'Danramil ' || y.district_name
           when 9 then 'Babinsa'
           when 10 then 'Tokoh agama'
           when 11 then 'Kasi Trantib'
           when 12 then 'Ketua KPU'
           when 13 then 'Ketua Bawaslu'
           when 14 then 'Dandim'
           when 15 then 'Asisten Pemerintahan'
           when 16 then 'Kasat Pol PP'
           when 17 then 'Ketua partai politik'
           when 18 then 'Ketua FKUB'
           when 19 then 'Perwakilan ormas'
           when 20 then 'Ketua tim kampanye'
           when 21 then 'Ketua tim kampanye'
           when 22 then 'Kasi Intel Kejaksaan Negeri'
           else 'Kasat Intelkam' end,
       case y.slot
           when 0 then case y.level when 'polsek' then 'AKP' when 'polres' then 'AKBP' else 'Kombes' end
           when 1 then case y.level when 'polsek' then 'Iptu' when 'polres' then 'AKP' else 'Kombes' end
           when 2 then case y.level when 'polsek' then 'Aipda' when 'polres' then 'Kompol' else 'Kombes' end
           when 3 then 'Brigpol' when 8 then 'Kapten' when 9 then 'Serka' when 14 then 'Letkol' when 23 then 'AKP'
           else '' end,
       case y.slot when 4 then floor(pg_temp.rnd(y.n, 260) * 5)::int when 6 then floor(pg_temp.rnd(y.n, 261) * 3)::int
                   when 10 then floor(pg_temp.rnd(y.n, 263) * 6)::int when 17 then floor(pg_temp.rnd(y.n, 264) * 8)::int
                   else 0 end,
       y.attendance,
       y.confirmation,
       case when y.confirmation <> 'pending' then y.starts_at + (2 + pg_temp.rnd(y.n, 360 + y.slot) * 70) * interval '1 hour' end,
       case when y.confirmation = 'disputed' and pg_temp.rnd(y.n, 390 + y.slot) < 0.4
            then 'Sudah diklarifikasi: daftar hadir diperbaiki sesuai keterangan lembaga.' end,
       y.slot
from (
    select x.*,
           case when x.police or x.r_att < 0.9 then 'present' when x.r_att < 0.95 then 'invited' else 'absent' end as attendance,
           case when x.police or x.status not in ('held', 'reported') then 'pending'
                when x.r_conf < 0.52 then case when x.r_att < 0.9 then 'present' else 'absent' end
                when x.r_conf < 0.54 then 'disputed'
                else 'pending' end as confirmation
    from (
        select m.id, m.n, m.starts_at, m.level, m.unit_short, m.district_name, m.status, s.slot, s.police,
               pg_temp.rnd(m.n, 200 + s.slot) as r_att,
               pg_temp.rnd(m.n, 230 + s.slot) as r_conf,
               case s.slot
                   when 0 then m.inst when 1 then m.inst when 2 then m.inst when 3 then m.inst
                   when 4 then d.ppk when 5 then d.ppk when 6 then d.panwas when 7 then d.kec
                   when 8 then d.koramil when 9 then d.koramil when 10 then d.tokoh when 11 then d.linmas
                   when 12 then case when m.level = 'polda' then pv.kpu else g.kpu end
                   when 13 then case when m.level = 'polda' then pv.bawaslu else g.bawaslu end
                   when 14 then g.kodim when 15 then g.pemda when 16 then g.satpol when 17 then g.partai
                   when 18 then g.fkub when 19 then g.ormas when 20 then g.tk1 when 21 then g.tk2
                   when 22 then g.kejari else m.parent_inst end as inst
        from gen_meeting m
        join gen_line s on s.level = m.level and (s.slot = 0 or pg_temp.rnd(m.n, 100 + s.slot) < s.p)
        join gen_district d on d.code = m.district_code
        join gen_regency g on g.code = m.reg
        join gen_province pv on pv.code = m.prov
    ) x
    where x.inst is not null
) y
order by y.id, y.slot
";

/// Who may own a meeting's commitments: the institutions present at it.
const OWNERS: &str = "
create temp table gen_owner on commit drop as
select a.meeting_id, array_agg(distinct a.institution_id) as insts
from attendee a join gen_meeting m on m.id = a.meeting_id
where a.attendance = 'present'
group by a.meeting_id
";

/// About three commitments per meeting held, due 2–29 days later in the owner's zone; most are
/// done or verified by now, some dropped, about one in six still open (and so late).
const COMMITMENTS_INSERT: &str = "
insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id,
                        due_on, due_h, due_tz, priority, status, drop_reason, done_at, verified_at, verified_by,
                        created_at, updated_at)
select c.meeting_id, c.host_unit_id, c.unit_path, c.polda_id, c.polres_id, c.what, c.owner, c.due_on,
       case when c.r_h < 0.3 and c.due_on - c.voting_day between -365 and 365 then c.due_on - c.voting_day end,
       coalesce(rg.tz, 'Asia/Jakarta'),
       case when c.r_p < 0.15 then 'high' when c.r_p < 0.85 then 'normal' else 'low' end,
       c.status,
       case when c.status = 'dropped' then 'Tidak relevan lagi setelah tahapan berganti.' else '' end,
       case when c.status in ('done', 'verified') then c.starts_at + (c.due_on - c.day) * c.r_done * interval '1 day' end,
       case when c.status = 'verified' then c.starts_at + ((c.due_on - c.day) * c.r_done + 2) * interval '1 day' end,
       case when c.status = 'verified' then 'Ketua PPK' end,
       c.starts_at + interval '4 hours',
       c.starts_at + interval '4 hours'
from (
    select m.id as meeting_id, mt.host_unit_id, mt.unit_path, mt.polda_id, mt.polres_id, m.day, m.voting_day, m.starts_at,
           o.insts[1 + floor(pg_temp.rnd(m.n, 60 + j) * cardinality(o.insts))::int] as owner,
           m.day + (2 + floor(pg_temp.rnd(m.n, 70 + j) * 28))::int as due_on,
           (array['Patroli rutin dan pengamanan maksimal di setiap TPS pada hari pemungutan suara.',
                  'Menyiapkan seluruh kebutuhan logistik dan teknis agar tidak ada kendala di lapangan.',
                  'Memperketat pengawasan pada setiap tahapan hingga hari pemungutan suara.',
                  'Pengamanan gudang logistik PPK selama 24 jam.',
                  'Menyebarkan imbauan anti hoaks dan anti politik uang kepada masyarakat.',
                  'Apel kesiapan pengamanan bersama Satpol PP dan Linmas.',
                  'Melaporkan setiap potensi gangguan kamtibmas kepada Polsek.',
                  'Pengawalan distribusi logistik dari gudang KPU ke PPK dan PPS.',
                  'Menjaga netralitas aparatur dan menindaklanjuti laporan pelanggaran.',
                  'Rapat lanjutan membahas titik rawan di kecamatan.'])[1 + floor(pg_temp.rnd(m.n, 80 + j) * 10)::int] as what,
           case when pg_temp.rnd(m.n, 90 + j) < 0.58 then 'done'
                when pg_temp.rnd(m.n, 90 + j) < 0.78 then 'verified'
                when pg_temp.rnd(m.n, 90 + j) < 0.84 then 'dropped'
                when pg_temp.rnd(m.n, 90 + j) < 0.93 then 'open'
                else 'in_progress' end as status,
           pg_temp.rnd(m.n, 100 + j) as r_done,
           pg_temp.rnd(m.n, 110 + j) as r_p,
           pg_temp.rnd(m.n, 120 + j) as r_h
    from gen_meeting m
    join meeting mt on mt.id = m.id
    join gen_owner o on o.meeting_id = m.id
    cross join lateral generate_series(1, floor(pg_temp.rnd(m.n, 50) * 6.4)::int) j
    where m.status <> 'cancelled'
) c
left join institution oi on oi.id = c.owner
left join region rg on rg.code = oi.region_code
order by c.meeting_id
";

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
