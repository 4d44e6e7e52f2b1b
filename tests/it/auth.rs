//! Login, sessions, CSRF, rate limits and the audit log.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::build::Lookup;
use crate::helpers::TestApp;

const BAD: &str = "Nama pengguna atau kata sandi salah.";

#[tokio::test]
async fn the_login_form_has_the_contract_fields() {
    let mut app = TestApp::new().await;
    let page = app.get("/login").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count("form input[name=username]"), 1);
    assert_eq!(page.count("form input[name=password][type=password]"), 1);
    assert_eq!(page.count("form input[type=hidden][name=csrf]"), 1);
    assert_eq!(page.count("form button[type=submit]"), 1);
}

#[tokio::test]
async fn a_demo_officer_logs_in_with_a_303_and_a_new_session_id() {
    let mut app = TestApp::new().await;
    app.get("/login").await;
    app.set_cookie("sinergi_sid", "planted-by-an-attacker");
    let page = app.login_as("polsek.kualakampar").await;
    page.assert_redirect_to("/");
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let sid = app.session_cookie().expect("session cookie");
    assert_ne!(sid, "planted-by-an-attacker");
    let cookie = page
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let home = app.get("/").await;
    assert_eq!(home.text("header .who a.me"), "Rhino Handoyo, S.H.");
}

#[tokio::test]
async fn the_session_id_changes_at_each_login() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let first = app.session_cookie();
    app.logout().await;
    app.login_as("polsek.kualakampar").await;
    assert_ne!(first, app.session_cookie());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_message() {
    let mut app = TestApp::new().await;
    let wrong = app.login("polsek.kualakampar", "salah-sekali").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.text("p.error"), BAD);
    wrong.assert_attr("input[name=username]", "value", "polsek.kualakampar");
    let unknown = app.login("tidak.ada", "salah-sekali").await;
    assert_eq!(unknown.text("p.error"), BAD);
}

#[tokio::test]
async fn odd_usernames_and_passwords_get_the_form_again_never_a_500() {
    let mut app = TestApp::new().await;
    let long = "a".repeat(300);
    for (u, p) in [
        ("", ""),
        ("", "x"),
        (long.as_str(), "x"),
        ("polsek.kualakampar", long.as_str()),
        ("<script>", "x"),
        ("ü\u{0}", "\u{fffd}"),
    ] {
        let page = app.login(u, p).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{u:?}");
        assert_eq!(page.text("p.error"), BAD);
    }
    let form = app.get("/login").await;
    let csrf = form.attr("input[name=csrf]", "value").expect("csrf");
    let raw = format!("username=%FF%FE&password=%C3%28&csrf={csrf}").into_bytes();
    let page = app
        .post_raw("/login", "application/x-www-form-urlencoded", raw)
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_deactivated_account_cannot_log_in_and_its_live_session_ends() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    app.get("/audit").await.assert_status(StatusCode::OK);
    app.exec("update app_user set active = false where username = 'polres.pelalawan'")
        .await;
    app.get("/audit").await.assert_redirect_to("/login");
    let again = app.login_as("polres.pelalawan").await;
    assert_eq!(
        again.text("p.error"),
        "Akun ini sudah dinonaktifkan. Hubungi admin satuan Anda."
    );
}

#[tokio::test]
async fn a_tampered_session_cookie_means_not_logged_in() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let sid = app.session_cookie().expect("sid");
    app.set_cookie("sinergi_sid", &format!("{}x", &sid[..sid.len() - 1]));
    app.get("/audit")
        .await
        .assert_redirect_to("/login?next=%2Faudit");
    app.set_cookie("sinergi_sid", "%%%not-base64");
    app.get("/audit").await.assert_redirect_to("/login");
}

#[tokio::test]
async fn an_expired_session_is_not_accepted() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    app.exec("update session set expires_at = now() - interval '1 minute'")
        .await;
    app.get("/audit").await.assert_redirect_to("/login");
}

/// Whole hours until the newest session expires.
async fn session_hours_left(app: &TestApp) -> i64 {
    app.scalar_i64(
        "select (extract(epoch from max(expires_at) - now()) / 3600)::bigint from session",
    )
    .await
}

#[tokio::test]
async fn activity_pushes_the_eight_hour_expiry_forward() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    // Seven and a half hours idle, as if the session was last written then.
    app.exec("update session set expires_at = now() + interval '30 minutes',
                data = data || jsonb_build_object('touched', extract(epoch from now())::bigint - 27000)").await;
    app.get("/dasbor").await.assert_status(StatusCode::OK);
    let hours_left = session_hours_left(&app).await;
    assert_eq!(hours_left, 8, "the request renewed the inactivity expiry");
    // A second request within five minutes does not write the session again.
    app.exec("update session set expires_at = now() + interval '7 hours'")
        .await;
    app.get("/dasbor").await.assert_status(StatusCode::OK);
    let hours_left = session_hours_left(&app).await;
    assert_eq!(hours_left, 7);
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let sid = app.session_cookie().expect("sid");
    app.logout().await;
    app.set_cookie("sinergi_sid", &sid);
    app.get("/audit").await.assert_redirect_to("/login");
}

#[tokio::test]
async fn repeated_failed_logins_for_one_name_from_one_client_get_429() {
    let mut app = TestApp::new().await;
    for _ in 0..sinergi::auth::throttle::PER_USER_AND_CLIENT {
        assert_eq!(
            app.login("polsek.kempas", "salah-salah").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let page = app.login("polsek.kempas", "salah-salah").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page.text("h1"), "Terlalu banyak percobaan");
    app.ip = "10.9.9.9:1".parse().expect("addr");
    app.login_as("polsek.kempas").await.assert_redirect_to("/");
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let mut app = TestApp::new().await;
    let page = app
        .post_from_another_site("/login", "username=admin&password=x")
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_stale_login_form_is_refused_with_a_message() {
    let mut app = TestApp::new().await;
    let page = app
        .post_form(
            "/login",
            &[
                ("username", "admin"),
                ("password", "sinergi-demo"),
                ("csrf", "1.abc"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(
        page.text("p.error"),
        "Formulir sudah kedaluwarsa. Silakan coba lagi."
    );
}

#[tokio::test]
async fn next_only_redirects_to_local_paths() {
    let mut app = TestApp::new().await;
    let form = app.get("/login").await;
    let csrf = form.attr("input[name=csrf]", "value").expect("csrf");
    let page = app
        .post_form(
            "/login",
            &[
                ("username", "admin"),
                ("password", "sinergi-demo"),
                ("csrf", &csrf),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(page.location(), "/");
}

#[tokio::test]
async fn changing_the_password_is_audited_and_ends_other_sessions() {
    let mut app = TestApp::new().await;
    let mut other = TestApp::with_pool(app.pool.clone()).await;
    other.login_as("polsek.kempas").await;
    app.login_as("polsek.kempas").await;
    let bad = app
        .post_form(
            "/akun/sandi",
            &[
                ("current", "salah"),
                ("new", "pendek"),
                ("repeat", "pendek"),
            ],
        )
        .await;
    bad.assert_refused("#current-error", "Kata sandi saat ini salah.");
    assert_eq!(bad.text("#new-error"), "Kata sandi minimal 10 karakter.");
    let ok = app
        .post_form(
            "/akun/sandi",
            &[
                ("current", "sinergi-demo"),
                ("new", "kopi-pagi-kempas"),
                ("repeat", "kopi-pagi-kempas"),
            ],
        )
        .await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.text("p.ok"), "Kata sandi sudah diganti.");
    app.get("/akun/sandi").await.assert_status(StatusCode::OK);
    other.get("/akun/sandi").await.assert_redirect_to("/login");
    assert_eq!(app.audit_count("password.change").await, 1);
    let hash: String = app
        .single("select password_hash from app_user where username = 'polsek.kempas'")
        .await;
    assert!(hash.starts_with("$argon2id$"));
}

#[tokio::test]
async fn the_audit_log_refuses_update_and_delete() {
    let app = TestApp::new().await;
    app.exec("insert into audit_log (actor, role, action, record_type) values ('t', 'system', 'test', 'x')").await;
    assert!(
        sqlx::query("update audit_log set actor = 'y'")
            .execute(&app.pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("delete from audit_log")
            .execute(&app.pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("truncate audit_log")
            .execute(&app.pool)
            .await
            .is_err()
    );
    assert_eq!(
        app.scalar_i64("select count(*) from audit_log where actor = 't'")
            .await,
        1
    );
}

#[tokio::test]
async fn officers_and_officials_cannot_read_the_audit_log() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    app.get("/audit").await.assert_status(StatusCode::FORBIDDEN);
    app.logout().await;
    app.login_as("ppk.kualakampar").await;
    app.get("/audit").await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn refusals_from_the_middleware_are_pages_not_bare_text() {
    let mut app = TestApp::new().await;
    let page = app
        .post_from_another_site("/pertemuan/baru", "title=x")
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.text("h1"), "Permintaan ditolak");
    let big = app
        .post_raw(
            "/login",
            "application/x-www-form-urlencoded",
            vec![b'a'; 13 * 1024 * 1024],
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.text("h1"), "Kiriman terlalu besar");
    let wrong = app
        .request(
            Request::delete("/pertemuan")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.text("h1"), "Cara akses tidak didukung");
}

#[tokio::test]
async fn the_audit_page_filters_by_person_and_record_within_the_readers_scope() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let kuala: i64 = app.meeting_id("demo-kuala-kampar-2024").await;
    let all = app.get("/audit").await;
    let records = all.texts("li.entry .record");
    assert!(
        records.contains(&format!("meeting #{kuala}")),
        "{records:?}"
    );
    let ketapang: i64 = app.meeting_id("demo-ketapang-2024").await;
    assert!(
        !records.contains(&format!("meeting #{ketapang}")),
        "another Polda's entries stay hidden"
    );
    let one = app
        .get(&format!("/audit?record=meeting%20%23{kuala}"))
        .await;
    assert!(
        one.texts("li.entry .record")
            .iter()
            .all(|r| r == &format!("meeting #{kuala}"))
    );
    assert!(one.count("li.entry") >= 1);
    let nobody = app.get("/audit?user=polsek.kempas").await;
    assert_eq!(nobody.count("li.entry"), 0);
    assert_eq!(nobody.text("p.empty"), "Belum ada catatan.");
}

#[tokio::test]
async fn the_start_page_offers_what_each_role_does_next() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let cards = app.get("/").await.texts("ul.cards li > a");
    assert!(cards.contains(&"Dasbor".to_string()), "{cards:?}");
    assert!(cards.contains(&"Tindak lanjut".to_string()), "{cards:?}");
    assert!(!cards.contains(&"Pertemuan saya".to_string()), "{cards:?}");
    assert!(!cards.contains(&"Admin".to_string()), "{cards:?}");

    let mut official = TestApp::with_pool(app.pool.clone()).await;
    official.login_as("ppk.kualakampar").await;
    let cards = official.get("/").await.texts("ul.cards li > a");
    assert!(cards.contains(&"Pertemuan saya".to_string()), "{cards:?}");
    assert!(!cards.contains(&"Dasbor".to_string()), "{cards:?}");
    assert!(!cards.contains(&"Catat pertemuan".to_string()), "{cards:?}");
}
