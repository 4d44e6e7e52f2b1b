//! The account's profile (issue #18 point 12's signature block): name, position, rank and NRP,
//! edited by the user at /akun/profil and by an admin on the account's page; the NRP is a Polri
//! NRP (8 digits) or a NIP (18), each bad field gets its message, every change is audited.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

fn profile<'a>(name: &'a str, rank: &'a str, nrp: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("display_name", name),
        ("position", "Kapolsek Kuala Kampar"),
        ("rank", rank),
        ("nrp", nrp),
    ]
}

async fn nrp_of(app: &TestApp, username: &str) -> String {
    app.one("select nrp from app_user where username = $1", username)
        .await
}

#[tokio::test]
async fn an_officer_fills_in_their_nrp_and_the_printed_report_signs_with_it() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let page = app.get("/akun/profil").await;
    page.assert_status(StatusCode::OK);
    page.assert_attr("#display_name", "value", "Rhino Handoyo, S.H.");
    assert_eq!(page.attr("#nrp", "value").as_deref(), Some(""));
    assert_eq!(page.attr("a.me", "href").as_deref(), Some("/akun/profil"));

    let saved = app
        .post_form(
            "/akun/profil",
            &profile("Rhino Handoyo, S.H.", "AKP", "8512 0457"),
        )
        .await;
    saved.assert_redirect_to("/akun/profil?ok=1");
    let page = app.get(&saved.location()).await;
    assert_eq!(page.text("p.ok"), "Profil disimpan.");
    assert_eq!(page.attr("#nrp", "value").as_deref(), Some("85120457"));
    assert_eq!(page.attr("#rank", "value").as_deref(), Some("AKP"));
    assert_eq!(nrp_of(&app, "polsek.kualakampar").await, "85120457");
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "select before, after from audit_log where action = 'user.profile' order by id desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("audit entry");
    assert_eq!(before["nrp"], "");
    assert_eq!(after["nrp"], "85120457");

    // A meeting this officer logs is signed with the name, rank and NRP.
    let fields = crate::meetings::kuala_kampar_form(&app, "f18e0000000000000000000000000001").await;
    let created = crate::meetings::post(&mut app, "/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let report = app.get(&format!("{}/laporan", created.location())).await;
    report.assert_status(StatusCode::OK);
    assert_eq!(report.text(".officer-rank"), "AKP NRP 85120457");
}

#[tokio::test]
async fn a_bad_nrp_gets_its_message_next_to_the_field_with_the_input_kept() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    for bad in ["1234567", "123456789", "8512-0457", "NRP 85120457"] {
        let page = app
            .post_form("/akun/profil", &profile("Rhino Handoyo", "AKP", bad))
            .await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            page.text("#nrp-error"),
            "NRP Polri 8 angka, atau NIP 18 angka (spasi boleh).",
            "{bad}"
        );
        assert_eq!(page.attr("#nrp", "value").as_deref(), Some(bad));
        page.assert_attr("#nrp", "aria-describedby", "nrp-error");
        page.assert_attr("#display_name", "value", "Rhino Handoyo");
    }
    let page = app
        .post_form("/akun/profil", &profile("  ", &"x".repeat(41), "85120457"))
        .await;
    page.assert_refused("#display_name-error", "Wajib diisi.");
    assert_eq!(page.text("#rank-error"), "Maksimal 40 karakter.");
    assert_eq!(
        nrp_of(&app, "polsek.kualakampar").await,
        "",
        "nothing stored"
    );
    assert_eq!(app.audit_count("user.profile").await, 0);
}

#[tokio::test]
async fn a_profile_change_from_another_site_is_refused() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let page = app
        .post_from_another_site("/akun/profil", "display_name=Evil&nrp=12345678")
        .await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(nrp_of(&app, "polsek.kualakampar").await, "");
}

#[tokio::test]
async fn an_admin_edits_an_officers_nrp_on_the_account_page() {
    let mut app = TestApp::signed_in("admin").await;
    let id = app.user_id("polsek.kualakampar").await;
    let url = format!("/admin/pengguna/{id}");
    let page = app.get(&url).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(
        page.attr("section.profile form", "action"),
        Some(format!("{url}/profil"))
    );

    let bad = app
        .post_form(
            &format!("{url}/profil"),
            &profile("Rhino Handoyo, S.H.", "AKP", "85"),
        )
        .await;
    bad.assert_refused(
        "section.profile #nrp-error",
        "NRP Polri 8 angka, atau NIP 18 angka (spasi boleh).",
    );
    bad.assert_attr("section.profile #nrp", "value", "85");

    let nip = "19800101 200501 1 001";
    let saved = app
        .post_form(
            &format!("{url}/profil"),
            &profile("Rhino Handoyo, S.H.", "Penata", nip),
        )
        .await;
    saved.assert_redirect_to(&format!("{url}?ok=profil"));
    let page = app.get(&saved.location()).await;
    assert_eq!(page.text("p.ok"), "Profil disimpan.");
    page.assert_attr("section.profile #nrp", "value", "198001012005011001");
    assert_eq!(
        nrp_of(&app, "polsek.kualakampar").await,
        "198001012005011001"
    );
    assert_eq!(
        app.scalar_i64(
            "select count(*) from audit_log a join app_user u on u.id = a.user_id
             where a.action = 'user.profile' and u.username = 'admin'"
        )
        .await,
        1
    );

    // Not an admin: refused.
    app.logout().await;
    app.login_as("polsek.kualakampar").await;
    app.post_form(&format!("{url}/profil"), &profile("X", "", ""))
        .await
        .assert_status(StatusCode::FORBIDDEN);
}
