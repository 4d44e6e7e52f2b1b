//! Operating Sinergi: backup and restore round trip, JSON logs, `/metrics` behind its token.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::helpers::{self, TestApp};
use crate::live::{Server, assert_ran, assert_refused, migrate_with, run_on};

/// Every table of the public schema with its row count and a digest of its rows.
async fn fingerprint(pool: &sqlx::PgPool) -> Vec<(String, i64, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        let (n, digest): (i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select count(*), coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from \"{t}\" r"
        )))
        .fetch_one(pool)
        .await
        .expect("rows");
        out.push((t, n, digest));
    }
    out
}

/// A new, empty database on the test server.
async fn empty_database(name: &str) -> String {
    let admin = sinergi::db::connect(&helpers::database_url("postgres"), 1)
        .await
        .expect("maintenance db");
    let name = format!("{name}_{}", std::process::id());
    helpers::recreate_database(&admin, &name).await;
    admin.close().await;
    helpers::database_url(&name)
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_database_has_every_table_row_for_row() {
    let source = helpers::fresh_db_url().await;
    let pool = sinergi::db::connect(&source, 2).await.expect("source");
    let mut app = TestApp::with_pool(pool.clone()).await;
    app.login_as("admin").await;
    app.get("/audit").await.assert_status(StatusCode::OK);
    let file = std::env::temp_dir().join(format!("sinergi-backup-{}.dump", std::process::id()));
    let target = empty_database("restored").await;

    let path = file.to_str().expect("a UTF-8 path");
    let backup = run_on(&source, &["backup", path]);
    let restore = run_on(&target, &["restore", path]);

    assert_ran(&backup);
    assert!(String::from_utf8_lossy(&backup.stdout).contains("Backed up to"));
    assert_ran(&restore);
    let restored = sinergi::db::connect(&target, 2).await.expect("restored");
    let before = fingerprint(&pool).await;
    let after = fingerprint(&restored).await;
    assert!(before.len() > 20, "{before:?}");
    assert!(
        before.iter().any(|(t, n, _)| t == "audit_log" && *n > 0),
        "the audit log travels too"
    );
    assert_eq!(before, after);
    restored.close().await;
    let _ = std::fs::remove_file(&file);
}

#[tokio::test]
async fn restore_refuses_a_database_that_has_tables_and_changes_nothing() {
    let url = helpers::fresh_db_url().await;
    let pool = sinergi::db::connect(&url, 2).await.expect("db");
    let file = std::env::temp_dir().join(format!("sinergi-refuse-{}.dump", std::process::id()));
    let path = file.to_str().expect("a UTF-8 path");
    assert_ran(&run_on(&url, &["backup", path]));
    let before = fingerprint(&pool).await;

    let refused = run_on(&url, &["restore", path]);
    let missing = run_on(&url, &["restore", "/nonexistent/sinergi.dump"]);

    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not empty") && err.contains("empty database"),
        "{err}"
    );
    assert_eq!(fingerprint(&pool).await, before);
    assert_refused(&missing, "no such file");
    let _ = std::fs::remove_file(&file);
}

#[tokio::test]
async fn with_sinergi_log_format_json_every_log_line_is_a_json_object() {
    let url = helpers::fresh_db_url().await;
    let server = Server::start(
        &url,
        &[
            ("SINERGI_LOG_FORMAT", "json"),
            ("RUST_LOG", "sinergi=info,tower_http=info"),
        ],
    );
    let mut b = server.browser();
    b.get("/direktori").await.assert_status(StatusCode::OK);
    let mut lines = server.startup.clone();
    while let Ok(l) = server.lines.recv_timeout(std::time::Duration::from_secs(2)) {
        lines.push(l);
        if lines
            .iter()
            .any(|l| l.contains("finished processing request"))
        {
            break;
        }
    }

    let logs: Vec<serde_json::Value> = lines
        .iter()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let listening = logs
        .iter()
        .find(|v| v["message"] == "listening")
        .expect("a listening line");
    assert_eq!(listening["level"], "INFO");
    assert!(
        listening["addr"]
            .as_str()
            .is_some_and(|a| a.starts_with("127.0.0.1:"))
    );
    let request = logs
        .iter()
        .find(|v| v["message"] == "finished processing request")
        .unwrap_or_else(|| panic!("a request line in {lines:?}"));
    assert_eq!(request["span"]["path"], "/direktori");
    assert!(
        request["span"]["request_id"]
            .as_str()
            .is_some_and(|id| id.len() >= 32)
    );
    let bad = migrate_with("SINERGI_LOG_FORMAT", "xml");
    assert_refused(&bad, "SINERGI_LOG_FORMAT");
}

fn metrics_request(token: Option<&str>) -> Request<Body> {
    let mut req = Request::get("/metrics");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(Body::empty()).expect("request")
}

#[tokio::test]
async fn metrics_need_the_bearer_token_and_count_requests_per_route_pattern() {
    let pool = helpers::fresh_pool().await;
    let mut config = sinergi::Config::for_tests();
    config.metrics_token = Some("rahasia-metrik".into());
    let mut app = TestApp::with_config(pool, config).await;
    let unit: i64 = app.scalar_i64("select min(id) from police_unit").await;
    let unit_page = format!("/satuan/{unit}");
    for (path, status) in [
        (unit_page.as_str(), StatusCode::OK),
        (unit_page.as_str(), StatusCode::OK),
        ("/tidak-ada", StatusCode::NOT_FOUND),
    ] {
        app.get(path).await.assert_status(status);
    }
    app.login_as("polres.pelalawan").await;
    app.get("/dasbor").await.assert_status(StatusCode::OK);
    app.get("/dasbor").await.assert_status(StatusCode::OK);

    let anonymous = app.request(metrics_request(None)).await;
    let wrong = app.request(metrics_request(Some("tebakan"))).await;
    let page = app.request(metrics_request(Some("rahasia-metrik"))).await;

    anonymous.assert_status(StatusCode::UNAUTHORIZED);
    wrong.assert_status(StatusCode::UNAUTHORIZED);
    page.assert_status(StatusCode::OK);
    let ct = page
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    let text = &page.body;
    let count_line = text
        .lines()
        .find(|l| {
            l.starts_with("sinergi_http_requests_total{") && l.contains("route=\"/satuan/{id}\"")
        })
        .unwrap_or_else(|| panic!("no request count for /satuan/{{id}} in\n{text}"));
    let n: f64 = count_line
        .rsplit(' ')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("value");
    assert!(n >= 2.0, "{count_line}");
    assert!(
        !text.contains(&format!("/satuan/{unit}\"")),
        "raw URLs never become labels"
    );
    assert!(text.contains("route=\"unmatched\""));
    assert!(text.contains("sinergi_http_request_duration_seconds_bucket{route=\"/dasbor\""));
    assert!(text.contains("sinergi_db_pool_connections{pool=\"main\",state=\"idle\"}"));
    assert!(text.contains("sinergi_cache_hits_total{cache=\"dashboards\"}"));
    assert!(text.contains("sinergi_cache_misses_total{cache=\"users\"}"));
}

#[tokio::test]
async fn without_a_metrics_token_there_is_no_metrics_page() {
    let mut app = TestApp::new().await;
    let page = app.request(metrics_request(Some("anything"))).await;
    page.assert_status(StatusCode::NOT_FOUND);
}
