//! The admin pages: accounts, police units and institutions, national and Polda-limited.

use axum::http::StatusCode;

use crate::helpers::{Page, TestApp};

const PASSWORD: &str = "kopi-pagi-kempas";

async fn user_id(app: &TestApp, username: &str) -> i64 {
    sqlx::query_scalar("select id from app_user where username = $1")
        .bind(username)
        .fetch_one(&app.pool)
        .await
        .expect(username)
}

async fn unit_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("select id from police_unit where name = $1")
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .expect(name)
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1")
        .bind(action)
        .fetch_one(&app.pool)
        .await
        .expect(action)
}

/// `admin.riau`: an admin limited to Polda Riau, with the demo password.
async fn add_riau_admin(app: &TestApp) {
    sqlx::query(
        "insert into app_user (username, display_name, position, role, unit_id, password_hash)
         select 'admin.riau', 'Admin Polda Riau', 'Admin Polda Riau', 'admin',
                (select id from police_unit where name = 'Polda Riau'), password_hash
         from app_user where username = 'admin'",
    )
    .execute(&app.pool)
    .await
    .expect("polda admin");
}

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
        ("password", PASSWORD.into()),
    ]
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

async fn post(app: &mut TestApp, path: &str, fields: &[(&'static str, String)]) -> Page {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &borrowed).await
}

#[tokio::test]
async fn an_admin_creates_a_user_who_can_then_log_in() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let kempas = unit_id(&app, "Polsek Kempas").await;

    let created = post(&mut app, "/admin/pengguna/baru", &new_officer(kempas)).await;

    created.assert_redirect_to("/admin/pengguna/");
    let detail = app.get(&created.location()).await;
    detail.assert_status(StatusCode::OK);
    assert_eq!(detail.text("td.username"), "bripka.andi");
    assert_eq!(detail.text("td.place"), "Polsek Kempas");
    assert!(detail.text("p.ok").starts_with("Akun dibuat."));
    let list = app.get("/admin/pengguna?q=andi").await;
    assert_eq!(list.texts("li.user .phone"), vec!["0812****890"]);
    assert!(!list.body.contains("3456"), "the list masks phone numbers");
    let mut andi = TestApp::with_pool(app.pool.clone()).await;
    andi.login("bripka.andi", PASSWORD)
        .await
        .assert_redirect_to("/");
    assert_eq!(andi.get("/").await.text("header .who a.me"), "Andi Saputra");
    assert_eq!(audit_count(&app, "user.create").await, 1);
}

#[tokio::test]
async fn a_taken_username_is_a_field_error_and_the_input_is_kept() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let kempas = unit_id(&app, "Polsek Kempas").await;

    let page = post(
        &mut app,
        "/admin/pengguna/baru",
        &with(&new_officer(kempas), "username", "polsek.kempas"),
    )
    .await;

    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.text("#username-error"),
        "Nama pengguna ini sudah dipakai. Pilih yang lain."
    );
    assert_eq!(page.count("input[name=username][aria-invalid=true]"), 1);
    assert_eq!(
        page.attr("input[name=username]", "value").as_deref(),
        Some("polsek.kempas")
    );
    assert_eq!(
        page.attr("input[name=display_name]", "value").as_deref(),
        Some("Andi Saputra")
    );
    assert_eq!(
        page.attr("select[name=unit] option[selected]", "value"),
        Some(kempas.to_string())
    );
    assert_eq!(
        page.attr("input[name=password]", "value").as_deref(),
        Some(""),
        "a password is never sent back"
    );
    assert_eq!(audit_count(&app, "user.create").await, 0);
}

#[tokio::test]
async fn each_bad_user_field_gets_its_own_message_never_a_500() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let kempas = unit_id(&app, "Polsek Kempas").await;
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
        (with(&good, "password", "pendek"), "password"),
    ];
    for (fields, field) in cases {
        let page = post(&mut app, "/admin/pengguna/baru", &fields).await;
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
    assert_eq!(audit_count(&app, "user.create").await, 0);
}

#[tokio::test]
async fn a_polda_admin_cannot_see_or_change_a_user_of_another_polda() {
    let mut app = TestApp::new().await;
    add_riau_admin(&app).await;
    app.login_as("admin.riau").await;
    let ketapang = user_id(&app, "polres.ketapang").await;
    let national = user_id(&app, "admin").await;

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
            ("sandi", vec![("password", PASSWORD)]),
            ("status", vec![("active", "0")]),
            ("penempatan", vec![("role", "liaison"), ("unit", "1")]),
        ] {
            app.post_form(&format!("/admin/pengguna/{id}/{path}"), &fields)
                .await
                .assert_status(StatusCode::NOT_FOUND);
        }
    }
    let active: bool =
        sqlx::query_scalar("select active from app_user where username = 'polres.ketapang'")
            .fetch_one(&app.pool)
            .await
            .expect("active");
    assert!(active);
    let polres_ketapang = unit_id(&app, "Polres Ketapang").await;
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
    add_riau_admin(&app).await;
    app.login_as("admin.riau").await;
    let pelalawan = unit_id(&app, "Polres Pelalawan").await;
    let ketapang = unit_id(&app, "Polres Ketapang").await;
    let riau = unit_id(&app, "Polda Riau").await;
    let good = new_officer(pelalawan);
    let as_admin = with(&good, "role", "admin");

    let national = post(
        &mut app,
        "/admin/pengguna/baru",
        &with(&as_admin, "unit", ""),
    )
    .await;
    let polres_admin = post(&mut app, "/admin/pengguna/baru", &as_admin).await;
    let elsewhere = post(
        &mut app,
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
    let kualakampar = user_id(&app, "polsek.kualakampar").await;
    let promote = app
        .post_form(
            &format!("/admin/pengguna/{kualakampar}/penempatan"),
            &[("role", "admin"), ("unit", "")],
        )
        .await;
    promote.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(promote.count("#unit-error"), 1);
    let riau_admin = post(
        &mut app,
        "/admin/pengguna/baru",
        &with(&as_admin, "unit", &riau.to_string()),
    )
    .await;
    riau_admin.assert_redirect_to("/admin/pengguna/");
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
    let user = user_id(&app, "polsek.kempas").await;
    let unit = unit_id(&app, "Polres Pelalawan").await;
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
                .post_form(
                    path,
                    &[("active", "0"), ("code", "14.05"), ("password", PASSWORD)],
                )
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
    let id = user_id(&app, "polsek.kempas").await;

    let off = app
        .post_form(&format!("/admin/pengguna/{id}/status"), &[("active", "0")])
        .await;

    off.assert_redirect_to(&format!("/admin/pengguna/{id}"));
    kempas.get("/akun/sandi").await.assert_redirect_to("/login");
    let refused = kempas.login_as("polsek.kempas").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let page = app.get(&off.location()).await;
    assert_eq!(page.text("td.status"), "Nonaktif");
    assert_eq!(audit_count(&app, "user.deactivate").await, 1);
    app.post_form(&format!("/admin/pengguna/{id}/status"), &[("active", "1")])
        .await
        .assert_redirect_to(&format!("/admin/pengguna/{id}"));
    kempas
        .login_as("polsek.kempas")
        .await
        .assert_redirect_to("/");
    assert_eq!(audit_count(&app, "user.reactivate").await, 1);
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let me = user_id(&app, "admin").await;

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
async fn an_admin_resets_a_password_the_old_sessions_end_and_it_is_audited() {
    let mut app = TestApp::new().await;
    let mut kempas = TestApp::with_pool(app.pool.clone()).await;
    kempas.login_as("polsek.kempas").await;
    app.login_as("admin").await;
    let id = user_id(&app, "polsek.kempas").await;
    let path = format!("/admin/pengguna/{id}/sandi");

    let short = app.post_form(&path, &[("password", "pendek")]).await;
    let done = app.post_form(&path, &[("password", PASSWORD)]).await;

    short.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        short.text("#password-error"),
        "Kata sandi minimal 10 karakter."
    );
    done.assert_redirect_to(&format!("/admin/pengguna/{id}?ok=sandi"));
    kempas.get("/akun/sandi").await.assert_redirect_to("/login");
    assert_eq!(
        kempas.login_as("polsek.kempas").await.status,
        StatusCode::UNAUTHORIZED
    );
    kempas
        .login("polsek.kempas", PASSWORD)
        .await
        .assert_redirect_to("/");
    let (actor, record_id): (String, Option<i64>) = sqlx::query_as(
        "select actor, record_id from audit_log where action = 'user.password_reset'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("one audit row");
    assert_eq!((actor.as_str(), record_id), ("admin", Some(id)));
}

#[tokio::test]
async fn a_new_polsek_under_polres_pelalawan_mapped_to_ukui_shows_in_the_directory() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let pelalawan = unit_id(&app, "Polres Pelalawan").await;

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
    assert_eq!(polda, Some(unit_id(&app, "Polda Riau").await));
    assert_eq!(institutions, 1);
}

#[tokio::test]
async fn bad_unit_input_and_bad_region_codes_are_field_errors() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let pelalawan = unit_id(&app, "Polres Pelalawan").await;
    let kempas = unit_id(&app, "Polsek Kempas").await;
    let riau = unit_id(&app, "Polda Riau").await;
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
    rename.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rename.text("#name-error"), "Nama satuan ini sudah dipakai.");
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
    let mut app = TestApp::new().await;
    app.login_as("admin").await;

    let unknown = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "koramil"),
                ("name", "Koramil 01/Ukui"),
                ("region", "14.05.99"),
            ],
        )
        .await;
    let derived = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "ppk"),
                ("name", "PPK Kedua"),
                ("region", "14.05.01"),
            ],
        )
        .await;
    let added = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "koramil"),
                ("name", "Koramil 01/Ukui"),
                ("region", "14.05.01"),
            ],
        )
        .await;
    let again = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "koramil"),
                ("name", "koramil 01/ukui"),
                ("region", "14.05.01"),
            ],
        )
        .await;

    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown.text("#region-error"),
        "Kode wilayah tidak ditemukan."
    );
    assert_eq!(
        unknown.attr("input[name=name]", "value").as_deref(),
        Some("Koramil 01/Ukui")
    );
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
    assert_eq!(audit_count(&app, "institution.create").await, 1);
}

#[tokio::test]
async fn a_polda_admin_adds_institutions_only_inside_their_province() {
    let mut app = TestApp::new().await;
    add_riau_admin(&app).await;
    app.login_as("admin.riau").await;

    let outside = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "kodim"),
                ("name", "Kodim 0604/Karawang"),
                ("region", "32.15"),
            ],
        )
        .await;
    let inside = app
        .post_form(
            "/admin/lembaga",
            &[
                ("kind", "kodim"),
                ("name", "Kodim 0313/Kampar"),
                ("region", "14.06"),
            ],
        )
        .await;

    outside.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outside.count("#region-error"), 1);
    inside.assert_redirect_to("/admin/lembaga");
    let listed = app.get("/admin/lembaga").await.texts("li.institution a");
    assert!(listed.contains(&"Kodim 0313/Kampar".to_string()));
    assert!(!listed.iter().any(|n| n.contains("Ketapang")), "{listed:?}");
}

#[tokio::test]
async fn every_admin_write_leaves_an_audit_row() {
    let mut app = TestApp::new().await;
    app.login_as("admin").await;
    let kempas = unit_id(&app, "Polsek Kempas").await;
    let pelalawan = unit_id(&app, "Polres Pelalawan").await;
    let created = post(&mut app, "/admin/pengguna/baru", &new_officer(kempas)).await;
    let user = created
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
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
        (
            format!("{user}/sandi"),
            vec![("password", "sandi-baru-sekali")],
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
    for (path, fields) in &writes {
        let page = app.post_form(path, fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.body);
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
    let renamed: String = sqlx::query_scalar(
        "select i.name from institution i join police_unit u on u.id = i.police_unit_id
         where u.name = 'Polsek Ukui Baru'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the unit's institution row follows its name");
    assert_eq!(renamed, "Polsek Ukui Baru");
}
