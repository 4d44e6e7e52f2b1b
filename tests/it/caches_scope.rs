//! Meeting pages and lists cached by scope (migration 20261130000600): a write in one Polda leaves
//! another Polda's cached meeting pages and lists in place and changes its own at the next
//! request; a refused post moves no version.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;
use crate::meetings::{new_kuala_kampar_form, post, seed_meeting};

const KUALA_LIST: &str = "/pertemuan?kec=14.05.10";

/// Changes a row behind the app's back without moving any version (triggers off), so a page
/// still showing the old value came from the cache.
async fn change_unseen(app: &TestApp, sql: &'static str, id: i64) {
    let mut tx = app.pool.begin().await.expect("begin");
    sqlx::query("set local session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .expect("replica");
    sqlx::query(sql)
        .bind(id)
        .execute(&mut *tx)
        .await
        .expect("unseen change");
    tx.commit().await.expect("commit");
}

/// A committed write in Polres Ketapang (Polda Kalimantan Barat), as psql or another server would.
async fn write_in_ketapang(app: &TestApp, ketapang: i64) {
    app.exec_with(
        "update meeting set title = title || ' (diperbaiki)' where id = $1",
        ketapang,
    )
    .await;
}

async fn meeting_version(app: &TestApp, meeting: i64) -> i64 {
    app.one(
        "select coalesce((select v from meeting_version where meeting_id = $1), 0)",
        meeting,
    )
    .await
}

async fn unit_versions(app: &TestApp) -> Vec<(i64, i64)> {
    sqlx::query_as("select unit_id, v from dash_unit_version order by unit_id")
        .fetch_all(&app.pool)
        .await
        .expect("unit versions")
}

/// The officer of Polsek Kuala Kampar logs a meeting (Polres Pelalawan, Polda Riau).
async fn log_meeting_in_kuala_kampar(app: &TestApp) {
    let mut officer = app.another_browser();
    officer.login_as("polsek.kualakampar").await;
    let fields = new_kuala_kampar_form(&mut officer).await;
    post(&mut officer, "/pertemuan/baru", &fields)
        .await
        .assert_redirect_to("/pertemuan/");
}

fn titles(page: &crate::helpers::Page) -> Vec<String> {
    page.texts("li.meeting")
}

#[tokio::test]
async fn a_write_in_another_polda_leaves_riaus_cached_meeting_page_and_list_in_place() {
    let app = TestApp::new().await;
    let kuala = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let ketapang = seed_meeting(&app, "demo-ketapang-2024").await;
    let mut riau = app.another_browser();
    riau.login_as("polres.pelalawan").await;
    let mut kalbar = app.another_browser();
    kalbar.login_as("polres.ketapang").await;
    let page = format!("/pertemuan/{kuala}");
    let title = riau.get(&page).await.text("h1");
    let list = titles(&riau.get(KUALA_LIST).await);
    assert!(list.iter().any(|t| t.contains(&title)), "{list:?}");
    let ketapang_page = format!("/pertemuan/{ketapang}");
    let ketapang_title = kalbar.get(&ketapang_page).await.text("h1");

    change_unseen(
        &app,
        "update meeting set title = 'Judul yang belum terlihat' where id = $1",
        kuala,
    )
    .await;
    write_in_ketapang(&app, ketapang).await;
    let (pages, lists) = (
        app.state.meeting_pages.loads(),
        app.state.meeting_lists.loads(),
    );

    assert_eq!(
        riau.get(&page).await.text("h1"),
        title,
        "Riau's page was kept"
    );
    assert_eq!(
        titles(&riau.get(KUALA_LIST).await),
        list,
        "Riau's list was kept"
    );
    assert_eq!(app.state.meeting_pages.loads(), pages);
    assert_eq!(app.state.meeting_lists.loads(), lists);
    assert_eq!(
        kalbar.get(&ketapang_page).await.text("h1"),
        format!("{ketapang_title} (diperbaiki)"),
        "Ketapang's own page shows its write"
    );

    log_meeting_in_kuala_kampar(&app).await;
    assert_eq!(
        riau.get(&page).await.text("h1"),
        "Judul yang belum terlihat",
        "a write in its own subtree: read again"
    );
    let after = titles(&riau.get(KUALA_LIST).await);
    assert_eq!(after.len(), list.len() + 1, "{after:?}");
    assert!(
        after
            .iter()
            .any(|t| t.contains("Ngopi bareng PPK dan Panwascam"))
    );
    assert!(
        after
            .iter()
            .any(|t| t.contains("Judul yang belum terlihat"))
    );
}

#[tokio::test]
async fn a_change_to_the_meeting_itself_shows_at_the_next_request_to_every_scope() {
    let mut app = TestApp::new().await;
    let kuala = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let page = format!("/pertemuan/{kuala}");
    let mut national = app.another_browser();
    national.login_as("admin").await;
    let before = national.get(&page).await.count("li.commitment");
    let ppk: i64 = app
        .single("select id from institution where kind = 'ppk' and region_code = '14.05.10'")
        .await;
    let version = meeting_version(&app, kuala).await;

    app.login_as("polsek.kualakampar").await;
    app.post_form(
        &format!("/pertemuan/{kuala}/tindak-lanjut"),
        &[
            ("what", "Patroli gudang logistik"),
            ("owner", &ppk.to_string()),
            ("due", "H-3"),
            ("done", "tidak"),
        ],
    )
    .await
    .assert_redirect_to("/pertemuan/");

    assert!(meeting_version(&app, kuala).await > version);
    assert_eq!(national.get(&page).await.count("li.commitment"), before + 1);
}

#[tokio::test]
async fn a_refused_post_on_a_meeting_page_moves_no_version_and_keeps_the_cached_page() {
    let mut app = TestApp::new().await;
    let kuala = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let page = format!("/pertemuan/{kuala}");
    let mut reader = app.another_browser();
    reader.login_as("polres.pelalawan").await;
    reader.get(&page).await.assert_status(StatusCode::OK);
    reader.get(KUALA_LIST).await.assert_status(StatusCode::OK);
    let (version, units) = (
        meeting_version(&app, kuala).await,
        unit_versions(&app).await,
    );
    let (pages, lists) = (
        app.state.meeting_pages.loads(),
        app.state.meeting_lists.loads(),
    );

    app.login_as("polsek.kualakampar").await;
    let refused = app
        .post_form(
            &format!("/pertemuan/{kuala}/tindak-lanjut"),
            &[("what", ""), ("owner", ""), ("due", "31/02")],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(
        meeting_version(&app, kuala).await,
        version,
        "the meeting's version stayed"
    );
    assert_eq!(unit_versions(&app).await, units, "no unit's version moved");
    reader.get(&page).await.assert_status(StatusCode::OK);
    reader.get(KUALA_LIST).await.assert_status(StatusCode::OK);
    assert_eq!(
        app.state.meeting_pages.loads(),
        pages,
        "the page came from the cache"
    );
    assert_eq!(
        app.state.meeting_lists.loads(),
        lists,
        "the list came from the cache"
    );
}

#[tokio::test]
async fn readers_of_an_invalidated_meeting_page_wait_for_one_computation() {
    let app = TestApp::new().await;
    let kuala = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let page = format!("/pertemuan/{kuala}");
    let mut readers = Vec::new();
    for _ in 0..5 {
        let mut r = app.another_browser();
        r.login_as("polres.pelalawan").await;
        readers.push(r);
    }
    readers[0].get(&page).await.assert_status(StatusCode::OK);
    app.exec_with(
        "update meeting set title = 'Judul baru' where id = $1",
        kuala,
    )
    .await;

    let loads = app.state.meeting_pages.loads();
    let mut all = tokio::task::JoinSet::new();
    for mut r in readers {
        let page = page.clone();
        all.spawn(async move { r.get(&page).await.text("h1") });
    }
    let seen = all.join_all().await;
    assert!(seen.iter().all(|t| t == "Judul baru"), "{seen:?}");
    assert_eq!(
        app.state.meeting_pages.loads(),
        loads + 1,
        "one computation for five readers"
    );
}
