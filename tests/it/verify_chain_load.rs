//! The audit chain under concurrent writers (issue #13): every writing transaction locks the one
//! head row at its audit insert, which is its last statement before commit, so a transaction that
//! holds the head never waits for a row another writer holds — no deadlock, whatever order the
//! writers touch meetings and follow-ups in.

use axum::http::StatusCode;
use sinergi::kit::audit::chain;

use crate::commitments::edit_fields;
use crate::helpers::{TestApp, fresh_db_url};
use crate::meetings::{kuala_kampar_form, post, seed_meeting};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_meetings_follow_up_notes_and_an_edit_in_parallel_all_succeed_and_the_chain_holds() {
    // 16 connections, so that many transactions really are open at once
    let url = fresh_db_url().await;
    let app = TestApp::with_pool(sinergi::db::connect(&url, 16).await.expect("db")).await;
    let demo = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let open: Vec<(i64, i32)> = sqlx::query_as(
        "select c.id, c.version from commitment c join meeting m on m.id = c.meeting_id
         where c.status in ('open', 'in_progress') and m.unit_path @> array[(select id from police_unit where name = 'Polsek Kuala Kampar')]
         order by c.id limit 10",
    )
    .fetch_all(&app.pool)
    .await
    .expect("open follow-ups");
    assert!(!open.is_empty());
    let entries_before = app.scalar_i64("select count(*) from audit_log").await;

    let mut set = tokio::task::JoinSet::new();
    for i in 0..20 {
        let pool = app.pool.clone();
        set.spawn(async move {
            let mut officer = TestApp::with_pool(pool).await;
            officer.login_as("polsek.kualakampar").await;
            let form = officer.get("/pertemuan/baru").await;
            let idem = form.attr("input[name=idem]", "value").expect("idem");
            let mut fields = kuala_kampar_form(&officer, &idem).await;
            for f in fields.iter_mut().filter(|f| f.0 == "title") {
                f.1 = format!("Rapat paralel {i}");
            }
            let page = post(&mut officer, "/pertemuan/baru", &fields).await;
            (format!("meeting {i}"), page.status)
        });
    }
    for (cid, version) in open.clone() {
        let pool = app.pool.clone();
        set.spawn(async move {
            let mut officer = TestApp::with_pool(pool).await;
            officer.login_as("polsek.kualakampar").await;
            let version = version.to_string();
            let page = officer
                .post_form(
                    &format!("/tindak-lanjut/{cid}"),
                    &[
                        ("action", "note"),
                        ("body", "Dicek bersamaan"),
                        ("version", &version),
                    ],
                )
                .await;
            (format!("follow-up {cid}"), page.status)
        });
    }
    // The demo meeting is edited meanwhile: that write locks the meeting and its follow-ups.
    let pool = app.pool.clone();
    set.spawn(async move {
        let mut officer = TestApp::with_pool(pool).await;
        officer.login_as("polsek.kualakampar").await;
        let mut fields = edit_fields(&mut officer, demo).await;
        for f in fields.iter_mut().filter(|f| f.0 == "outcome") {
            f.1 = "Diubah bersamaan.".into();
        }
        let page = post(&mut officer, &format!("/pertemuan/{demo}/ubah"), &fields).await;
        ("edit".to_string(), page.status)
    });

    let mut failures = Vec::new();
    let mut done = 0;
    while let Some(r) = set.join_next().await {
        let (what, status) = r.expect("task");
        if status == StatusCode::SEE_OTHER {
            done += 1;
        } else {
            failures.push(format!("{what}: {status}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(done, 20 + open.len() + 1);
    assert_eq!(
        app.scalar_i64("select count(*) from meeting where title like 'Rapat paralel %'")
            .await,
        20
    );
    let entries_after = app.scalar_i64("select count(*) from audit_log").await;
    assert_eq!(entries_after - entries_before, done as i64);

    let report = chain::verify(&app.pool).await.expect("verify");
    assert_eq!(report.broken, None);
    assert_eq!(report.entries, entries_after);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sinergi"))
        .args(["audit", "verify"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("sinergi audit verify");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
