//! The directory: province → regency → district, with units and institutions.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_directory_lists_all_38_provinces_to_anyone() {
    let mut app = TestApp::new().await;
    let page = app.get("/direktori").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count("ul.provinces li"), 38);
    page.assert_some_text("ul.provinces a", |t| t.contains("Riau"));
}

#[tokio::test]
async fn a_district_page_shows_its_ppk_panwascam_polsek_and_villages() {
    let mut app = TestApp::new().await;
    let page = app.get("/direktori/14.05.10").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.text("h1"), "Kecamatan Kuala Kampar");
    assert_eq!(
        page.text(".institutions li.inst-ppk a"),
        "PPK Kecamatan Kuala Kampar"
    );
    assert_eq!(
        page.text(".institutions li.inst-panwascam a"),
        "Panwaslu Kecamatan Kuala Kampar"
    );
    page.assert_some_text(".units li a", |u| u == "Polsek Kuala Kampar");
    // the Polres covering the regency is listed too
    page.assert_some_text(".units li a", |u| u == "Polres Pelalawan");
    assert!(
        page.count(".children li") > 3,
        "the villages of the district are listed"
    );
    assert_eq!(
        page.texts("nav.crumbs a"),
        vec!["Direktori", "Riau", "Kabupaten Pelalawan"]
    );
}

#[tokio::test]
async fn every_kecamatan_has_exactly_one_ppk_and_one_panwascam() {
    let app = TestApp::new().await;
    let districts = app
        .scalar_i64("select count(*) from region where level = 'district'")
        .await;
    assert_eq!(districts, 7285);
    let orphaned = app
        .scalar_i64(
            "select count(*) from region r where r.level = 'district' and
               (select count(*) from institution i where i.region_code = r.code and i.kind = 'ppk') <> 1
               or (r.level = 'district' and (select count(*) from institution i where i.region_code = r.code and i.kind = 'panwascam') <> 1)",
        )
        .await;
    assert_eq!(orphaned, 0);
}

#[tokio::test]
async fn unknown_or_malformed_region_codes_get_the_404_page() {
    let mut app = TestApp::new().await;
    for path in [
        "/direktori/99.99",
        "/direktori/abc",
        "/direktori/14.05.10.2001.1",
        "/satuan/999999",
        "/satuan/x",
        "/lembaga/-1",
    ] {
        let page = app.get(path).await;
        page.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(page.text("h1"), "Halaman tidak ditemukan", "{path}");
    }
}

#[tokio::test]
async fn search_finds_regions_units_and_institutions_by_name() {
    let mut app = TestApp::new().await;
    let page = app.get("/direktori/cari?q=kuala%20kampar").await;
    for expected in [
        "Kuala Kampar",
        "Polsek Kuala Kampar",
        "PPK Kecamatan Kuala Kampar",
        "Panwaslu Kecamatan Kuala Kampar",
    ] {
        page.assert_some_text("ul.hits li a", |h| h == expected);
    }
    let short = app.get("/direktori/cari?q=k").await;
    short.assert_status(StatusCode::OK);
    assert_eq!(short.text("p.notice"), "Ketik sedikitnya 2 huruf.");
    let nothing = app.get("/direktori/cari?q=%3Cscript%3Ezzz").await;
    assert_eq!(nothing.text("p.notice"), "Tidak ada yang cocok.");
    assert!(
        nothing.body.contains("&#60;script&#62;zzz") && !nothing.body.contains("<script>zzz"),
        "the query is shown escaped"
    );
}

#[tokio::test]
async fn a_unit_page_shows_its_area_and_its_polsek() {
    let mut app = TestApp::new().await;
    let id = app.unit_id("Polres Pelalawan").await;
    let page = app.get(&format!("/satuan/{id}")).await;
    assert_eq!(page.text("h1"), "Polres Pelalawan");
    assert!(
        page.texts("ul li a")
            .contains(&"Polsek Kuala Kampar".to_string())
    );
    assert!(
        page.texts("ul li a")
            .contains(&"Kabupaten Pelalawan".to_string())
    );
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let mut app = TestApp::new().await;
    let h = app.get("/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
    let r = app.get("/readyz").await;
    assert_eq!(r.status, StatusCode::OK);
    app.pool.close().await;
    let r = app.get("/readyz").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_request_id() {
    let mut app = TestApp::new().await;
    let page = app.get("/direktori").await;
    let csp = page
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(
        page.headers
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert_eq!(
        page.headers.get("x-frame-options").map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
    assert!(page.headers.get("referrer-policy").is_some());
    assert!(page.headers.get("x-request-id").is_some());
}

#[tokio::test]
async fn static_assets_are_served_with_long_cache_headers() {
    let mut app = TestApp::new().await;
    let css = app.get("/static/app.css").await;
    css.assert_status(StatusCode::OK);
    assert!(
        css.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .contains("immutable")
    );
    app.get("/static/nope.css")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// An ormas of Kuala Kampar as an officer types it into a meeting form; its id.
async fn officer_typed_ormas(app: &TestApp) -> i64 {
    app.single(
        "insert into institution (kind, name, region_code)
         values ('ormas', 'Laskar Pesisir Kuala Kampar', '14.05.10') returning id",
    )
    .await
}

#[tokio::test]
async fn a_visitor_sees_no_officer_typed_ormas_in_the_list_the_search_or_its_page() {
    let mut app = TestApp::new().await;
    let id = officer_typed_ormas(&app).await;

    let region = app.get("/direktori/14.05.10").await;
    let search = app.get("/direktori/cari?q=laskar%20pesisir").await;
    let own = app.get(&format!("/lembaga/{id}")).await;

    let listed = region.texts(".institutions li a");
    assert!(
        listed.contains(&"PPK Kecamatan Kuala Kampar".to_string()),
        "official bodies stay public: {listed:?}"
    );
    assert!(!listed.iter().any(|n| n.contains("Laskar")), "{listed:?}");
    assert!(search.texts("ul.hits li a").is_empty());
    assert_eq!(search.text("p.notice"), "Tidak ada yang cocok.");
    own.assert_status(StatusCode::NOT_FOUND);
    assert!(!own.body.contains("Laskar"));
}

#[tokio::test]
async fn a_signed_in_officer_in_scope_sees_the_officer_typed_ormas() {
    let mut app = TestApp::new().await;
    let id = officer_typed_ormas(&app).await;
    app.login_as("polsek.kualakampar").await;

    let region = app.get("/direktori/14.05.10").await;
    let search = app.get("/direktori/cari?q=laskar%20pesisir").await;
    let own = app.get(&format!("/lembaga/{id}")).await;

    assert!(
        region
            .texts(".institutions li a")
            .contains(&"Laskar Pesisir Kuala Kampar".to_string())
    );
    assert_eq!(
        search.texts("ul.hits li a"),
        vec!["Laskar Pesisir Kuala Kampar"]
    );
    own.assert_status(StatusCode::OK);
    assert_eq!(own.text("h1"), "Laskar Pesisir Kuala Kampar");
}

#[tokio::test]
async fn an_officer_of_another_province_or_another_institutions_official_does_not_see_it() {
    let mut app = TestApp::new().await;
    let id = officer_typed_ormas(&app).await;
    let path = format!("/lembaga/{id}");

    app.login_as("polres.ketapang").await;
    let ketapang = app.get(&path).await;
    app.logout().await;
    app.login_as("ppk.kualakampar").await;
    let ppk = app.get(&path).await;
    let search = app.get("/direktori/cari?q=laskar%20pesisir").await;

    ketapang.assert_status(StatusCode::NOT_FOUND);
    ppk.assert_status(StatusCode::NOT_FOUND);
    assert!(search.texts("ul.hits li a").is_empty());
}
