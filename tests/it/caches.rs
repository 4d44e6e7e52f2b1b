//! Read caches (`sinergi::cache`): pages read from memory must still show every change at the
//! next request — made in this server, in another one, or in psql — and never another scope's data.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;
use crate::meetings::new_kuala_kampar_form;

async fn data_version(app: &TestApp) -> i64 {
    app.scalar_i64("select last_value from data_version").await
}

#[tokio::test]
async fn a_cached_meeting_page_shows_a_change_made_outside_the_server_at_the_next_request() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    let path = format!("/pertemuan/{kuala}");
    let first = app.get(&path).await;
    assert_eq!(
        first.text("h1"),
        "Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar"
    );
    assert_eq!(app.get(&path).await.text("h1"), first.text("h1"));

    // As another server instance or psql would: straight into the database.
    app.exec_with(
        "update meeting set title = 'Ngopi bareng, judul diperbaiki' where id = $1",
        kuala,
    )
    .await;
    assert_eq!(
        app.get(&path).await.text("h1"),
        "Ngopi bareng, judul diperbaiki"
    );

    app.exec_with("update attendee set person_name = 'Hendri P.' where meeting_id = $1 and person_name like 'Hendri%'", kuala).await;
    let page = app.get(&path).await;
    page.assert_some_text("tr.attendee td.who", |w| w.starts_with("Hendri P. "));
}

#[tokio::test]
async fn the_data_version_moves_once_per_transaction_and_only_when_it_commits() {
    let app = TestApp::new().await;
    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    let before = data_version(&app).await;

    let mut tx = app.pool.begin().await.expect("begin");
    let rows = sqlx::query("update attendee set members = members where meeting_id = $1")
        .bind(kuala)
        .execute(&mut *tx)
        .await
        .expect("update")
        .rows_affected();
    assert!(rows > 1, "several rows written");
    sqlx::query("update meeting set outcome = outcome where id = $1")
        .bind(kuala)
        .execute(&mut *tx)
        .await
        .expect("update");
    assert_eq!(data_version(&app).await, before, "not before the commit");
    tx.commit().await.expect("commit");
    assert_eq!(data_version(&app).await, before + 1, "once, at the commit");

    let mut tx = app.pool.begin().await.expect("begin");
    sqlx::query("update meeting set outcome = outcome where id = $1")
        .bind(kuala)
        .execute(&mut *tx)
        .await
        .expect("update");
    tx.rollback().await.expect("rollback");
    assert_eq!(
        data_version(&app).await,
        before + 1,
        "a rollback moves nothing"
    );
}

#[tokio::test]
async fn one_scopes_cached_page_is_never_served_to_another() {
    let mut police = TestApp::new().await;
    let kuala = police
        .meeting()
        .attendee("ppk", "Hendri Pandita")
        .attendee("panwascam", "Ahmadi")
        .commitment("ppk", "Menjaga gudang logistik", "H-7", "open")
        .commitment("ppk", "Menyiapkan TPS", "H-3", "open")
        .commitment("panwascam", "Mengawasi kampanye", "H-3", "open")
        .create()
        .await;
    let path = format!("/pertemuan/{kuala}");
    police.login_as("polres.pelalawan").await;
    let full = police.get(&path).await;
    assert_eq!(full.count("li.commitment"), 3);

    // Same server, same caches: the PPK sees its own and what was promised to it…
    let mut ppk = police.another_browser();
    ppk.login_as("ppk.kualakampar").await;
    let own = ppk.get(&path).await;
    own.assert_status(StatusCode::OK);
    assert_eq!(own.count("li.commitment"), 2);

    // …a neighbouring Polres sees nothing, though the page is in memory.
    let mut neighbour = police.another_browser();
    neighbour.login_as("polres.ketapang").await;
    neighbour
        .get(&path)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let list = neighbour.get("/pertemuan").await;
    assert!(
        !list.body.contains(&format!("/pertemuan/{kuala}\"")),
        "the neighbour's list does not link the meeting"
    );
}

#[tokio::test]
async fn a_meeting_logged_in_one_browser_is_in_the_other_browsers_list_at_once() {
    let mut commander = TestApp::new().await;
    commander.login_as("polres.pelalawan").await;
    let list = "/pertemuan?kec=14.05.10";
    let before = commander.get(list).await.count("li.meeting");

    log_meeting_in_kuala_kampar(&commander).await;

    let after = commander.get(list).await;
    assert_eq!(after.count("li.meeting"), before + 1);
    after.assert_some_text("li.meeting", |t| {
        t.contains("Ngopi bareng PPK dan Panwascam")
    });
}

#[tokio::test]
async fn an_account_deactivated_in_the_database_is_signed_out_at_its_next_request() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    app.get("/pertemuan").await.assert_status(StatusCode::OK);
    app.exec("update app_user set active = false where username = 'polsek.kualakampar'")
        .await;
    app.get("/pertemuan").await.assert_redirect_to("/login");
}

#[tokio::test]
async fn the_session_row_never_keeps_the_data_version() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    for _ in 0..3 {
        app.get("/pertemuan").await.assert_status(StatusCode::OK);
    }
    let sessions = app.scalar_i64("select count(*) from session").await;
    assert!(sessions >= 1);
    let with_version = app
        .scalar_i64("select count(*) from session where data ? '_dv'")
        .await;
    assert_eq!(with_version, 0);
}

/// The period every dashboard below is read for (Pilkada 2024's last month).
const DASHBOARD: &str = "/dasbor?election=pilkada-2024&from=2024-11-01&to=2024-11-30";

async fn dash_version(app: &TestApp, unit: i64) -> i64 {
    app.one(
        "select coalesce((select v from dash_unit_version where unit_id = $1), 0)",
        unit,
    )
    .await
}

/// The officer of Polsek Kuala Kampar (Polres Pelalawan, Polda Riau) logs a meeting.
async fn log_meeting_in_kuala_kampar(app: &TestApp) {
    let mut officer = app.another_browser();
    officer.login_as("polsek.kualakampar").await;
    let fields = new_kuala_kampar_form(&mut officer).await;
    officer
        .post_fields("/pertemuan/baru", &fields)
        .await
        .assert_redirect_to("/pertemuan/");
}

fn period_count(page: &crate::helpers::Page) -> i64 {
    page.text("#n-period")
        .parse()
        .expect("#n-period is a number")
}

#[tokio::test]
async fn a_write_in_one_polda_leaves_another_poldas_cached_dashboard_and_changes_its_own() {
    let app = TestApp::new().await;
    let (riau, ketapang) = (
        app.unit_id("Polda Riau").await,
        app.unit_id("Polres Ketapang").await,
    );
    let mut riau_reader = app.another_browser();
    riau_reader.login_as("polda.riau").await;
    let mut ketapang_reader = app.another_browser();
    ketapang_reader.login_as("polres.ketapang").await;
    let riau_before = period_count(&riau_reader.get(DASHBOARD).await);
    let ketapang_page = ketapang_reader.get(DASHBOARD).await;
    let (riau_v, ketapang_v) = (
        dash_version(&app, riau).await,
        dash_version(&app, ketapang).await,
    );

    log_meeting_in_kuala_kampar(&app).await;

    assert!(
        dash_version(&app, riau).await > riau_v,
        "Riau's version moved"
    );
    assert_eq!(
        dash_version(&app, ketapang).await,
        ketapang_v,
        "Ketapang's did not"
    );
    let loads = app.state.dashboards.loads();
    let again = ketapang_reader.get(DASHBOARD).await;
    assert_eq!(
        app.state.dashboards.loads(),
        loads,
        "Ketapang's dashboard came from the cache"
    );
    assert_eq!(period_count(&again), period_count(&ketapang_page));
    assert_eq!(
        period_count(&riau_reader.get(DASHBOARD).await),
        riau_before + 1,
        "Riau's dashboard shows the new meeting"
    );
    assert_eq!(app.state.dashboards.loads(), loads + 1);
}

#[tokio::test]
async fn a_refused_form_post_moves_no_version() {
    let app = TestApp::new().await;
    let riau = app.unit_id("Polda Riau").await;
    let mut reader = app.another_browser();
    reader.login_as("polda.riau").await;
    reader.get(DASHBOARD).await.assert_status(StatusCode::OK);
    let mut officer = app.another_browser();
    officer.login_as("polsek.kualakampar").await;
    let mut fields = new_kuala_kampar_form(&mut officer).await;
    for f in fields.iter_mut().filter(|f| f.0 == "title") {
        f.1 = String::new();
    }
    let (data, dash, local, loads) = (
        data_version(&app).await,
        dash_version(&app, riau).await,
        app.state.writes.count(),
        app.state.dashboards.loads(),
    );

    officer
        .post_fields("/pertemuan/baru", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(data_version(&app).await, data, "the data version stayed");
    assert_eq!(
        dash_version(&app, riau).await,
        dash,
        "the unit's version stayed"
    );
    assert_eq!(
        app.state.writes.count(),
        local,
        "no finished write was counted"
    );
    reader.get(DASHBOARD).await.assert_status(StatusCode::OK);
    assert_eq!(
        app.state.dashboards.loads(),
        loads,
        "the dashboard came from the cache"
    );
}

#[tokio::test]
async fn readers_of_an_invalidated_dashboard_wait_for_one_computation() {
    let app = TestApp::new().await;
    let mut readers = Vec::new();
    for _ in 0..6 {
        let mut r = app.another_browser();
        r.login_as("polda.riau").await;
        readers.push(r);
    }
    readers[0]
        .get(DASHBOARD)
        .await
        .assert_status(StatusCode::OK);
    log_meeting_in_kuala_kampar(&app).await;

    let loads = app.state.dashboards.loads();
    let mut all = tokio::task::JoinSet::new();
    for mut r in readers {
        all.spawn(async move { period_count(&r.get(DASHBOARD).await) });
    }
    let counts = all.join_all().await;
    assert!(counts.iter().all(|n| *n == counts[0]), "{counts:?}");
    assert_eq!(
        app.state.dashboards.loads(),
        loads + 1,
        "one computation for six readers"
    );
}
