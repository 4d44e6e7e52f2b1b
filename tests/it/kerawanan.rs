//! Kerawanan: the CSV import (good file, bad line, unknown code, re-import), the coverage page
//! weighted by risk (tiers from kecamatan or regency data, riskiest gaps first, no-data
//! fallback, the sample labelled) and the admin's row form.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

const HEADER: &str = "region_code,election,source,as_of,score,tier,tps_total,tps_rawan\n";

async fn import(app: &TestApp, body: &str) -> anyhow::Result<sinergi::kerawanan::Summary> {
    let mut tx = app.pool.begin().await?;
    let s = sinergi::kerawanan::import_text(&mut tx, &format!("{HEADER}{body}")).await?;
    tx.commit().await?;
    Ok(s)
}

async fn rows_of(app: &TestApp, source: &str) -> i64 {
    app.one("select count(*) from kerawanan where source = $1", source)
        .await
}

/// Imports `body` (lines of the source "Uji"), which must be refused: the message, once it is
/// checked that nothing of the file was written.
async fn refused(app: &TestApp, body: &str) -> String {
    let err = import(app, body).await.expect_err("refused");
    assert_eq!(rows_of(app, "Uji").await, 0, "nothing written: {err}");
    err.to_string()
}

#[tokio::test]
async fn a_good_file_is_imported_and_a_reimport_of_its_source_replaces_it() {
    let app = TestApp::new().await;
    let dir = crate::helpers::Scratch::new("kerawanan");
    let file = dir.join("ikp.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}14.05,pemilu-2024,IKP Pemilu 2024,2023-12-16,35.10,,,\n\
             14.04,pemilu-2024,IKP Pemilu 2024,2023-12-16,52.40,,,\n\
             14,pemilu-2024,IKP Pemilu 2024,2023-12-16,,sedang,,\n"
        ),
    )
    .expect("write");
    let s = sinergi::kerawanan::import_file(&app.pool, &file)
        .await
        .expect("import");
    assert_eq!((s.rows, s.replaced), (3, 0));
    let tier: String = app
        .single(
            "select tier from kerawanan where source = 'IKP Pemilu 2024' and region_code = '14.04'",
        )
        .await;
    assert_eq!(tier, "tinggi", "52.40 is above the 49.33 threshold");

    let s = import(&app, "14.05,pemilu-2024,IKP Pemilu 2024,2024-01-10,10,,,\n")
        .await
        .expect("re-import");
    assert_eq!((s.rows, s.replaced), (1, 3));
    assert_eq!(rows_of(&app, "IKP Pemilu 2024").await, 1);
    assert!(
        rows_of(&app, "CONTOH DEMO (bukan data Bawaslu)").await > 0,
        "other sources stay"
    );
}

#[tokio::test]
async fn a_bad_line_is_named_and_nothing_is_written() {
    let app = TestApp::new().await;
    let err = refused(
        &app,
        "14.05,pemilu-2024,Uji,2024-01-01,30,,,\n14.05.10,pemilu-2024,Uji,2024-01-01,,parah,10,2\n",
    )
    .await;
    assert!(err.starts_with("baris 3: tier:"), "{err}");
}

#[tokio::test]
async fn an_unknown_region_code_or_election_is_refused_with_its_line() {
    let app = TestApp::new().await;
    let text = refused(
        &app,
        "14.05,pemilu-2024,Uji,2024-01-01,30,,,\n14.99,pemilu-2024,Uji,2024-01-01,30,,,\n14.05.10,pemilu-2099,Uji,2024-01-01,30,,,\n",
    )
    .await;
    assert!(
        text.contains("baris 3: kode wilayah 14.99 tidak dikenal"),
        "{text}"
    );
    assert!(
        text.contains("baris 4: pemilihan \"pemilu-2099\" tidak dikenal"),
        "{text}"
    );
}

async fn polres_pelalawan_day(app: &TestApp) -> String {
    // the day of the demo's Kuala Kampar meeting (PPK present), in WIB
    app.single(
        "select ((starts_at at time zone 'Asia/Jakarta')::date)::text from meeting
         where idempotency_key = 'demo-kuala-kampar-2024'",
    )
    .await
}

#[tokio::test]
async fn a_kapolres_sees_his_high_risk_unmet_kecamatan_first_with_regency_data_as_fallback() {
    let mut app = TestApp::new().await;
    app.exec("delete from kerawanan").await;
    import(
        &app,
        "14.05,pilkada-2024,Uji,2024-10-01,5,,,\n\
         14.05.03,pilkada-2024,Uji,2024-10-01,,tinggi,80,12\n\
         14.05.10,pilkada-2024,Uji,2024-10-01,,tinggi,120,18\n\
         14.05.01,pilkada-2024,Uji,2024-10-01,,sedang,,\n",
    )
    .await
    .expect("import");
    let day = polres_pelalawan_day(&app).await;
    app.login_as("polres.pelalawan").await;
    let page = app
        .get(&format!(
            "/dasbor/kerawanan?pemilu=pilkada-2024&sampai={day}"
        ))
        .await;
    page.assert_status(StatusCode::OK);
    let tiers: Vec<String> = page
        .doc()
        .select(&scraper::Selector::parse("tr.gap").expect("css"))
        .map(|e| e.value().attr("data-tier").unwrap_or("").to_string())
        .collect();
    let codes: Vec<String> = page
        .doc()
        .select(&scraper::Selector::parse("tr.gap").expect("css"))
        .map(|e| e.value().attr("data-code").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        codes.first().map(String::as_str),
        Some("14.05.03"),
        "{codes:?}"
    );
    assert_eq!(tiers[0], "tinggi");
    assert_eq!(
        codes.get(1).map(String::as_str),
        Some("14.05.01"),
        "{codes:?}"
    );
    assert!(tiers[2..].iter().all(|t| t == "rendah"), "{tiers:?}");
    assert!(
        !codes.contains(&"14.05.10".to_string()),
        "Kuala Kampar met its PPK that day"
    );
    let fallback = page.text("tr.gap[data-code='14.05.05'] td.tier");
    assert!(
        fallback.contains("Rawan rendah") && fallback.contains("data kab./kota"),
        "{fallback}"
    );
    assert_eq!(
        page.text("tr.gap[data-code='14.05.03'] td.tier"),
        "Rawan tinggi"
    );
    // Polsek Kuala Kampar: its one kecamatan is tinggi and met
    let kk = page.texts("tr.child");
    assert!(
        kk.iter()
            .any(|r| r.starts_with("Polsek Kuala Kampar 1/1 (100%)")),
        "{kk:?}"
    );
    assert!(page.text("#sources").contains("Uji"));
    assert_eq!(page.count(".sample"), 0, "no sample figures here");
    assert!(page.text("#weights").contains("tinggi dihitung 3"));
}

#[tokio::test]
async fn with_no_data_the_page_shows_plain_coverage() {
    let mut app = TestApp::new().await;
    app.exec("delete from kerawanan").await;
    app.login_as("polres.pelalawan").await;
    let page = app
        .get("/dasbor/kerawanan?pemilu=pilkada-2024&sampai=2024-11-27")
        .await;
    page.assert_status(StatusCode::OK);
    assert!(page.text("#no-data").contains("tanpa bobot"));
    let plain = page.text("tr.total td.plain");
    let (met, total) = plain
        .split_once(' ')
        .and_then(|(r, _)| r.split_once('/'))
        .map(|(m, t)| {
            (
                m.parse::<i64>().unwrap_or(-1),
                t.parse::<i64>().unwrap_or(-1),
            )
        })
        .expect("ratio");
    assert_eq!(total, 12, "Pelalawan has 12 kecamatan");
    assert_eq!(
        page.text("tr.total td.weighted"),
        format!("{}%", (met * 100 + total / 2) / total)
    );
    assert!(
        page.texts("tr.gap td.tier")
            .iter()
            .all(|t| t == "Tanpa data")
    );
}

#[tokio::test]
async fn the_demo_sample_is_labelled_as_a_sample_wherever_it_is_shown() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let page = app
        .get("/dasbor/kerawanan?pemilu=pilkada-2024&sampai=2024-11-27")
        .await;
    assert!(page.count("#sources .sample") >= 1);
    assert!(
        page.text(".sample-note")
            .contains("bukan Indeks Kerawanan Pemilu")
    );
    let mut admin = TestApp::with_pool(app.pool.clone()).await;
    admin.login_as("admin").await;
    let list = admin.get("/admin/kerawanan").await;
    assert_eq!(list.count("tr.risk-row"), list.count("tr.risk-row .sample"));
    assert!(list.count("tr.risk-row") >= 9);
}

#[tokio::test]
async fn a_commander_cannot_open_the_risk_page_of_a_unit_outside_his_scope() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let riau = app.unit_id("Polda Riau").await;
    let page = app.get(&format!("/dasbor/kerawanan?unit={riau}")).await;
    page.assert_status(StatusCode::BAD_REQUEST);
    let page = app.get("/dasbor/kerawanan?unit=abc").await;
    page.assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_admin_adds_and_corrects_a_row_and_bad_input_comes_back_with_messages() {
    let mut app = TestApp::signed_in("admin").await;
    let form = |region: &'static str, score: &'static str, tier: &'static str| {
        vec![
            ("region", region),
            ("election", "pilkada-2024"),
            ("source", "Asesmen Polres"),
            ("as_of", "2024-11-01"),
            ("score", score),
            ("tier", tier),
            ("tps_total", "40"),
            ("tps_rawan", "7"),
        ]
    };
    for (region, score, tier, field) in [
        ("99.99", "", "tinggi", "#region-error"),
        ("14.5", "", "tinggi", "#region-error"),
        ("14.05.03", "abc", "", "#score-error"),
        ("14.05.03", "", "", "#tier-error"),
    ] {
        let page = app
            .post_form("/admin/kerawanan", &form(region, score, tier))
            .await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.count(field), 1, "{region} {score} {tier}");
        assert_eq!(page.attr("#region", "value").as_deref(), Some(region));
    }
    let page = app
        .post_form("/admin/kerawanan", &form("14.05.03", "", "tinggi"))
        .await;
    page.assert_redirect_to("/admin/kerawanan?ok=disimpan");
    let id = app
        .scalar_i64("select id from kerawanan where source = 'Asesmen Polres'")
        .await;
    let page = app
        .post_form(
            &format!("/admin/kerawanan/{id}"),
            &form("14.05.03", "", "sedang"),
        )
        .await;
    page.assert_redirect_to("/admin/kerawanan");
    let tier: String = app
        .one("select tier from kerawanan where id = $1", id)
        .await;
    assert_eq!(tier, "sedang");
    let audits = app
        .scalar_i64(
            "select count(*) from audit_log where record_type = 'kerawanan' and actor = 'admin'",
        )
        .await;
    assert_eq!(audits, 2);
    let page = app.get(&format!("/admin/kerawanan/{id}")).await;
    assert_eq!(page.attr("#region", "value").as_deref(), Some("14.05.03"));
}
