//! The commander dashboard and `sinergi generate`: numbers equal direct counts, children add up
//! to their parent, coverage follows local dates across zones and months, summaries kept by the
//! writes equal a rebuild, scope holds, bad input gets a message, and a commander clicks from the
//! dashboard to a meeting on a phone.

use std::sync::OnceLock;

use axum::http::StatusCode;
use scraper::{Html, Selector};
use sqlx::{AssertSqlSafe, PgPool};

use crate::browser::Browser;
use crate::build::Lookup;
use crate::helpers::{
    Page, TestApp, database_url, fresh_pool_from, on_a_thread_of_its_own, template_name,
};

const SCALE: f64 = 0.002;
const SEED: u64 = 7;

static GENERATED: OnceLock<String> = OnceLock::new();

/// A template with the demo data plus `generate --scale 0.002 --seed 7`, made once per run.
fn generated_template() -> &'static str {
    GENERATED.get_or_init(|| {
        on_a_thread_of_its_own("generated template", || async {
            let name = format!("sinergi_gen_{}", std::process::id());
            let admin = sinergi::db::connect(&database_url("postgres"), 1)
                .await
                .expect("maintenance db");
            for sql in [
                format!("drop database if exists {name}"),
                format!("create database {name} template {}", template_name()),
            ] {
                sqlx::query(AssertSqlSafe(sql))
                    .execute(&admin)
                    .await
                    .expect("template");
            }
            admin.close().await;
            let pool = sinergi::db::connect(&database_url(&name), 2)
                .await
                .expect("generated db");
            sinergi::generate::generate(&pool, SCALE, SEED)
                .await
                .expect("generate");
            pool.close().await;
            name
        })
    })
}

async fn generated_app() -> TestApp {
    TestApp::with_pool(fresh_pool_from(generated_template()).await).await
}

async fn unit_id(pool: &PgPool, name: &str) -> i64 {
    sqlx::query_scalar("select id from police_unit where name = $1")
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|_| panic!("unit {name}"))
}

fn number(page: &Page, css: &str) -> i64 {
    let t = page.text(css);
    t.parse()
        .unwrap_or_else(|_| panic!("{css} is not a number: {t:?}"))
}

/// The cells of each row of the table `css` (header cell first), whitespace collapsed.
fn rows(page: &Page, css: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(&page.body);
    let tr = Selector::parse(&format!("{css} tbody tr")).expect("selector");
    let cell = Selector::parse("th, td").expect("selector");
    doc.select(&tr)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<Vec<_>>().join(" "))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect()
}

/// The first number in a cell ("12 100 %" → 12).
fn first(cell: &str) -> i64 {
    cell.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {cell:?}"))
}

/// The count `sql` selects for ($1 unit, $2 first day, $3 last day).
async fn count_between(pool: &PgPool, sql: &'static str, unit: i64, from: &str, to: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(unit)
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await
        .expect(sql)
}

async fn meetings_between(pool: &PgPool, unit: i64, from: &str, to: &str) -> i64 {
    count_between(
        pool,
        "select count(*) from meeting m join region d on d.code = m.district_code
         where m.unit_path @> array[$1::bigint]
           and (m.starts_at at time zone d.tz)::date between $2::date and $3::date",
        unit,
        from,
        to,
    )
    .await
}

/// Kecamatan of the unit's area where neither PPK nor Panwascam was met between the days,
/// counted straight from meetings and attendees.
async fn gaps_between(pool: &PgPool, unit: i64, from: &str, to: &str) -> i64 {
    count_between(
        pool,
        "with scope as (
             select d.code from region d
             where d.level = 'district' and exists (
                 select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                 where u.path @> array[$1::bigint] and ur.region_code in (d.code, left(d.code, 5), left(d.code, 2)))
         )
         select count(*) from scope s where not exists (
             select 1 from meeting m
             join region d on d.code = m.district_code
             join attendee a on a.meeting_id = m.id
             join institution i on i.id = a.institution_id
             where m.district_code = s.code and m.status in ('held', 'reported') and m.unit_path @> array[$1::bigint]
               and (m.starts_at at time zone d.tz)::date between $2::date and $3::date
               and a.attendance = 'present' and i.kind in ('ppk', 'panwascam') and i.region_code = s.code)",
        unit,
        from,
        to,
    )
    .await
}

async fn late_commitments(pool: &PgPool, unit: i64, days: i32) -> i64 {
    sqlx::query_scalar(
        "select count(*) from commitment
         where status in ('open', 'in_progress') and unit_path @> array[$1::bigint]
           and due_on < (now() at time zone due_tz)::date - $2",
    )
    .bind(unit)
    .bind(days)
    .fetch_one(pool)
    .await
    .expect("late")
}

async fn open_disputes(pool: &PgPool, unit: i64, from: &str, to: &str) -> i64 {
    count_between(
        pool,
        "select count(*) from attendee a join meeting m on m.id = a.meeting_id join region d on d.code = m.district_code
         where a.confirmation = 'disputed' and a.dispute_response is null and m.unit_path @> array[$1::bigint]
           and (m.starts_at at time zone d.tz)::date between $2::date and $3::date",
        unit,
        from,
        to,
    )
    .await
}

/// Every summary table as text, to compare what the writes kept with a rebuild.
async fn summaries(pool: &PgPool) -> Vec<String> {
    let mut out = Vec::new();
    for t in [
        "dash_meeting",
        "dash_day",
        "dash_tag",
        "dash_cov_day",
        "dash_cov_month",
        "dash_open",
        "dash_district",
        "dash_open_unit",
        "dash_nat_cov",
        "dash_nat_area",
        "dash_area",
    ] {
        let s: Option<String> = sqlx::query_scalar(AssertSqlSafe(format!(
            "select string_agg(t::text, E'\\n' order by t::text) from {t} t"
        )))
        .fetch_one(pool)
        .await
        .expect("summary");
        out.push(format!("{t}:\n{}", s.unwrap_or_default()));
    }
    out
}

async fn assert_summaries_equal_a_rebuild(pool: &PgPool) {
    let kept = summaries(pool).await;
    sqlx::query("select dash_rebuild()")
        .execute(pool)
        .await
        .expect("rebuild");
    let rebuilt = summaries(pool).await;
    for (k, r) in kept.iter().zip(&rebuilt) {
        assert_eq!(
            k, r,
            "the summaries kept by the writes differ from a rebuild"
        );
    }
}

const PILKADA: &str = "election=pilkada-2024&to=2024-11-27&gap=14&silent=14";

/// The national admin's dashboard of a unit at each level (Mabes, a Polda, a Polres) over the
/// Pilkada, on the generated data: each unit's name, id and page.
async fn dashboards_at_each_level() -> (TestApp, Vec<(&'static str, i64, Page)>) {
    let mut app = generated_app().await;
    app.login_as("admin").await;
    let mut out = Vec::new();
    for name in ["Mabes Polri", "Polda Riau", "Polres Pelalawan"] {
        let unit = unit_id(&app.pool, name).await;
        let page = app.get(&format!("/dasbor?unit={unit}&{PILKADA}")).await;
        page.assert_status(StatusCode::OK);
        out.push((name, unit, page));
    }
    (app, out)
}

#[tokio::test]
async fn dashboard_numbers_equal_direct_counts() {
    let (app, dashboards) = dashboards_at_each_level().await;
    for (name, unit, page) in dashboards {
        assert_eq!(page.text("h1"), format!("Dasbor {name}"));
        let pool = &app.pool;
        let period = meetings_between(pool, unit, "2024-08-29", "2024-11-27").await;
        assert!(period > 0, "{name} has generated meetings");
        for (css, counted, what) in [
            (
                "#n-week",
                meetings_between(pool, unit, "2024-11-21", "2024-11-27").await,
                "this week",
            ),
            (
                "#n-last-week",
                meetings_between(pool, unit, "2024-11-14", "2024-11-20").await,
                "last week",
            ),
            (
                "#n-stage",
                meetings_between(pool, unit, "2024-11-27", "2024-11-27").await,
                "this stage (voting day)",
            ),
            ("#n-period", period, "period"),
            (
                "#n-gaps",
                gaps_between(pool, unit, "2024-11-14", "2024-11-27").await,
                "kecamatan without PPK or Panwascam in 14 days",
            ),
            (
                "#n-overdue",
                late_commitments(pool, unit, 0).await,
                "overdue",
            ),
            (
                "#n-disputes",
                open_disputes(pool, unit, "2024-08-29", "2024-11-27").await,
                "open disputes",
            ),
        ] {
            assert_eq!(number(&page, css), counted, "{name}: {what}");
        }
        assert_eq!(
            first(&rows(&page, "table.follow").last().expect("total")[3]),
            late_commitments(pool, unit, 7).await,
            "{name}: escalated"
        );
        let types: Vec<(String, i64)> = sqlx::query_as(
            "select t.label, count(*) from meeting m join region d on d.code = m.district_code
             join meeting_meeting_type x on x.meeting_id = m.id join meeting_type t on t.code = x.type_code
             where m.unit_path @> array[$1::bigint]
               and (m.starts_at at time zone d.tz)::date between '2024-08-29' and '2024-11-27'
             group by t.label order by 1",
        )
        .bind(unit)
        .fetch_all(pool)
        .await
        .expect("types");
        let mut shown: Vec<(String, i64)> = rows(&page, "#jenis table:not(.topics)")
            .into_iter()
            .map(|r| (r[0].clone(), first(&r[1])))
            .collect();
        shown.sort();
        assert_eq!(shown, types, "{name}: meetings per type");
    }
}

#[tokio::test]
async fn child_rows_add_up_to_the_parents_totals() {
    let (app, dashboards) = dashboards_at_each_level().await;
    for (name, unit, page) in dashboards {
        for (table, cols) in [
            ("table.activity", 1..5),
            ("table.coverage", 1..6),
            ("table.follow", 1..4),
            ("table.confirm", 1..4),
        ] {
            let mut lines = rows(&page, table);
            let total = lines.pop().expect("a total line");
            assert_eq!(total[0], "Jumlah", "{name} {table}");
            assert!(!lines.is_empty(), "{name} {table} has unit lines");
            for c in cols {
                let sum: i64 = lines.iter().map(|l| first(&l[c])).sum();
                assert_eq!(sum, first(&total[c]), "{name} {table} column {c}");
            }
        }
        let children: i64 = app
            .one(
                "select count(*) from police_unit where parent_id = $1",
                unit,
            )
            .await;
        assert!(
            page.count("table.activity tr.unit-row") as i64 >= children,
            "{name}: every child unit has a line, silent ones too"
        );
    }
}

/// A held meeting with the kecamatan's PPK present, written straight into the tables (the
/// summaries follow through their triggers).
async fn meeting_with_ppk(pool: &PgPool, host: i64, district: &str, starts_at: &str) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at, district_code, venue_name, status)
         select u.id, u.path, u.polda_id, u.polres_id, 'Uji zona waktu', $2::timestamptz, $3, 'Aula', 'held'
         from police_unit u where u.id = $1
         returning id",
    )
    .bind(host)
    .bind(starts_at)
    .bind(district)
    .fetch_one(pool)
    .await
    .expect("meeting");
    sqlx::query(
        "insert into attendee (meeting_id, institution_id, attendance)
         select $1, id, 'present' from institution where kind = 'ppk' and region_code = $2",
    )
    .bind(id)
    .bind(district)
    .execute(pool)
    .await
    .expect("attendee");
    id
}

/// (PPK met in the window, PPK last met) for kecamatan `code` on the kecamatan list.
async fn district_line(app: &mut TestApp, unit: i64, code: &str, query: &str) -> (String, String) {
    let page = app
        .get(&format!(
            "/dasbor/kecamatan?unit={unit}&election=pilkada-2024&{query}"
        ))
        .await;
    page.assert_status(StatusCode::OK);
    let line = rows(&page, "table.districts")
        .into_iter()
        .find(|r| r[0].ends_with(code))
        .unwrap_or_else(|| panic!("{code} listed"));
    (line[5].clone(), line[3].clone())
}

#[tokio::test]
async fn coverage_follows_local_dates_across_zones_and_month_ends() {
    let mut app = generated_app().await;
    app.login_as("admin").await;
    let pool = app.pool.clone();
    // A kecamatan in WIT (UTC+9) answered by a Polsek, and Kuala Kampar in WIB (UTC+7).
    let (wit, wit_unit): (String, i64) = sqlx::query_as(
        "select d.district_code, d.unit_id from dash_district d join police_unit u on u.id = d.unit_id
         where left(d.district_code, 2) in ('91', '94') and u.level = 'polsek'
         order by d.district_code limit 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a WIT kecamatan");
    let kk = unit_id(&pool, "Polsek Kuala Kampar").await;
    // 00.30 WIT on 1 March is 15.30 UTC on 28 February; 23.30 WIB on 28 February is 16.30 UTC,
    // an hour later, yet a day earlier on the place's own calendar.
    meeting_with_ppk(&pool, wit_unit, &wit, "2025-03-01 00:30:00+09").await;
    meeting_with_ppk(&pool, kk, "14.05.10", "2025-02-28 23:30:00+07").await;

    // Window 1–7 March: the WIT meeting is in, the WIB one (28 February local) is out.
    let q = "to=2025-03-07&gap=7&show=semua";
    assert_eq!(
        district_line(&mut app, wit_unit, &wit, q).await,
        ("ya".into(), "1 Mar 2025".into())
    );
    assert_eq!(
        district_line(&mut app, kk, "14.05.10", q).await,
        ("tidak".into(), "28 Feb 2025".into())
    );
    // Window 25 February – 3 March spans the month end: both are in.
    let q = "to=2025-03-03&gap=7&show=semua";
    assert_eq!(district_line(&mut app, kk, "14.05.10", q).await.0, "ya");
    assert_eq!(district_line(&mut app, wit_unit, &wit, q).await.0, "ya");
    // Ending on 28 February: the WIT meeting has not happened yet on its own calendar.
    let (met, last) =
        district_line(&mut app, wit_unit, &wit, "to=2025-02-28&gap=7&show=semua").await;
    assert_eq!(met, "tidak");
    assert_ne!(last, "1 Mar 2025");
    // The Polsek's dashboard counts the gaps the same way.
    for (to, from) in [("2025-03-07", "2025-03-01"), ("2025-03-03", "2025-02-25")] {
        let page = app
            .get(&format!(
                "/dasbor?unit={kk}&election=pilkada-2024&to={to}&gap=7"
            ))
            .await;
        assert_eq!(
            number(&page, "#n-gaps"),
            gaps_between(&pool, kk, from, to).await,
            "window ending {to}"
        );
    }
    assert_summaries_equal_a_rebuild(&pool).await;
}

#[tokio::test]
async fn summaries_kept_by_the_writes_equal_a_rebuild() {
    let app = generated_app().await;
    let pool = app.pool.clone();
    let kk = unit_id(&pool, "Polsek Kuala Kampar").await;
    let m = meeting_with_ppk(&pool, kk, "14.05.10", "2024-11-25 10:00:00+07").await;
    for sql in [
        // types and topics, added and taken away
        "insert into meeting_meeting_type (meeting_id, type_code) values ($1, 'rakor'), ($1, 'doa_bersama')",
        "insert into meeting_topic (meeting_id, topic_code) values ($1, 'hoaks')",
        "delete from meeting_meeting_type where meeting_id = $1 and type_code = 'doa_bersama'",
        // answers to the confirmation, a dispute
        "update attendee set confirmation = 'present', confirmed_at = now() where meeting_id = $1",
        "insert into attendee (meeting_id, institution_id, attendance, confirmation)
         select $1, id, 'present', 'disputed' from institution where kind = 'panwascam' and region_code = '14.05.10'",
        // moved to another day, then cancelled
        "update meeting set starts_at = starts_at - interval '3 days' where id = $1",
        "update meeting set status = 'cancelled', cancel_reason = 'Hujan deras' where id = $1",
        "update meeting set status = 'held', cancel_reason = '' where id = $1",
        // commitments: made, done, moved
        "insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id, due_on, due_tz)
         select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, 'Patroli gudang logistik', a.institution_id, '2024-11-26', 'Asia/Jakarta'
         from meeting m join attendee a on a.meeting_id = m.id where m.id = $1",
        "update commitment set status = 'done', done_at = now() where meeting_id = $1 and id = (select min(id) from commitment where meeting_id = $1)",
        "update commitment set due_on = due_on + 30 where meeting_id = $1 and status = 'open'",
    ] {
        sqlx::query(sql).bind(m).execute(&pool).await.expect(sql);
    }
    // Changes to generated meetings and commitments too.
    sqlx::query(
        "update attendee set confirmation = 'disputed' where id in (select id from attendee order by id desc limit 5)",
    )
    .execute(&pool)
    .await
    .expect("disputes");
    sqlx::query("update commitment set status = 'verified', verified_at = now() where id in (select id from commitment where status = 'open' limit 5)")
        .execute(&pool)
        .await
        .expect("verified");
    assert_summaries_equal_a_rebuild(&pool).await;
    // A meeting deleted with everything hanging from it takes its share away.
    sqlx::query("delete from meeting where id = $1")
        .bind(m)
        .execute(&pool)
        .await
        .expect("delete");
    assert_summaries_equal_a_rebuild(&pool).await;
}

/// The rows of `sql` as sorted text.
async fn text_rows(pool: &PgPool, sql: &'static str) -> Vec<String> {
    let mut rows: Vec<String> =
        sqlx::query_scalar(AssertSqlSafe(format!("select t::text from ({sql}) t")))
            .fetch_all(pool)
            .await
            .expect(sql);
    rows.sort();
    rows
}

/// The per-scope summaries of migration 20261207000100 equal what the meetings, attendee lines
/// and commitments say, counted straight from them (not through `dash_rebuild`).
async fn assert_per_scope_summaries_equal_a_recount(pool: &PgPool, step: &str) {
    let pairs: [(&'static str, &'static str, &'static str); 5] = [
        (
            "types and topics per unit",
            "select unit_id, day, dim, code, n from dash_tag",
            "select u, (m.starts_at at time zone d.tz)::date, c.dim, c.code, count(*)::int
             from meeting m join region d on d.code = m.district_code, unnest(m.unit_path) u,
                  lateral (select 'type' as dim, x.type_code as code from meeting_meeting_type x where x.meeting_id = m.id
                           union all select 'topic', x.topic_code from meeting_topic x where x.meeting_id = m.id) c
             group by 1, 2, 3, 4",
        ),
        (
            "open commitments per unit",
            "select unit_id, n from dash_open_unit",
            "select u, count(*)::int from commitment c, unnest(c.unit_path) u
             where c.status in ('open', 'in_progress') group by u",
        ),
        (
            "national coverage per window end",
            "select gap, day, child, ppk, panwas, both_met, met from dash_nat_cov
             where day between '2024-10-01' and '2024-12-31'",
            "with met as (
                 select m.district_code, (m.starts_at at time zone d.tz)::date as day,
                        bool_or(i.kind = 'ppk') as p, bool_or(i.kind = 'panwascam') as w
                 from meeting m join region d on d.code = m.district_code
                 join attendee a on a.meeting_id = m.id join institution i on i.id = a.institution_id
                 where m.status in ('held', 'reported') and a.attendance = 'present'
                   and i.kind in ('ppk', 'panwascam') and i.region_code = m.district_code
                 group by 1, 2
             ), win as (
                 select g, e::date as day, m.district_code, bool_or(m.p) as p, bool_or(m.w) as w
                 from (values (7), (14), (30)) g(g)
                 cross join generate_series(date '2024-10-01', date '2024-12-31', interval '1 day') e
                 join met m on m.day between e::date - g + 1 and e::date
                 group by 1, 2, 3
             )
             select w.g, w.day, coalesce(dd.unit_path[2], 0), count(*) filter (where w.p)::int,
                    count(*) filter (where w.w)::int, count(*) filter (where w.p and w.w)::int, count(*)::int
             from win w join dash_district dd on dd.district_code = w.district_code
             where w.p or w.w
             group by 1, 2, 3",
        ),
        (
            "first day met nationally",
            "select district_code, nat_first from dash_district where nat_first is not null",
            "select m.district_code, min((m.starts_at at time zone d.tz)::date)
             from meeting m join region d on d.code = m.district_code
             join attendee a on a.meeting_id = m.id join institution i on i.id = a.institution_id
             where m.status in ('held', 'reported') and a.attendance = 'present'
               and i.kind in ('ppk', 'panwascam') and i.region_code = m.district_code
             group by 1",
        ),
        (
            "kecamatan per unit's area",
            "select unit_id, district_code, child from dash_area",
            "select u.unit_path[i], u.district_code, u.unit_path[i + 1]
             from dash_district u, generate_subscripts(u.unit_path, 1) i",
        ),
    ];
    for (what, kept, counted) in pairs {
        let kept_rows = text_rows(pool, kept).await;
        let counted_rows = text_rows(pool, counted).await;
        assert!(!counted_rows.is_empty(), "{what}: nothing counted ({step})");
        assert_eq!(kept_rows, counted_rows, "{what} after {step}");
    }
}

#[tokio::test]
async fn per_scope_summaries_equal_a_recount_after_creates_edits_and_deletes() {
    let app = generated_app().await;
    let pool = app.pool.clone();
    assert_per_scope_summaries_equal_a_recount(&pool, "generate").await;
    let kk = unit_id(&pool, "Polsek Kuala Kampar").await;
    // A kecamatan's first PPK meeting of a day, then a second one the same day.
    let m = meeting_with_ppk(&pool, kk, "14.05.10", "2024-11-20 10:00:00+07").await;
    let m2 = meeting_with_ppk(&pool, kk, "14.05.10", "2024-11-20 15:00:00+07").await;
    assert_per_scope_summaries_equal_a_recount(&pool, "creates").await;
    for (step, sql) in [
        ("types and topics", "insert into meeting_meeting_type (meeting_id, type_code) values ($1, 'rakor'), ($1, 'doa_bersama');
                              insert into meeting_topic (meeting_id, topic_code) values ($1, 'hoaks')"),
        ("moved across a month end", "update meeting set starts_at = starts_at + interval '12 days' where id = $1"),
        ("cancelled", "update meeting set status = 'cancelled', cancel_reason = 'Hujan deras' where id = $1"),
        ("held again", "update meeting set status = 'held', cancel_reason = '' where id = $1"),
        ("PPK absent", "update attendee set attendance = 'absent' where meeting_id = $1"),
        ("PPK present", "update attendee set attendance = 'present' where meeting_id = $1"),
        ("a commitment", "insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id, due_on, due_tz)
                          select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, 'Patroli gudang logistik', a.institution_id, '2024-11-26', 'Asia/Jakarta'
                          from meeting m join attendee a on a.meeting_id = m.id where m.id = $1"),
        ("the commitment done", "update commitment set status = 'done', done_at = now() where meeting_id = $1"),
        ("a type taken away", "delete from meeting_meeting_type where meeting_id = $1 and type_code = 'rakor'"),
        ("deleted", "delete from meeting where id = $1"),
    ] {
        for part in sql.split(';') {
            sqlx::query(AssertSqlSafe(part.to_string()))
                .bind(m)
                .execute(&pool)
                .await
                .expect(step);
        }
        assert_per_scope_summaries_equal_a_recount(&pool, step).await;
    }
    sqlx::query("delete from meeting where id = $1")
        .bind(m2)
        .execute(&pool)
        .await
        .expect("delete");
    assert_per_scope_summaries_equal_a_recount(&pool, "both deleted").await;
    // Several meetings written without the triggers, then applied in one batch.
    let mut tx = pool.begin().await.expect("tx");
    sqlx::query("select set_config('sinergi.dash_bulk', 'on', true)")
        .execute(&mut *tx)
        .await
        .expect("bulk");
    let ids: Vec<i64> = sqlx::query_scalar(
        "insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at, district_code, venue_name, status)
         select u.id, u.path, u.polda_id, u.polres_id, 'Uji banyak', s::timestamptz, '14.05.10', 'Aula', 'held'
         from police_unit u, unnest(array['2024-11-21 09:00+07', '2024-11-21 14:00+07', '2024-11-29 09:00+07']) s
         where u.id = $1
         returning id",
    )
    .bind(kk)
    .fetch_all(&mut *tx)
    .await
    .expect("meetings");
    for sql in [
        "insert into attendee (meeting_id, institution_id, attendance)
         select m, i.id, 'present' from unnest($1::bigint[]) m, institution i
         where i.kind in ('ppk', 'panwascam') and i.region_code = '14.05.10'",
        "insert into meeting_topic (meeting_id, topic_code) select m, 'hoaks' from unnest($1::bigint[]) m",
    ] {
        sqlx::query(sql)
            .bind(&ids)
            .execute(&mut *tx)
            .await
            .expect(sql);
    }
    tx.commit().await.expect("commit");
    sqlx::query("select dash_apply_meetings($1)")
        .bind(&ids)
        .execute(&pool)
        .await
        .expect("batch");
    assert_per_scope_summaries_equal_a_recount(&pool, "a batch").await;
    assert_summaries_equal_a_rebuild(&pool).await;
    // Wilayah hukum: Pelalawan's kecamatan handed to a Polres of another Polda take their
    // national coverage along.
    sqlx::query(
        "update unit_region set unit_id = (select id from police_unit where level = 'polres'
                                             and polda_id <> (select id from police_unit where name = 'Polda Riau')
                                             order by id limit 1)
         where unit_id = (select id from police_unit where name = 'Polres Pelalawan')",
    )
    .execute(&pool)
    .await
    .expect("area moved");
    assert_per_scope_summaries_equal_a_recount(&pool, "wilayah hukum moved").await;
    assert_summaries_equal_a_rebuild(&pool).await;
}

#[tokio::test]
async fn a_meeting_logged_in_the_app_shows_on_the_dashboard_at_once() {
    let mut app = generated_app().await;
    let kk = unit_id(&app.pool, "Polsek Kuala Kampar").await;
    app.login_as("polres.pelalawan").await;
    let url = "/dasbor?election=pilkada-2024&from=2024-11-01&to=2024-11-30";
    let before = number(&app.get(url).await, "#n-period");
    let ppk: i64 = sqlx::query_scalar(
        "select id from institution where kind = 'ppk' and region_code = '14.05.10'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("ppk");
    app.logout().await;
    app.login_as("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    let idem = form.attr("input[name=idem]", "value").expect("idem");
    let created = app
        .post_form(
            "/pertemuan/baru",
            &[
                ("idem", &idem),
                ("host_unit_id", &kk.to_string()),
                ("type", "rakor"),
                ("title", "Rakor pengamanan gudang logistik"),
                ("date", "2024-11-22"),
                ("time", "09:00"),
                ("duration", "60"),
                ("district_code", "14.05.10"),
                ("venue_name", "Aula Mapolsek"),
                ("election", "auto"),
                ("status", "held"),
                ("a_institution", &ppk.to_string()),
                ("a_name", "Hendri Pandita"),
                ("a_attendance", "present"),
            ],
        )
        .await;
    created.assert_redirect_to("/pertemuan/");
    app.logout().await;
    app.login_as("polres.pelalawan").await;
    assert_eq!(number(&app.get(url).await, "#n-period"), before + 1);
    assert_summaries_equal_a_rebuild(&app.pool).await;
}

#[tokio::test]
async fn a_polres_commander_never_sees_a_neighbours_numbers() {
    let mut app = generated_app().await;
    let ih = unit_id(&app.pool, "Polres Indragiri Hilir").await;
    let pelalawan = unit_id(&app.pool, "Polres Pelalawan").await;
    app.login_as("polres.pelalawan").await;
    for path in [
        format!("/dasbor?unit={ih}"),
        format!("/dasbor.csv?unit={ih}&tabel=aktivitas"),
        format!("/dasbor/kecamatan?unit={ih}"),
        format!("/dasbor/tindak-lanjut?unit={ih}&state=terlambat"),
        format!("/dasbor/sanggahan?unit={ih}"),
    ] {
        let page = app.get(&path).await;
        page.assert_status(StatusCode::BAD_REQUEST);
        assert!(page.body.contains("di luar wilayah tugas Anda"), "{path}");
    }
    let own = app.get(&format!("/dasbor?{PILKADA}")).await;
    own.assert_status(StatusCode::OK);
    assert_eq!(own.text("h1"), "Dasbor Polres Pelalawan");
    for neighbour in ["Indragiri Hilir", "Kempas", "Tembilahan"] {
        assert!(
            !own.body.contains(neighbour),
            "{neighbour} on Pelalawan's dashboard"
        );
    }
    let codes: Vec<String> = Html::parse_document(&own.body)
        .select(&Selector::parse("tr.district").expect("selector"))
        .filter_map(|r| r.value().attr("data-code").map(str::to_string))
        .collect();
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c.starts_with("14.05.")), "{codes:?}");
    // An open, late commitment on each side of the border (the demo meetings in Kuala Kampar
    // and Kempas).
    let border: Vec<i64> = sqlx::query_scalar(
        "select id from meeting where idempotency_key in ('demo-kuala-kampar-2024', 'demo-kempas-2024')",
    )
    .fetch_all(&app.pool)
    .await
    .expect("demo meetings");
    add_late_commitments(&app.pool, None, &border).await;
    let meetings = late_follow_up_meetings(&mut app).await;
    assert!(!meetings.is_empty());
    let outside = meetings_outside(&app.pool, &meetings, pelalawan).await;
    assert_eq!(outside, 0, "follow-ups of Pelalawan's meetings only");
    app.logout().await;
    app.login_as("polda.riau").await;
    let kalbar = unit_id(&app.pool, "Polda Kalimantan Barat").await;
    app.get(&format!("/dasbor?unit={kalbar}"))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_never_a_500() {
    let mut app = generated_app().await;
    app.login_as("admin").await;
    for (path, message) in [
        ("/dasbor?election=pemilu-1999", "tidak dikenal"),
        (
            "/dasbor?from=2024-11-02&to=2024-11-01",
            "sesudah tanggal akhir",
        ),
        ("/dasbor?from=27-11-2024", "tidak valid"),
        ("/dasbor?to=2024-02-30", "tidak valid"),
        ("/dasbor?from=2020-01-01&to=2024-01-01", "paling panjang"),
        ("/dasbor?gap=10", "Jendela cakupan"),
        ("/dasbor?silent=-1", "Batas nihil"),
        ("/dasbor?unit=abc", "tidak dikenal"),
        ("/dasbor?unit=99999999", "di luar wilayah tugas Anda"),
        ("/dasbor?unit=-5", "di luar wilayah tugas Anda"),
        ("/dasbor.csv?tabel=xyz", "Tabel"),
        ("/dasbor/tindak-lanjut?state=foo", "Keadaan"),
        ("/dasbor/kecamatan?show=bar", "Tampilan"),
        ("/dasbor/kecamatan?anak=x", "Satuan anak"),
        (
            "/dasbor/sanggahan?from=2024-12-01&to=2024-11-01",
            "sesudah tanggal akhir",
        ),
    ] {
        let page = app.get(path).await;
        page.assert_status(StatusCode::BAD_REQUEST);
        assert!(page.body.contains(message), "{path}: {}", page.text("main"));
    }
}

#[tokio::test]
async fn officials_have_no_dashboard_and_visitors_log_in() {
    let mut app = TestApp::new().await;
    app.get("/dasbor").await.assert_redirect_to("/login");
    app.login_as("ppk.kualakampar").await;
    app.get("/dasbor").await.assert_redirect_to("/pertemuan");
    app.get("/dasbor.csv?tabel=aktivitas")
        .await
        .assert_redirect_to("/pertemuan");
    let home = app.get("/pertemuan").await;
    assert_eq!(
        home.count("a[href='/dasbor']"),
        0,
        "no dashboard link for officials"
    );
}

#[tokio::test]
async fn an_upcoming_election_counts_down_from_today() {
    let mut app = TestApp::new().await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive();
    let id: i64 = sqlx::query_scalar(
        "insert into election (slug, name, kind, voting_day, national) values ('pilkada-uji', 'Pilkada Uji', 'pilkada', $1, true) returning id",
    )
    .bind(today + chrono::Duration::days(45))
    .fetch_one(&app.pool)
    .await
    .expect("election");
    sqlx::query("insert into election_stage (election_id, ordinal, name, starts_on, ends_on) values ($1, 1, 'Kampanye', $2, $3)")
        .bind(id)
        .bind(today - chrono::Duration::days(10))
        .bind(today + chrono::Duration::days(41))
        .execute(&app.pool)
        .await
        .expect("stage");
    app.login_as("polda.riau").await;
    let page = app.get("/dasbor").await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.text(".lead").contains("Pilkada Uji"),
        "the next election is the default"
    );
    assert_eq!(page.text(".countdown"), "H-45 menuju pemungutan suara");
    assert!(page.text("dd.stage").starts_with("Kampanye"));
    assert!(page.text("dd.period").contains("sampai hari ini"));
    let past = app.get("/dasbor?election=pilkada-2024").await;
    assert!(
        past.text(".countdown")
            .starts_with("Pemungutan suara sudah lewat (H+")
    );
    assert_eq!(past.text("dd.stage"), "semua tahapan sudah selesai");
    assert!(
        past.text("dd.period")
            .contains("sampai hari pemungutan suara (27 Nov 2024)")
    );
}

/// The election calendars are kept in memory under the structure version: each change to an
/// election, its regions or its stages (here by psql, while the server runs) is on the next page.
#[tokio::test]
async fn the_election_picker_follows_every_change_to_the_calendars() {
    let mut app = TestApp::signed_in("polda.riau").await;
    let options = |page: &Page| page.texts("select[name=election] option");
    let before = options(&app.get("/dasbor").await);
    assert!(
        before.iter().any(|o| o == "Pilkada Serentak 2024"),
        "{before:?}"
    );
    assert!(!before.iter().any(|o| o.contains("Uji")));
    let pool = app.pool.clone();
    let sql = |q: &'static str| sqlx::query(q).execute(&pool);
    sql(
        "insert into election (slug, name, kind, voting_day, national)
         values ('pilkada-uji', 'Pilkada Uji', 'pilkada', '2029-11-28', true)",
    )
    .await
    .expect("insert");
    assert!(options(&app.get("/dasbor").await).contains(&"Pilkada Uji".to_string()));
    sql("update election set name = 'Pilkada Uji Ulang' where slug = 'pilkada-uji'")
        .await
        .expect("rename");
    let renamed = options(&app.get("/dasbor").await);
    assert!(
        renamed.contains(&"Pilkada Uji Ulang".to_string()),
        "{renamed:?}"
    );
    assert!(!renamed.contains(&"Pilkada Uji".to_string()));
    sql("insert into election_stage (election_id, ordinal, name, starts_on, ends_on)
         select id, 1, 'Tahap Uji', current_date - 30, current_date + 30 from election where slug = 'pilkada-uji'")
    .await
    .expect("stage");
    let page = app.get("/dasbor?election=pilkada-uji").await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.text("dd.stage").contains("Tahap Uji"),
        "{}",
        page.text("dd.stage")
    );
    sql("delete from election_stage where election_id = (select id from election where slug = 'pilkada-uji')")
        .await
        .expect("delete the stage");
    sql("delete from election where slug = 'pilkada-uji'")
        .await
        .expect("delete");
    assert_eq!(options(&app.get("/dasbor").await), before);
}

#[tokio::test]
async fn every_table_exports_as_csv_and_lists_match_their_numbers() {
    let mut app = generated_app().await;
    app.login_as("polda.riau").await;
    let page = app.get(&format!("/dasbor?{PILKADA}")).await;
    page.assert_status(StatusCode::OK);
    for table in [
        "aktivitas",
        "tren",
        "jenis",
        "topik",
        "cakupan",
        "kecamatan",
        "nihil",
        "tindak-lanjut",
        "terlambat",
        "konfirmasi",
    ] {
        let csv = app
            .get(&format!("/dasbor.csv?{PILKADA}&tabel={table}"))
            .await;
        csv.assert_status(StatusCode::OK);
        assert!(
            csv.headers[axum::http::header::CONTENT_TYPE]
                .to_str()
                .unwrap_or("")
                .starts_with("text/csv"),
            "{table}"
        );
        assert!(csv.body.lines().count() >= 1, "{table} has a header");
    }
    let activity = app
        .get(&format!("/dasbor.csv?{PILKADA}&tabel=aktivitas"))
        .await;
    let total = activity.body.lines().last().expect("total line");
    assert!(
        total.starts_with(&format!("Jumlah,{},", number(&page, "#n-week"))),
        "{total}"
    );
    let gaps = app
        .get(&format!("/dasbor/kecamatan?{PILKADA}&show=celah"))
        .await;
    assert_eq!(number(&gaps, "#count"), number(&page, "#n-gaps"));
    let late = app
        .get(&format!("/dasbor/tindak-lanjut?{PILKADA}&state=terlambat"))
        .await;
    assert_eq!(number(&late, "#count"), number(&page, "#n-overdue"));
    let disputes = app.get(&format!("/dasbor/sanggahan?{PILKADA}")).await;
    assert_eq!(number(&disputes, "#count"), number(&page, "#n-disputes"));
    let week_link = page.attr("#n-week a", "href").expect("a link");
    assert_eq!(
        week_link,
        format!(
            "/pertemuan?unit={}&from=2024-11-21&to=2024-11-27",
            unit_id(&app.pool, "Polda Riau").await
        )
    );
}

#[tokio::test]
async fn generate_is_idempotent_per_seed_and_replaces_another_run() {
    let app = generated_app().await;
    let pool = &app.pool;
    let generated = "select count(*) from meeting where idempotency_key like 'gen-%'";
    let again = sinergi::generate::generate(pool, SCALE, SEED)
        .await
        .expect("again");
    assert!(again.unchanged, "{again}");
    assert_eq!(again.meetings, 400);
    assert_eq!(app.scalar_i64(generated).await, 400);
    let units = app.scalar_i64("select count(*) from police_unit").await;
    assert!(
        units > 6000,
        "a unit for every Polda, Polres and most kecamatan: {units}"
    );
    let other = sinergi::generate::generate(pool, 0.001, 8)
        .await
        .expect("another seed");
    assert!(!other.unchanged);
    assert_eq!(other.removed_meetings, 400);
    assert_eq!(app.scalar_i64(generated).await, 200);
    assert_eq!(
        app.scalar_i64("select count(*) from police_unit").await,
        units,
        "the units are kept"
    );
    let attendees = app
        .scalar_i64("select count(*) from attendee a join meeting m on m.id = a.meeting_id where m.idempotency_key like 'gen-%'")
        .await;
    assert!(
        (1500..=2500).contains(&attendees),
        "about ten per meeting: {attendees}"
    );
    // The list reads each meeting's codes and count present from its row (loaded with the triggers off).
    assert_eq!(crate::meeting_list::codes_off_their_tags(&app).await, 0);
    let with_topics = app
        .scalar_i64("select count(*) from meeting where idempotency_key like 'gen-%' and topic_codes <> '{}'")
        .await;
    assert!(with_topics > 100, "most have a topic: {with_topics}");
    assert_summaries_equal_a_rebuild(pool).await;
}

#[test]
fn generate_refuses_a_bad_scale_in_one_line() {
    for bad in ["-1", "abc", "0"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sinergi"))
            .args(["generate", "--scale", bad])
            .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
            .output()
            .expect("run sinergi");
        assert!(!out.status.success(), "{bad} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("--scale"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_polda_riau_commander_clicks_from_the_dashboard_to_the_kuala_kampar_meeting() {
    let b = Browser::start_phone().await;
    b.login("polda.riau").await;
    b.goto("/dasbor").await;
    assert_eq!(b.text("h1").await, "Dasbor Polda Riau");
    let widths = b
        .client
        .execute(
            "return [window.innerWidth, document.documentElement.scrollWidth];",
            vec![],
        )
        .await
        .expect("widths");
    let (inner, scroll) = (
        widths[0].as_i64().unwrap_or(0),
        widths[1].as_i64().unwrap_or(0),
    );
    if inner != 390 || scroll > inner {
        b.evidence("dashboard-width").await;
    }
    assert_eq!(inner, 390, "a phone's viewport");
    assert!(
        scroll <= inner,
        "nothing sticks out sideways ({scroll} px wide)"
    );
    b.click_link("Polres Pelalawan").await;
    assert_eq!(b.text("h1").await, "Dasbor Polres Pelalawan");
    b.click("tr[data-code='14.05.10'] td.last-ppk a").await;
    let title = "Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar";
    b.click_link(title).await;
    let heading = b.text("h1").await;
    if heading != title {
        b.evidence("dashboard-to-meeting").await;
    }
    assert_eq!(heading, title);
    b.stop().await;
}

#[tokio::test]
async fn the_disputes_list_under_its_earlier_name_redirects_with_its_question() {
    let mut app = TestApp::new().await;
    let old = app.get(&format!("/dasbor/sengketa?{PILKADA}")).await;
    old.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(old.location(), format!("/dasbor/sanggahan?{PILKADA}"));
    let csv = app.get("/dasbor/sengketa.csv").await;
    assert_eq!(csv.location(), "/dasbor/sanggahan.csv");
}

/// Open commitments due 20 Nov 2024 (late on any later day) on each of `meetings`, one per
/// institution that attended the meeting `attended` (None: each meeting's own).
async fn add_late_commitments(pool: &PgPool, attended: Option<i64>, meetings: &[i64]) {
    sqlx::query(
        "insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id, due_on, due_tz)
         select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, 'Patroli TPS', a.institution_id, '2024-11-20', 'Asia/Jakarta'
         from meeting m join attendee a on a.meeting_id = coalesce($1, m.id)
         where m.id = any($2)",
    )
    .bind(attended)
    .bind(meetings)
    .execute(pool)
    .await
    .expect("late commitments");
}

/// How many of `meetings` lie outside `unit`'s subtree.
async fn meetings_outside(pool: &PgPool, meetings: &[i64], unit: i64) -> i64 {
    sqlx::query_scalar(
        "select count(*) from meeting where id = any($1) and not unit_path @> array[$2::bigint]",
    )
    .bind(meetings)
    .bind(unit)
    .fetch_one(pool)
    .await
    .expect("count")
}

/// The meetings linked from the late follow-ups page, as the signed-in user sees them.
async fn late_follow_up_meetings(app: &mut TestApp) -> Vec<i64> {
    let page = app
        .get("/dasbor/tindak-lanjut?state=terlambat&election=pilkada-2024")
        .await;
    page.assert_status(StatusCode::OK);
    Html::parse_document(&page.body)
        .select(&Selector::parse("ol.commitments a").expect("selector"))
        .filter_map(|a| {
            a.value()
                .attr("href")?
                .strip_prefix("/pertemuan/")?
                .parse()
                .ok()
        })
        .collect()
}

#[tokio::test]
async fn a_polsek_lists_its_own_late_follow_ups_and_not_its_polres_neighbours() {
    // A Polsek's list is read through its Polres' column and its own path: the Polres' other
    // follow-ups must not slip in, and the Polres must still see both.
    let mut app = generated_app().await;
    let kuala_kampar: i64 = sqlx::query_scalar(
        "select id from meeting where idempotency_key = 'demo-kuala-kampar-2024'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("demo meeting");
    let pelalawan = unit_id(&app.pool, "Polres Pelalawan").await;
    let kk = unit_id(&app.pool, "Polsek Kuala Kampar").await;
    // The same meeting as if Polres Pelalawan had hosted it, with the same attendees.
    let polres_meeting: i64 = sqlx::query_scalar(
        "with m as (
             insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at, district_code,
                                  venue_name, election_id, status, idempotency_key)
             select u.id, u.path, u.polda_id, u.id, 'Rakor Polres', m.starts_at, m.district_code,
                    m.venue_name, m.election_id, m.status, 'test-polres-meeting'
             from meeting m, police_unit u where m.id = $1 and u.id = $2
             returning id)
         select id from m",
    )
    .bind(kuala_kampar)
    .bind(pelalawan)
    .fetch_one(&app.pool)
    .await
    .expect("polres meeting");
    add_late_commitments(
        &app.pool,
        Some(kuala_kampar),
        &[kuala_kampar, polres_meeting],
    )
    .await;

    app.login_as("polsek.kualakampar").await;
    let own = late_follow_up_meetings(&mut app).await;
    assert!(own.contains(&kuala_kampar), "{own:?}");
    assert!(!own.contains(&polres_meeting), "{own:?}");
    let outside = meetings_outside(&app.pool, &own, kk).await;
    assert_eq!(outside, 0, "follow-ups of Kuala Kampar's meetings only");

    app.logout().await;
    app.login_as("polres.pelalawan").await;
    let polres = late_follow_up_meetings(&mut app).await;
    assert!(
        polres.contains(&kuala_kampar) && polres.contains(&polres_meeting),
        "{polres:?}"
    );
}

#[tokio::test]
async fn the_national_gap_list_read_through_the_polda_with_gaps_lists_the_same_kecamatan() {
    use chrono::NaiveDate;
    use sinergi::dashboard::db::{CoverageScope, District, districts};
    let app = generated_app().await;
    let mabes = unit_id(&app.pool, "Mabes Polri").await;
    let riau = unit_id(&app.pool, "Polda Riau").await;
    let to = NaiveDate::from_ymd_opt(2024, 11, 27).expect("day");
    let november = NaiveDate::from_ymd_opt(2024, 11, 1).expect("month");
    // 14 days up to the 27th: the bits of days 14..=27 of November
    let window = (14..=27).fold(0i32, |bits, day| bits | 1 << (day - 1));
    let gaps = |within: Option<Vec<i64>>| {
        let pool = app.pool.clone();
        async move {
            let scope = CoverageScope {
                unit: mabes,
                national: true,
                child_index: 2,
                months: [(november, window), (november, 0)],
                within,
            };
            districts(&pool, &scope, to, true, None, 100_000)
                .await
                .expect("gaps")
        }
    };
    let codes = |rows: &[District]| rows.iter().map(|d| d.code.clone()).collect::<Vec<_>>();
    let every = gaps(None).await;
    let in_riau: Vec<District> = every
        .iter()
        .filter(|d| d.child_id == Some(riau))
        .cloned()
        .collect();
    assert!(
        !in_riau.is_empty(),
        "the generated data leaves gaps in Riau"
    );
    assert_eq!(codes(&gaps(Some(vec![riau])).await), codes(&in_riau));
    assert!(gaps(Some(Vec::new())).await.is_empty());
}

/// Weekly rows (types and topics; meetings, lines and confirmations) that differ from the sum
/// of their week's daily rows.
async fn weeks_off_their_days(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "select (select count(*)
                 from (select unit_id, date_trunc('week', day)::date as week, dim, code, sum(n) as n
                       from dash_tag group by 1, 2, 3, 4 having sum(n) <> 0) d
                 full join (select * from dash_tag_week where n <> 0) w using (unit_id, week, dim, code)
                 where d.n is distinct from w.n)
              + (select count(*)
                 from (select unit_id, date_trunc('week', day)::date as week,
                              row(sum(meetings), sum(cancelled), sum(lines), sum(confirmed), sum(disputed_open))::text as n
                       from dash_day group by 1, 2) d
                 full join (select unit_id, week, row(meetings::bigint, cancelled::bigint, lines::bigint,
                                                      confirmed::bigint, disputed_open::bigint)::text as n
                            from dash_day_week
                            where (meetings, cancelled, lines, confirmed, disputed_open) <> (0, 0, 0, 0, 0)) w
                 using (unit_id, week)
                 where d.n is distinct from w.n)",
    )
    .fetch_one(pool)
    .await
    .expect("weeks")
}

#[tokio::test]
async fn activity_read_by_whole_weeks_adds_up_to_the_days_of_every_window() {
    use chrono::{Duration, NaiveDate};
    use sinergi::dashboard::db::{Windows, activity};
    let app = generated_app().await;
    assert_eq!(
        weeks_off_their_days(&app.pool).await,
        0,
        "after the rebuild"
    );
    let mut units = Vec::new();
    for name in [
        "Mabes Polri",
        "Polda Riau",
        "Polres Pelalawan",
        "Polsek Kuala Kampar",
    ] {
        units.push(unit_id(&app.pool, name).await);
    }
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("day");
    // (from, to, stage's first day, silence window in days): half a year to a Wednesday with a
    // stage and a month's silence; a Monday-to-Sunday fortnight; five days; a stage that starts
    // before the period; the Pemilu's months
    let cases = [
        (
            day(2024, 5, 29),
            day(2024, 11, 27),
            Some(day(2024, 9, 25)),
            30,
        ),
        (day(2024, 11, 4), day(2024, 11, 17), None, 14),
        (
            day(2024, 11, 20),
            day(2024, 11, 24),
            Some(day(2024, 11, 21)),
            3,
        ),
        (
            day(2024, 11, 10),
            day(2024, 11, 27),
            Some(day(2024, 8, 1)),
            60,
        ),
        (
            day(2023, 11, 28),
            day(2024, 2, 14),
            Some(day(2024, 1, 28)),
            21,
        ),
    ];
    let mut counted = 0;
    for (from, to, stage_from, silent) in cases {
        let w = Windows {
            to,
            week_from: to - Duration::days(6),
            last_week: (to - Duration::days(13), to - Duration::days(7)),
            stage_from,
            from,
            silent_from: to - Duration::days(silent - 1),
        };
        let got: Vec<Vec<i64>> = activity(&app.pool, &units, &w)
            .await
            .expect("activity")
            .into_iter()
            .map(|a| {
                vec![
                    a.unit_id,
                    a.week,
                    a.last_week,
                    a.stage,
                    a.period,
                    a.silent_window,
                    a.cancelled,
                    a.lines,
                    a.confirmed,
                    a.disputed_open,
                ]
            })
            .collect();
        let want: Vec<(i64, Vec<i64>)> = sqlx::query_as(
            "select u.id, array[u.id,
                    coalesce(sum(d.meetings) filter (where d.day >= $3), 0),
                    coalesce(sum(d.meetings) filter (where d.day between $4 and $5), 0),
                    coalesce(sum(d.meetings) filter (where d.day >= $6), 0),
                    coalesce(sum(d.meetings) filter (where d.day >= $7), 0),
                    coalesce(sum(d.meetings) filter (where d.day >= $8), 0),
                    coalesce(sum(d.cancelled) filter (where d.day >= $7), 0),
                    coalesce(sum(d.lines) filter (where d.day >= $7), 0),
                    coalesce(sum(d.confirmed) filter (where d.day >= $7), 0),
                    coalesce(sum(d.disputed_open) filter (where d.day >= $7), 0)]::bigint[]
             from unnest($1::bigint[]) with ordinality u(id, n)
             left join dash_day d on d.unit_id = u.id and d.day <= $2
             group by u.id, u.n order by u.n",
        )
        .bind(&units)
        .bind(to)
        .bind(w.week_from)
        .bind(w.last_week.0)
        .bind(w.last_week.1)
        .bind(stage_from)
        .bind(from)
        .bind(w.silent_from)
        .fetch_all(&app.pool)
        .await
        .expect("days");
        let want: Vec<Vec<i64>> = want.into_iter().map(|(_, v)| v).collect();
        assert_eq!(
            got, want,
            "{from}..{to}, stage {stage_from:?}, silence {silent}"
        );
        counted += want.iter().map(|v| v[4]).sum::<i64>();
    }
    assert!(counted > 100, "the periods hold meetings ({counted})");
}

#[tokio::test]
async fn types_and_topics_read_by_whole_weeks_add_up_to_the_days_of_any_period() {
    use chrono::NaiveDate;
    use sinergi::dashboard::db::tags;
    let app = generated_app().await;
    assert_eq!(
        weeks_off_their_days(&app.pool).await,
        0,
        "after the rebuild"
    );
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("day");
    let periods = [
        // Wednesday to Wednesday, half a year; a week Monday to Sunday; three days in one week;
        // a week's end to the next week's start; the Pemilu's months
        (day(2024, 5, 29), day(2024, 11, 27)),
        (day(2024, 11, 18), day(2024, 11, 24)),
        (day(2024, 11, 20), day(2024, 11, 22)),
        (day(2024, 11, 23), day(2024, 11, 26)),
        (day(2023, 11, 28), day(2024, 2, 14)),
    ];
    let mut counted = 0;
    for name in ["Mabes Polri", "Polda Riau", "Polres Pelalawan"] {
        let unit = unit_id(&app.pool, name).await;
        for (from, to) in periods {
            let mut got: Vec<(String, String, i64)> = tags(&app.pool, unit, from, to)
                .await
                .expect("tags")
                .into_iter()
                .map(|t| (t.dim, t.code, t.n))
                .collect();
            got.sort();
            let want: Vec<(String, String, i64)> = sqlx::query_as(
                "select dim, code, sum(n)::bigint from dash_tag
                 where unit_id = $1 and day between $2 and $3
                 group by 1, 2 having sum(n) > 0 order by 1, 2",
            )
            .bind(unit)
            .bind(from)
            .bind(to)
            .fetch_all(&app.pool)
            .await
            .expect("days");
            assert_eq!(got, want, "{name} {from}..{to}");
            counted += want.len();
        }
    }
    assert!(
        counted > 50,
        "the periods hold types and topics ({counted})"
    );

    // A meeting moved to another week, and one taken out, move their week's rows with them.
    app.exec(
        "update meeting set starts_at = starts_at + interval '9 days'
         where id = (select min(meeting_id) from meeting_topic)",
    )
    .await;
    app.exec(
        "update meeting set status = 'cancelled', cancel_reason = 'Diundur'
         where id = (select max(meeting_id) from meeting_topic) and status <> 'cancelled'",
    )
    .await;
    assert_eq!(weeks_off_their_days(&app.pool).await, 0, "after the writes");
}
