//! The admin pages: accounts, police units and institutions, national and Polda-limited.

use axum::http::StatusCode;

use sinergi::auth::Role;

use crate::build::Lookup;
use crate::helpers::{Page, TestApp};

const PASSWORD: &str = "kopi-pagi-kempas";

/// The fields of a valid new liaison officer of `unit`; tests change one at a time.
fn new_officer(unit: i64) -> Vec<(&'static str, String)> {
    vec![
        ("username", "bripka.andi".into()),
        ("display_name", "Andi Saputra".into()),
        ("position", "Bamin Polsek Kempas".into()),
        ("rank", "Bripka".into()),
        ("phone", "0812 3456 7890".into()),
        ("role", "liaison".into()),
        ("unit", unit.to_string()),
        ("institution", String::new()),
        ("institution_id", String::new()),
        ("find", String::new()),
    ]
}

/// The new-account form for an official (no unit) named `username`; the institution still to be given.
fn new_official(username: &str) -> Vec<(&'static str, String)> {
    with(
        &with(&new_officer(0), "role", "official"),
        "username",
        username,
    )
}

fn with(fields: &[(&'static str, String)], key: &str, value: &str) -> Vec<(&'static str, String)> {
    fields
        .iter()
        .map(|(k, v)| {
            (
                *k,
                if *k == key {
                    value.to_string()
                } else {
                    v.clone()
                },
            )
        })
        .collect()
}

/// Signs in as `admin.riau`, an admin limited to Polda Riau, made for the test.
async fn sign_in_as_riau_admin(app: &mut TestApp) {
    app.user("admin.riau")
        .role(Role::Admin)
        .unit("Polda Riau")
        .create()
        .await;
    app.login_as("admin.riau").await;
}

/// Posts the new-institution form.
async fn add_institution(app: &mut TestApp, kind: &str, name: &str, region: &str) -> Page {
    app.post_form(
        "/admin/lembaga",
        &[("kind", kind), ("name", name), ("region", region)],
    )
    .await
}

/// The one-time password a page shows once.
fn one_time_password(page: &Page) -> String {
    let password = page.text("code.one-time-password");
    assert_eq!(password.len(), 20, "{}", page.body);
    password
}

/// Signs in with a one-time password and replaces it with `PASSWORD`.
async fn first_sign_in(app: &mut TestApp, username: &str, one_time: &str) {
    app.login(username, one_time).await.assert_redirect_to("/");
    app.get("/").await.assert_redirect_to("/akun/sandi");
    app.post_form(
        "/akun/sandi",
        &[
            ("current", one_time),
            ("new", PASSWORD),
            ("repeat", PASSWORD),
        ],
    )
    .await
    .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn an_admin_creates_a_user_who_signs_in_with_a_one_time_password_and_replaces_it() {
    let mut app = TestApp::signed_in("admin").await;
    let kempas = app.unit_id("Polsek Kempas").await;

    let created = app
        .post_fields("/admin/pengguna/baru", &new_officer(kempas))
        .await;

    created.assert_status(StatusCode::OK);
    assert_eq!(created.text("td.username"), "bripka.andi");
    let one_time = one_time_password(&created);
    assert_eq!(
        created.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
    let id = app.user_id("bripka.andi").await;
    let detail = app.get(&format!("/admin/pengguna/{id}")).await;
    assert_eq!(detail.text("td.place"), "Polsek Kempas");
    assert_eq!(detail.count(".must-change"), 1);
    assert!(
        !detail.body.contains(&one_time),
        "the password is shown once"
    );
    let list = app.get("/admin/pengguna?q=andi").await;
    assert_eq!(list.texts("li.user .phone"), vec!["0812****890"]);
    assert!(!list.body.contains("3456"), "the list masks phone numbers");
    let mut andi = TestApp::with_pool(app.pool.clone()).await;
    first_sign_in(&mut andi, "bripka.andi", &one_time).await;
    assert_eq!(andi.get("/").await.text("header .who a.me"), "Andi Saputra");
    assert_eq!(app.audit_count("user.create").await, 1);
}

#[tokio::test]
async fn a_taken_username_is_a_field_error_and_the_input_is_kept() {
    let mut app = TestApp::signed_in("admin").await;
    let kempas = app.unit_id("Polsek Kempas").await;

    let page = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&new_officer(kempas), "username", "polsek.kempas"),
        )
        .await;

    page.assert_refused(
        "#username-error",
        "Nama pengguna ini sudah dipakai. Pilih yang lain.",
    );
    assert_eq!(page.count("input[name=username][aria-invalid=true]"), 1);
    page.assert_attr("input[name=username]", "value", "polsek.kempas");
    page.assert_attr("input[name=display_name]", "value", "Andi Saputra");
    assert_eq!(
        page.attr("select[name=unit] option[selected]", "value"),
        Some(kempas.to_string())
    );
    assert_eq!(
        page.count("input[name=password]"),
        0,
        "the admin never types a password"
    );
    assert_eq!(app.audit_count("user.create").await, 0);
}

#[tokio::test]
async fn each_bad_user_field_gets_its_own_message_never_a_500() {
    let mut app = TestApp::signed_in("admin").await;
    let kempas = app.unit_id("Polsek Kempas").await;
    let good = new_officer(kempas);
    let official = with(&good, "role", "official");
    let cases = [
        (with(&good, "username", "Andi Saputra"), "username"),
        (with(&good, "username", ""), "username"),
        (with(&good, "display_name", "  "), "display_name"),
        (with(&good, "position", &"x".repeat(161)), "position"),
        (with(&good, "rank", &"x".repeat(41)), "rank"),
        (with(&good, "phone", "telepon saya"), "phone"),
        (with(&good, "role", "raja"), "role"),
        (with(&good, "unit", ""), "unit"),
        (with(&good, "unit", "abc"), "unit"),
        (with(&good, "unit", "999999"), "unit"),
        (with(&official, "institution", ""), "institution"),
        (with(&official, "institution", "satu"), "institution"),
        (with(&official, "institution", "99999999"), "institution"),
        (with(&official, "institution_id", "99999999"), "institution"),
    ];
    for (fields, field) in cases {
        let page = app.post_fields("/admin/pengguna/baru", &fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {fields:?}"
        );
        assert_eq!(page.count(&format!("#{field}-error")), 1, "{field}");
    }
    let garbage = app
        .post_raw(
            "/admin/pengguna/baru",
            "application/x-www-form-urlencoded",
            b"username=%FF%FE&role=%00&unit=1e99".to_vec(),
        )
        .await;
    assert_ne!(garbage.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(app.audit_count("user.create").await, 0);
}

#[tokio::test]
async fn a_polda_admin_cannot_see_or_change_a_user_of_another_polda() {
    let mut app = TestApp::new().await;
    sign_in_as_riau_admin(&mut app).await;
    let ketapang = app.user_id("polres.ketapang").await;
    let national = app.user_id("admin").await;

    let list = app.get("/admin/pengguna").await;

    let names = list.texts("li.user .username");
    for inside in [
        "polsek.kualakampar",
        "polda.riau",
        "ppk.kualakampar",
        "panwascam.kempas",
    ] {
        assert!(names.contains(&inside.to_string()), "{inside}: {names:?}");
    }
    for outside in ["polres.ketapang", "admin"] {
        assert!(
            !names.contains(&outside.to_string()),
            "{outside}: {names:?}"
        );
    }
    for id in [ketapang, national] {
        app.get(&format!("/admin/pengguna/{id}"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        for (path, fields) in [
            ("sandi", vec![]),
            ("status", vec![("active", "0")]),
            ("penempatan", vec![("role", "liaison"), ("unit", "1")]),
        ] {
            app.post_form(&format!("/admin/pengguna/{id}/{path}"), &fields)
                .await
                .assert_status(StatusCode::NOT_FOUND);
        }
    }
    let active: bool = app
        .single("select active from app_user where username = 'polres.ketapang'")
        .await;
    assert!(active);
    let polres_ketapang = app.unit_id("Polres Ketapang").await;
    app.get(&format!("/admin/satuan/{polres_ketapang}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let units = app.get("/admin/satuan").await.texts("li.unit .name");
    assert!(units.contains(&"Polsek Kempas".to_string()), "{units:?}");
    assert!(!units.contains(&"Polres Ketapang".to_string()), "{units:?}");
}

#[tokio::test]
async fn a_polda_admin_cannot_create_a_national_admin_or_place_anyone_outside_their_polda() {
    let mut app = TestApp::new().await;
    sign_in_as_riau_admin(&mut app).await;
    let pelalawan = app.unit_id("Polres Pelalawan").await;
    let ketapang = app.unit_id("Polres Ketapang").await;
    let riau = app.unit_id("Polda Riau").await;
    let good = new_officer(pelalawan);
    let as_admin = with(&good, "role", "admin");

    let national = app
        .post_fields("/admin/pengguna/baru", &with(&as_admin, "unit", ""))
        .await;
    let polres_admin = app.post_fields("/admin/pengguna/baru", &as_admin).await;
    let elsewhere = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&good, "unit", &ketapang.to_string()),
        )
        .await;

    for page in [&national, &polres_admin, &elsewhere] {
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.count("#unit-error"), 1);
    }
    assert!(
        national
            .text("#unit-error")
            .starts_with("Hanya admin nasional")
    );
    let offered = national.texts("select[name=unit] option");
    assert!(offered.iter().any(|o| o.contains("Polres Pelalawan")));
    assert!(
        !offered.iter().any(|o| o.contains("Ketapang")),
        "{offered:?}"
    );
    let kualakampar = app.user_id("polsek.kualakampar").await;
    let promote = app
        .post_form(
            &format!("/admin/pengguna/{kualakampar}/penempatan"),
            &[("role", "admin"), ("unit", "")],
        )
        .await;
    promote.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(promote.count("#unit-error"), 1);
    let riau_admin = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&as_admin, "unit", &riau.to_string()),
        )
        .await;
    riau_admin.assert_status(StatusCode::OK);
    assert_eq!(riau_admin.count("code.one-time-password"), 1);
    assert_eq!(
        app.scalar_i64("select count(*) from app_user where role = 'admin' and unit_id is null")
            .await,
        1,
        "still only the demo's national admin"
    );
}

#[tokio::test]
async fn non_admins_get_403_on_every_admin_route() {
    let mut app = TestApp::new().await;
    let user = app.user_id("polsek.kempas").await;
    let unit = app.unit_id("Polres Pelalawan").await;
    let gets = [
        "/admin".to_string(),
        "/admin/pengguna".into(),
        "/admin/pengguna/baru".into(),
        format!("/admin/pengguna/{user}"),
        "/admin/satuan".into(),
        "/admin/satuan/baru".into(),
        format!("/admin/satuan/{unit}"),
        "/admin/lembaga".into(),
    ];
    let posts = [
        "/admin/pengguna/baru".to_string(),
        format!("/admin/pengguna/{user}/penempatan"),
        format!("/admin/pengguna/{user}/sandi"),
        format!("/admin/pengguna/{user}/status"),
        "/admin/satuan/baru".into(),
        format!("/admin/satuan/{unit}"),
        format!("/admin/satuan/{unit}/wilayah"),
        format!("/admin/satuan/{unit}/wilayah/hapus"),
        "/admin/lembaga".into(),
    ];
    for who in ["polda.riau", "polsek.kualakampar", "ppk.kualakampar"] {
        app.login_as(who).await;
        assert_eq!(
            app.get("/")
                .await
                .count("nav.nav a[href='/admin/pengguna']"),
            0
        );
        for path in &gets {
            let page = app.get(path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{who} GET {path}");
        }
        for path in &posts {
            let page = app
                .post_form(path, &[("active", "0"), ("code", "14.05")])
                .await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{who} POST {path}");
        }
        app.logout().await;
    }
    app.get("/admin/pengguna")
        .await
        .assert_redirect_to("/login");
    app.login_as("admin").await;
    assert_eq!(
        app.get("/")
            .await
            .count("nav.nav a[href='/admin/pengguna']"),
        1
    );
    assert_eq!(
        app.scalar_i64("select count(*) from audit_log where actor <> 'sistem'")
            .await,
        0,
        "nothing was written"
    );
}

#[tokio::test]
async fn deactivating_a_user_ends_their_live_session_and_reactivating_lets_them_back() {
    let mut app = TestApp::new().await;
    let mut kempas = TestApp::with_pool(app.pool.clone()).await;
    kempas.login_as("polsek.kempas").await;
    kempas
        .get("/akun/sandi")
        .await
        .assert_status(StatusCode::OK);
    app.login_as("admin").await;
    let id = app.user_id("polsek.kempas").await;

    let off = app
        .post_form(&format!("/admin/pengguna/{id}/status"), &[("active", "0")])
        .await;

    off.assert_redirect_to(&format!("/admin/pengguna/{id}"));
    kempas.get("/akun/sandi").await.assert_redirect_to("/login");
    let refused = kempas.login_as("polsek.kempas").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let page = app.get(&off.location()).await;
    assert_eq!(page.text("td.status"), "Nonaktif");
    assert_eq!(app.audit_count("user.deactivate").await, 1);
    app.post_form(&format!("/admin/pengguna/{id}/status"), &[("active", "1")])
        .await
        .assert_redirect_to(&format!("/admin/pengguna/{id}"));
    kempas
        .login_as("polsek.kempas")
        .await
        .assert_redirect_to("/");
    assert_eq!(app.audit_count("user.reactivate").await, 1);
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let mut app = TestApp::signed_in("admin").await;
    let me = app.user_id("admin").await;

    let page = app
        .post_form(&format!("/admin/pengguna/{me}/status"), &[("active", "0")])
        .await;

    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.count("#active-error"), 1);
    app.get("/admin/pengguna")
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn an_admin_reset_shows_a_one_time_password_the_old_sessions_end_and_it_is_audited() {
    let mut app = TestApp::new().await;
    let mut kempas = TestApp::with_pool(app.pool.clone()).await;
    kempas.login_as("polsek.kempas").await;
    app.login_as("admin").await;
    let id = app.user_id("polsek.kempas").await;
    let path = format!("/admin/pengguna/{id}/sandi");

    let done = app.post_form(&path, &[("password", PASSWORD)]).await;

    done.assert_status(StatusCode::OK);
    let one_time = one_time_password(&done);
    assert_ne!(one_time, PASSWORD, "what the admin types is ignored");
    kempas.get("/akun/sandi").await.assert_redirect_to("/login");
    assert_eq!(
        kempas.login_as("polsek.kempas").await.status,
        StatusCode::UNAUTHORIZED
    );
    first_sign_in(&mut kempas, "polsek.kempas", &one_time).await;
    kempas.get("/").await.assert_status(StatusCode::OK);
    let (actor, record_id): (String, Option<i64>) = sqlx::query_as(
        "select actor, record_id from audit_log where action = 'user.password_reset'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("one audit row");
    assert_eq!((actor.as_str(), record_id), ("admin", Some(id)));
    let logged = app
        .scalar_i64("select count(*) from audit_log where after::text like '%' || 'sinergi' || '%' and action like 'user.%'")
        .await;
    assert_eq!(logged, 0, "no password in the audit log");
}

#[tokio::test]
async fn after_a_reset_every_page_but_the_change_page_redirects_there_until_changed() {
    let mut app = TestApp::signed_in("admin").await;
    let id = app.user_id("ppk.kualakampar").await;
    let one_time = one_time_password(
        &app.post_form(&format!("/admin/pengguna/{id}/sandi"), &[])
            .await,
    );
    let mut ppk = TestApp::with_pool(app.pool.clone()).await;

    ppk.login("ppk.kualakampar", &one_time)
        .await
        .assert_redirect_to("/");

    for path in ["/", "/saya", "/pertemuan", "/tindak-lanjut", "/direktori"] {
        ppk.get(path).await.assert_redirect_to("/akun/sandi");
    }
    ppk.post_form("/logout", &[])
        .await
        .assert_redirect_to("/login");
    ppk.login("ppk.kualakampar", &one_time)
        .await
        .assert_redirect_to("/");
    let change = ppk.get("/akun/sandi").await;
    change.assert_status(StatusCode::OK);
    assert_eq!(change.count("p.must-change"), 1);
    let wrong = ppk
        .post_form(
            "/akun/sandi",
            &[
                ("current", "bukan-itu-sandinya"),
                ("new", PASSWORD),
                ("repeat", PASSWORD),
            ],
        )
        .await;
    wrong.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    ppk.get("/saya").await.assert_redirect_to("/akun/sandi");
    ppk.post_form(
        "/akun/sandi",
        &[
            ("current", &one_time),
            ("new", PASSWORD),
            ("repeat", PASSWORD),
        ],
    )
    .await
    .assert_status(StatusCode::OK);
    ppk.get("/saya").await.assert_status(StatusCode::OK);
    let pending = app
        .scalar_i64("select count(*) from app_user where must_change_password")
        .await;
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn a_verification_soon_after_an_admin_reset_is_found() {
    let mut app = TestApp::signed_in("admin").await;
    let id = app.user_id("ppk.kualakampar").await;
    let before = chrono::Utc::now();
    app.post_form(&format!("/admin/pengguna/{id}/sandi"), &[])
        .await
        .assert_status(StatusCode::OK);
    let now = chrono::Utc::now();

    let soon = sinergi::auth::onetime::admin_reset_within_day(&app.pool, id, now)
        .await
        .expect("query");
    let earlier = sinergi::auth::onetime::admin_reset_within_day(&app.pool, id, before)
        .await
        .expect("query");
    let a_day_later = now + chrono::Duration::hours(25);
    let late = sinergi::auth::onetime::admin_reset_within_day(&app.pool, id, a_day_later)
        .await
        .expect("query");

    assert!(soon.is_some_and(|at| at >= before && at <= now), "{soon:?}");
    assert_eq!(
        earlier, None,
        "a verification before the reset is not flagged"
    );
    assert_eq!(late, None, "nor one more than 24 hours after it");
}

#[tokio::test]
async fn a_new_polsek_under_polres_pelalawan_mapped_to_ukui_shows_in_the_directory() {
    let mut app = TestApp::signed_in("admin").await;
    let pelalawan = app.unit_id("Polres Pelalawan").await;

    let created = app
        .post_form(
            "/admin/satuan/baru",
            &[
                ("parent", &pelalawan.to_string()),
                ("kind", "polsek"),
                ("name", "Polsek Ukui"),
                ("address", "Jl. Lintas Timur, Ukui"),
            ],
        )
        .await;
    created.assert_redirect_to("/admin/satuan/");
    let unit_page = created.location();
    let mapped = app
        .post_form(
            &format!(
                "{}/wilayah",
                unit_page.split('?').next().unwrap_or_default()
            ),
            &[("code", "14.05.01")],
        )
        .await;

    mapped.assert_redirect_to(&unit_page.replace("?ok=satuan", ""));
    let page = app.get(&mapped.location()).await;
    assert_eq!(page.texts("li.region .code"), vec!["14.05.01"]);
    let directory = app.get("/direktori/14.05.01").await;
    assert!(
        directory
            .texts(".units li a")
            .contains(&"Polsek Ukui".to_string()),
        "{:?}",
        directory.texts(".units li a")
    );
    let (polres, polda, institutions): (Option<i64>, Option<i64>, i64) = sqlx::query_as(
        "select u.polres_id, u.polda_id,
                (select count(*) from institution i where i.police_unit_id = u.id and i.kind = 'polri')
         from police_unit u where u.name = 'Polsek Ukui'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("unit");
    assert_eq!(polres, Some(pelalawan));
    assert_eq!(polda, Some(app.unit_id("Polda Riau").await));
    assert_eq!(institutions, 1);
}

#[tokio::test]
async fn bad_unit_input_and_bad_region_codes_are_field_errors() {
    let mut app = TestApp::signed_in("admin").await;
    let pelalawan = app.unit_id("Polres Pelalawan").await;
    let kempas = app.unit_id("Polsek Kempas").await;
    let riau = app.unit_id("Polda Riau").await;
    let p = pelalawan.to_string();
    let k = kempas.to_string();
    let r = riau.to_string();
    let new_unit_cases: [([(&str, &str); 3], &str); 5] = [
        (
            [("parent", &p), ("kind", "polres"), ("name", "Polres Baru")],
            "kind",
        ),
        (
            [("parent", &r), ("kind", "polsek"), ("name", "Polsek Baru")],
            "kind",
        ),
        (
            [("parent", &k), ("kind", "polsek"), ("name", "Polsek Baru")],
            "parent",
        ),
        (
            [
                ("parent", &p),
                ("kind", "polsek"),
                ("name", "Polsek Kempas"),
            ],
            "name",
        ),
        ([("parent", &p), ("kind", "polsek"), ("name", "P")], "name"),
    ];
    for (fields, field) in new_unit_cases {
        let page = app.post_form("/admin/satuan/baru", &fields).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.count(&format!("#{field}-error")), 1, "{fields:?}");
    }
    let add = format!("/admin/satuan/{kempas}/wilayah");
    for code in [
        "",
        "14.99",
        "14.04.19",
        "14",
        "14.04.19.2001",
        "61.04",
        "x'; drop table region; --",
    ] {
        let page = app.post_form(&add, &[("code", code)]).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.count("#code-error"), 1, "{code}");
        assert_eq!(
            page.attr("input#code", "value").as_deref(),
            Some(code),
            "the input is kept"
        );
    }
    let rename = app
        .post_form(
            &format!("/admin/satuan/{kempas}"),
            &[
                ("kind", "polsek"),
                ("name", "Polsek Kuala Kampar"),
                ("address", ""),
            ],
        )
        .await;
    rename.assert_refused("#name-error", "Nama satuan ini sudah dipakai.");
    app.post_form(
        &format!("/admin/satuan/{kempas}/wilayah/hapus"),
        &[("code", "14.05.01")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        app.scalar_i64("select count(*) from audit_log where actor <> 'sistem'")
            .await,
        0,
        "nothing was written"
    );
}

#[tokio::test]
async fn an_institution_with_an_unknown_region_code_is_a_field_error() {
    let mut app = TestApp::signed_in("admin").await;

    let unknown = add_institution(&mut app, "koramil", "Koramil 01/Ukui", "14.05.99").await;
    let derived = add_institution(&mut app, "ppk", "PPK Kedua", "14.05.01").await;
    let added = add_institution(&mut app, "koramil", "Koramil 01/Ukui", "14.05.01").await;
    let again = add_institution(&mut app, "koramil", "koramil 01/ukui", "14.05.01").await;

    unknown.assert_refused("#region-error", "Kode wilayah tidak ditemukan.");
    unknown.assert_attr("input[name=name]", "value", "Koramil 01/Ukui");
    derived.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(derived.count("#kind-error"), 1);
    added.assert_redirect_to("/admin/lembaga");
    let list = app.get(&added.location()).await;
    assert_eq!(
        list.texts("li.institution a").first().map(String::as_str),
        Some("Koramil 01/Ukui")
    );
    again.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.count("#name-error"), 1);
    assert_eq!(app.audit_count("institution.create").await, 1);
}

#[tokio::test]
async fn a_polda_admin_adds_institutions_only_inside_their_province() {
    let mut app = TestApp::new().await;
    sign_in_as_riau_admin(&mut app).await;

    let outside = add_institution(&mut app, "kodim", "Kodim 0604/Karawang", "32.15").await;
    let inside = add_institution(&mut app, "kodim", "Kodim 0313/Kampar", "14.06").await;

    outside.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outside.count("#region-error"), 1);
    inside.assert_redirect_to("/admin/lembaga");
    let listed = app.get("/admin/lembaga").await.texts("li.institution a");
    assert!(listed.contains(&"Kodim 0313/Kampar".to_string()));
    assert!(!listed.iter().any(|n| n.contains("Ketapang")), "{listed:?}");
}

#[tokio::test]
async fn every_admin_write_leaves_an_audit_row() {
    let mut app = TestApp::signed_in("admin").await;
    let kempas = app.unit_id("Polsek Kempas").await;
    let pelalawan = app.unit_id("Polres Pelalawan").await;
    app.post_fields("/admin/pengguna/baru", &new_officer(kempas))
        .await
        .assert_status(StatusCode::OK);
    let user = format!("/admin/pengguna/{}", app.user_id("bripka.andi").await);
    let unit = app
        .post_form(
            "/admin/satuan/baru",
            &[
                ("parent", &pelalawan.to_string()),
                ("kind", "polsek"),
                ("name", "Polsek Ukui"),
            ],
        )
        .await
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let p = pelalawan.to_string();
    let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("{user}/penempatan"),
            vec![("role", "commander"), ("unit", &p)],
        ),
        (format!("{user}/status"), vec![("active", "0")]),
        (format!("{user}/status"), vec![("active", "1")]),
        (
            unit.clone(),
            vec![
                ("kind", "polsekta"),
                ("name", "Polsek Ukui Baru"),
                ("address", "Ukui"),
            ],
        ),
        (format!("{unit}/wilayah"), vec![("code", "14.05.01")]),
        (format!("{unit}/wilayah/hapus"), vec![("code", "14.05.01")]),
        (
            "/admin/lembaga".into(),
            vec![
                ("kind", "tokoh"),
                ("name", "Tokoh Masyarakat Ukui"),
                ("region", "14.05.01"),
            ],
        ),
    ];
    for (i, (path, fields)) in writes.iter().enumerate() {
        let page = app.post_form(path, fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.body);
        if i == 0 {
            let reset = app.post_form(&format!("{user}/sandi"), &[]).await;
            reset.assert_status(StatusCode::OK);
        }
    }

    let actions: Vec<(String, bool)> = sqlx::query_as(
        "select action, request_id is not null from audit_log where actor = 'admin' order by id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("audit");
    let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "user.create",
            "unit.create",
            "user.placement",
            "user.password_reset",
            "user.deactivate",
            "user.reactivate",
            "unit.update",
            "unit.region_add",
            "unit.region_remove",
            "institution.create",
        ]
    );
    assert!(actions.iter().all(|(_, has_request)| *has_request));
    let renamed: String = app
        .single(
            "select i.name from institution i join police_unit u on u.id = i.police_unit_id
         where u.name = 'Polsek Ukui Baru'",
        )
        .await;
    assert_eq!(renamed, "Polsek Ukui Baru");
}

#[tokio::test]
async fn the_user_form_asks_for_the_institutions_name_not_a_number() {
    let mut app = TestApp::signed_in("admin").await;

    let form = app.get("/admin/pengguna/baru").await;

    assert_eq!(form.count("input[name=institution][inputmode=numeric]"), 0);
    assert_eq!(form.count("input[name=institution][type=search]"), 1);
    assert_eq!(form.count("button[name=find]"), 1);
    assert!(!form.body.contains("/lembaga/…"));
}

#[tokio::test]
async fn an_admin_finds_an_officials_institution_by_name_and_picks_it() {
    let mut app = TestApp::signed_in("admin").await;
    let official = new_official("ketua.ppk");
    let typed = with(&official, "institution", "kecamatan kuala kampar");

    let found = app
        .post_fields("/admin/pengguna/baru", &with(&typed, "find", "1"))
        .await;

    found.assert_status(StatusCode::OK);
    let names = found.texts("fieldset.institutions label .name");
    assert!(
        names.contains(&"PPK Kecamatan Kuala Kampar".to_string())
            && names.contains(&"Panwaslu Kecamatan Kuala Kampar".to_string()),
        "{names:?}"
    );
    found.assert_attr("input[name=institution]", "value", "kecamatan kuala kampar");
    assert_eq!(
        app.audit_count("user.create").await,
        0,
        "a search writes nothing"
    );
    let ambiguous = app.post_fields("/admin/pengguna/baru", &typed).await;
    ambiguous.assert_refused(
        "#institution-error",
        "Beberapa lembaga cocok: pilih salah satu.",
    );
    let ppk = app
        .scalar_i64("select id from institution where name = 'PPK Kecamatan Kuala Kampar'")
        .await;
    let chosen = with(&typed, "institution_id", &ppk.to_string());
    app.post_fields("/admin/pengguna/baru", &chosen)
        .await
        .assert_status(StatusCode::OK);
    let placed = app
        .scalar_i64("select institution_id from app_user where username = 'ketua.ppk'")
        .await;
    assert_eq!(placed, ppk);
}

#[tokio::test]
async fn a_unique_name_places_the_official_without_a_search_step() {
    let mut app = TestApp::signed_in("admin").await;
    let official = new_official("anggota.panwascam");

    let created = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&official, "institution", "panwaslu kecamatan kempas"),
        )
        .await;

    created.assert_status(StatusCode::OK);
    let place: String = app
        .single(
            "select i.name from app_user u join institution i on i.id = u.institution_id
         where u.username = 'anggota.panwascam'",
        )
        .await;
    assert_eq!(place, "Panwaslu Kecamatan Kempas");
}

#[tokio::test]
async fn a_polda_admin_finds_no_institution_outside_their_province() {
    let mut app = TestApp::new().await;
    sign_in_as_riau_admin(&mut app).await;
    let ketapang = app
        .scalar_i64("select id from institution where kind = 'kpu' and name ilike '%ketapang%'")
        .await;
    let official = new_official("x.ketapang");

    let search = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&with(&official, "institution", "ketapang"), "find", "1"),
        )
        .await;
    let forged = app
        .post_fields(
            "/admin/pengguna/baru",
            &with(&official, "institution_id", &ketapang.to_string()),
        )
        .await;

    assert_eq!(search.count("fieldset.institutions"), 0);
    assert_eq!(
        search.text("#institution-error"),
        "Tidak ada lembaga dengan nama itu di wilayah Anda."
    );
    forged.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(forged.count("#institution-error"), 1);
    assert_eq!(app.audit_count("user.create").await, 0);
}
