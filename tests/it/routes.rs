//! The route × role matrix: every route the source declares is listed here with what each kind of
//! person gets. A new route without a decision here fails `every_route_has_a_policy_decision`.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

/// What a person gets: the page, the login redirect, a refusal, or "not found in your scope".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum E {
    Ok,
    Login,
    Forbidden,
    NotFound,
    /// a redirect that is not the login page (e.g. /login when already logged in)
    Redirect,
}
use E::*;

// The usual answers, by the columns of `MATRIX` (anonymous, admin, commander, liaison, official).

/// The page for anyone, signed in or not.
const ANYONE: [E; 5] = [Ok, Ok, Ok, Ok, Ok];
/// Anyone signed in; the login page otherwise.
const SIGNED_IN: [E; 5] = [Login, Ok, Ok, Ok, Ok];
/// The police (admins, commanders, liaisons); officials are sent to their meetings.
const POLICE: [E; 5] = [Login, Ok, Ok, Ok, Redirect];
/// The liaison officer who logs meetings; refused to everyone else signed in.
const LIAISONS: [E; 5] = [Login, Forbidden, Forbidden, Ok, Forbidden];
/// Admins only.
const ADMINS: [E; 5] = [Login, Ok, Forbidden, Forbidden, Forbidden];
/// Not found for anyone (switched off, or no such token or code).
const NO_ONE: [E; 5] = [NotFound, NotFound, NotFound, NotFound, NotFound];
/// A redirect for anyone.
const REDIRECTED: [E; 5] = [Redirect, Redirect, Redirect, Redirect, Redirect];

/// (method, route as declared, [anonymous, admin, commander, liaison, official]), one row a line.
#[rustfmt::skip]
pub(crate) const MATRIX: &[(&str, &str, [E; 5])] = &[
    ("GET", "/", ANYONE),
    ("GET", "/healthz", ANYONE),
    ("GET", "/readyz", ANYONE),
    // off without SINERGI_METRICS_TOKEN (tests/it/ops.rs checks it with one)
    ("GET", "/metrics", NO_ONE),
    ("GET", "/static/{*file}", ANYONE),
    ("GET", "/lang/{code}", REDIRECTED),
    ("GET", "/privasi", ANYONE),
    ("GET", "/login", [Ok, Redirect, Redirect, Redirect, Redirect]),
    ("POST", "/login", [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ("POST", "/logout", [Login, Login, Login, Login, Login]),
    ("GET", "/akun/sandi", SIGNED_IN),
    ("POST", "/akun/sandi", SIGNED_IN),
    ("GET", "/akun/profil", SIGNED_IN),
    ("POST", "/akun/profil", SIGNED_IN),
    ("GET", "/audit", [Login, Ok, Ok, Forbidden, Forbidden]),
    // officials have no dashboard: they are sent to their meetings
    ("GET", "/dasbor", POLICE),
    ("GET", "/dasbor.csv", POLICE),
    ("GET", "/dasbor/kecamatan", POLICE),
    ("GET", "/dasbor/kecamatan.csv", POLICE),
    ("GET", "/dasbor/sanggahan", POLICE),
    ("GET", "/dasbor/sanggahan.csv", POLICE),
    // the list's earlier name, kept as a permanent redirect
    ("GET", "/dasbor/sengketa", REDIRECTED),
    ("GET", "/dasbor/sengketa.csv", REDIRECTED),
    ("GET", "/dasbor/tindak-lanjut", POLICE),
    ("GET", "/dasbor/tindak-lanjut.csv", POLICE),
    ("GET", "/direktori", ANYONE),
    ("GET", "/direktori/cari", ANYONE),
    ("GET", "/direktori/{code}", ANYONE),
    ("GET", "/satuan/{id}", ANYONE),
    ("GET", "/lembaga/{id}", ANYONE),
    ("GET", "/pertemuan", SIGNED_IN),
    ("GET", "/pertemuan.csv", SIGNED_IN),
    ("GET", "/pertemuan/baru", LIAISONS),
    ("POST", "/pertemuan/baru", LIAISONS),
    ("GET", "/pertemuan/{id}", SIGNED_IN),
    ("GET", "/pertemuan/{id}/ubah", LIAISONS),
    ("POST", "/pertemuan/{id}/ubah", LIAISONS),
    ("GET", "/pertemuan/{id}/laporan", SIGNED_IN),
    ("POST", "/pertemuan/{id}/foto", LIAISONS),
    ("GET", "/pertemuan/{id}/foto/{pid}/{size}", SIGNED_IN),
    ("GET", "/pertemuan/{id}/konfirmasi", [Login, Ok, Ok, Ok, Forbidden]),
    // (empty forms and unknown link ids: the officer may, but finds nothing)
    ("POST", "/pertemuan/{id}/konfirmasi/tautan", [Login, Forbidden, Forbidden, NotFound, Forbidden]),
    ("POST", "/pertemuan/{id}/konfirmasi/tautan/{lid}/cabut", [Login, Forbidden, Forbidden, NotFound, Forbidden]),
    ("POST", "/pertemuan/{id}/sanggahan/{aid}", LIAISONS),
    ("POST", "/pertemuan/{id}/jawab", [Login, Forbidden, Forbidden, Forbidden, NotFound]),
    ("POST", "/pertemuan/{id}/tindak-lanjut", LIAISONS),
    ("GET", "/saya", [Login, Forbidden, Forbidden, Forbidden, Ok]),
    ("GET", "/k/{token}", NO_ONE),
    ("POST", "/k/{token}", NO_ONE),
    ("POST", "/k/{token}/tindak-lanjut/{cid}", NO_ONE),
    ("GET", "/tindak-lanjut", SIGNED_IN),
    ("GET", "/tindak-lanjut.csv", SIGNED_IN),
    ("GET", "/tindak-lanjut/{id}", SIGNED_IN),
    ("GET", "/tindak-lanjut/{id}/foto/{note}", [Login, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/tindak-lanjut/{id}", [Login, Forbidden, Forbidden, Ok, Ok]),
    ("GET", "/admin", [Login, Redirect, Forbidden, Forbidden, Forbidden]),
    ("GET", "/admin/pengguna", ADMINS),
    ("GET", "/admin/pengguna/baru", ADMINS),
    ("POST", "/admin/pengguna/baru", ADMINS),
    ("GET", "/admin/pengguna/{id}", ADMINS),
    ("POST", "/admin/pengguna/{id}/penempatan", ADMINS),
    ("POST", "/admin/pengguna/{id}/profil", ADMINS),
    ("POST", "/admin/pengguna/{id}/sandi", ADMINS),
    ("POST", "/admin/pengguna/{id}/status", ADMINS),
    ("GET", "/admin/satuan", ADMINS),
    ("GET", "/admin/satuan/baru", ADMINS),
    ("POST", "/admin/satuan/baru", ADMINS),
    ("GET", "/admin/satuan/{id}", ADMINS),
    ("POST", "/admin/satuan/{id}", ADMINS),
    ("POST", "/admin/satuan/{id}/wilayah", ADMINS),
    // an empty form names no mapping: found nothing
    ("POST", "/admin/satuan/{id}/wilayah/hapus", [Login, NotFound, Forbidden, Forbidden, Forbidden]),
    ("GET", "/admin/lembaga", ADMINS),
    ("POST", "/admin/lembaga", ADMINS),
    // issue 16: coverage by risk, kerawanan admin
    ("GET", "/dasbor/kerawanan", POLICE),
    ("GET", "/admin/kerawanan", ADMINS),
    ("POST", "/admin/kerawanan", ADMINS),
    ("GET", "/admin/kerawanan/{id}", ADMINS),
    ("POST", "/admin/kerawanan/{id}", ADMINS),
    // issue 16: reminders (the demo commitment is long past its steps: nothing to send)
    ("GET", "/pengingat", [Login, Ok, Ok, Ok, Forbidden]),
    ("GET", "/pengingat/ringkasan", [Login, Ok, Ok, Ok, Forbidden]),
    ("POST", "/pengingat/{id}/kirim", [Login, Forbidden, NotFound, NotFound, Forbidden]),
    ("GET", "/admin/pengingat", ADMINS),
    ("POST", "/admin/pengingat", ADMINS),
    // issue 16: calendar feeds (no such token: not found)
    ("GET", "/kalender", SIGNED_IN),
    ("POST", "/kalender/baru", SIGNED_IN),
    ("POST", "/kalender/cabut", [Login, Redirect, Redirect, Redirect, Redirect]),
    ("GET", "/kalender/{file}", NO_ONE),
    ("GET", "/pertemuan/{id}/kalender.ics", SIGNED_IN),
    // issue 13: public verification of a printed report (no such code: not found)
    ("GET", "/verifikasi/{code}", NO_ONE),
];

pub(crate) const PEOPLE: [Option<&str>; 5] = [
    None,
    Some("admin"),
    Some("polres.pelalawan"),
    Some("polsek.kualakampar"),
    Some("ppk.kualakampar"),
];

/// Every `.route("…", get(…).post(…))` in src/, as (method, path).
fn declared_routes() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut rest = text.as_str();
            while let Some(i) = rest.find(".route(") {
                rest = &rest[i + 7..];
                let mut depth = 1;
                let end = rest
                    .char_indices()
                    .find(|(_, c)| {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        depth == 0
                    })
                    .map(|(i, _)| i)
                    .unwrap_or(rest.len());
                let call = &rest[..end];
                let Some(route) = call.split('"').nth(1) else {
                    continue;
                };
                let compact: String = call.split_whitespace().collect();
                if compact.contains(",get(") {
                    out.push(("GET".to_string(), route.to_string()));
                }
                if compact.contains(",post(") || compact.contains(".post(") {
                    out.push(("POST".to_string(), route.to_string()));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_route_has_a_policy_decision() {
    let mut listed: Vec<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    listed.sort();
    let declared = declared_routes();
    let missing: Vec<_> = declared.iter().filter(|r| !listed.contains(r)).collect();
    let stale: Vec<_> = listed.iter().filter(|r| !declared.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "routes without a decision in the matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for routes that no longer exist: {stale:?}"
    );
}

/// A concrete path for a declared route, with ids from the demo data.
pub(crate) async fn concrete(app: &TestApp, route: &str) -> String {
    let q = |sql: &'static str| async move { app.scalar_i64(sql).await.to_string() };
    let meeting =
        q("select id from meeting where idempotency_key = 'demo-kuala-kampar-2024'").await;
    let mut p = route.replace("{*file}", "app.css").replace(
        "{code}",
        if route.starts_with("/lang") {
            "id"
        } else {
            "14.05.10"
        },
    );
    if route.starts_with("/pertemuan/{id}") {
        p = p.replace("{id}", &meeting);
    } else if route.starts_with("/tindak-lanjut/{id}") || route.starts_with("/pengingat/{id}") {
        p = p.replace("{id}", &q("select id from commitment where what like 'Menyiapkan pengamanan gudang logistik PPK%'").await);
    } else if route.starts_with("/satuan/{id}") || route.starts_with("/admin/satuan/{id}") {
        p = p.replace(
            "{id}",
            &q("select id from police_unit where name = 'Polsek Kuala Kampar'").await,
        );
    } else if route.starts_with("/lembaga/{id}") {
        p = p.replace(
            "{id}",
            &q("select id from institution where kind = 'ppk' and region_code = '14.05.10'").await,
        );
    } else if route.starts_with("/admin/kerawanan/{id}") {
        p = p.replace("{id}", &q("select min(id) from kerawanan").await);
    } else if route.starts_with("/admin/pengguna/{id}") {
        p = p.replace(
            "{id}",
            &q("select id from app_user where username = 'polsek.kempas'").await,
        );
    }
    p.replace("{pid}", &q("select id from photo limit 1").await)
        .replace("{size}", "kecil.jpg")
        .replace("{lid}", "999999")
        .replace("{note}", "999999")
        .replace("{note}", "999999")
        .replace("{aid}", "999999")
        .replace("{cid}", "1")
        .replace("{token}", &"ab".repeat(32))
}

fn classify(status: StatusCode, location: &str) -> E {
    match status.as_u16() {
        200..=299 | 422 | 409 => Ok,
        303 | 302 | 307 if location.starts_with("/login") => Login,
        300..=399 => Redirect,
        403 => Forbidden,
        404 => NotFound,
        400 => Ok,
        other => panic!("unexpected status {other}"),
    }
}

#[tokio::test]
async fn each_role_gets_what_the_matrix_says_on_every_route() {
    let app = TestApp::new().await;
    let meeting = app.meeting_id("demo-kuala-kampar-2024").await;
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    sqlx::query("insert into photo (meeting_id, width, height, image, thumb, sha256) values ($1, 4, 4, $2, $2, 'x')")
        .bind(meeting)
        .bind(&png)
        .execute(&app.pool)
        .await
        .expect("photo");
    let mut failures = Vec::new();
    for (who, person) in PEOPLE.iter().enumerate() {
        for (method, route, expected) in MATRIX {
            // a fresh session per request so logout and password changes do not leak between rows
            let mut client = TestApp::with_pool(app.pool.clone()).await;
            if let Some(p) = person {
                client.login_as(p).await;
            }
            let path = concrete(&app, route).await;
            let page = if *method == "GET" {
                client.get(&path).await
            } else {
                client.post_form(&path, &[]).await
            };
            let got = classify(page.status, &page.location());
            if got != expected[who] {
                failures.push(format!(
                    "{method} {path} as {}: expected {:?}, got {:?} ({})",
                    person.unwrap_or("anonymous"),
                    expected[who],
                    got,
                    page.status
                ));
            }
        }
    }
    app.pool.close().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
