//! The route × role matrix: every route the source declares is listed here with what each kind of
//! person gets. A new route without a decision here fails `every_route_has_a_policy_decision`.

use axum::http::StatusCode;

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

/// (method, route as declared, [anonymous, admin, commander, liaison, official])
pub(crate) const MATRIX: &[(&str, &str, [E; 5])] = &[
    ("GET", "/", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/healthz", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/readyz", [Ok, Ok, Ok, Ok, Ok]),
    // off without SINERGI_METRICS_TOKEN (tests/it/ops.rs checks it with one)
    (
        "GET",
        "/metrics",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
    ("GET", "/static/{*file}", [Ok, Ok, Ok, Ok, Ok]),
    (
        "GET",
        "/lang/{code}",
        [Redirect, Redirect, Redirect, Redirect, Redirect],
    ),
    ("GET", "/privasi", [Ok, Ok, Ok, Ok, Ok]),
    (
        "GET",
        "/login",
        [Ok, Redirect, Redirect, Redirect, Redirect],
    ),
    (
        "POST",
        "/login",
        [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
    ),
    ("POST", "/logout", [Login, Login, Login, Login, Login]),
    ("GET", "/akun/sandi", [Login, Ok, Ok, Ok, Ok]),
    ("POST", "/akun/sandi", [Login, Ok, Ok, Ok, Ok]),
    ("GET", "/akun/profil", [Login, Ok, Ok, Ok, Ok]),
    ("POST", "/akun/profil", [Login, Ok, Ok, Ok, Ok]),
    ("GET", "/audit", [Login, Ok, Ok, Forbidden, Forbidden]),
    // officials have no dashboard: they are sent to their meetings
    ("GET", "/dasbor", [Login, Ok, Ok, Ok, Redirect]),
    ("GET", "/dasbor.csv", [Login, Ok, Ok, Ok, Redirect]),
    ("GET", "/dasbor/kecamatan", [Login, Ok, Ok, Ok, Redirect]),
    (
        "GET",
        "/dasbor/kecamatan.csv",
        [Login, Ok, Ok, Ok, Redirect],
    ),
    ("GET", "/dasbor/sanggahan", [Login, Ok, Ok, Ok, Redirect]),
    (
        "GET",
        "/dasbor/sanggahan.csv",
        [Login, Ok, Ok, Ok, Redirect],
    ),
    // the list's earlier name, kept as a permanent redirect
    (
        "GET",
        "/dasbor/sengketa",
        [Redirect, Redirect, Redirect, Redirect, Redirect],
    ),
    (
        "GET",
        "/dasbor/sengketa.csv",
        [Redirect, Redirect, Redirect, Redirect, Redirect],
    ),
    (
        "GET",
        "/dasbor/tindak-lanjut",
        [Login, Ok, Ok, Ok, Redirect],
    ),
    (
        "GET",
        "/dasbor/tindak-lanjut.csv",
        [Login, Ok, Ok, Ok, Redirect],
    ),
    ("GET", "/direktori", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/direktori/cari", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/direktori/{code}", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/satuan/{id}", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/lembaga/{id}", [Ok, Ok, Ok, Ok, Ok]),
    ("GET", "/pertemuan", [Login, Ok, Ok, Ok, Ok]),
    ("GET", "/pertemuan.csv", [Login, Ok, Ok, Ok, Ok]),
    (
        "GET",
        "/pertemuan/baru",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    (
        "POST",
        "/pertemuan/baru",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    ("GET", "/pertemuan/{id}", [Login, Ok, Ok, Ok, Ok]),
    (
        "GET",
        "/pertemuan/{id}/ubah",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    (
        "POST",
        "/pertemuan/{id}/ubah",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    ("GET", "/pertemuan/{id}/laporan", [Login, Ok, Ok, Ok, Ok]),
    (
        "POST",
        "/pertemuan/{id}/foto",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    (
        "GET",
        "/pertemuan/{id}/foto/{pid}/{size}",
        [Login, Ok, Ok, Ok, Ok],
    ),
    (
        "GET",
        "/pertemuan/{id}/konfirmasi",
        [Login, Ok, Ok, Ok, Forbidden],
    ),
    // (empty forms and unknown link ids: the officer may, but finds nothing)
    (
        "POST",
        "/pertemuan/{id}/konfirmasi/tautan",
        [Login, Forbidden, Forbidden, NotFound, Forbidden],
    ),
    (
        "POST",
        "/pertemuan/{id}/konfirmasi/tautan/{lid}/cabut",
        [Login, Forbidden, Forbidden, NotFound, Forbidden],
    ),
    (
        "POST",
        "/pertemuan/{id}/sanggahan/{aid}",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    (
        "POST",
        "/pertemuan/{id}/jawab",
        [Login, Forbidden, Forbidden, Forbidden, NotFound],
    ),
    (
        "POST",
        "/pertemuan/{id}/tindak-lanjut",
        [Login, Forbidden, Forbidden, Ok, Forbidden],
    ),
    ("GET", "/saya", [Login, Forbidden, Forbidden, Forbidden, Ok]),
    (
        "GET",
        "/k/{token}",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
    (
        "POST",
        "/k/{token}",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
    (
        "POST",
        "/k/{token}/tindak-lanjut/{cid}",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
    ("GET", "/tindak-lanjut", [Login, Ok, Ok, Ok, Ok]),
    ("GET", "/tindak-lanjut.csv", [Login, Ok, Ok, Ok, Ok]),
    ("GET", "/tindak-lanjut/{id}", [Login, Ok, Ok, Ok, Ok]),
    (
        "GET",
        "/tindak-lanjut/{id}/foto/{note}",
        [Login, NotFound, NotFound, NotFound, NotFound],
    ),
    (
        "POST",
        "/tindak-lanjut/{id}",
        [Login, Forbidden, Forbidden, Ok, Ok],
    ),
    (
        "GET",
        "/admin",
        [Login, Redirect, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/pengguna",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/pengguna/baru",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengguna/baru",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/pengguna/{id}",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengguna/{id}/penempatan",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengguna/{id}/profil",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengguna/{id}/sandi",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengguna/{id}/status",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/satuan",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/satuan/baru",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/satuan/baru",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/satuan/{id}",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/satuan/{id}",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/satuan/{id}/wilayah",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    // an empty form names no mapping: found nothing
    (
        "POST",
        "/admin/satuan/{id}/wilayah/hapus",
        [Login, NotFound, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/lembaga",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/lembaga",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    // issue 16: coverage by risk, kerawanan admin
    ("GET", "/dasbor/kerawanan", [Login, Ok, Ok, Ok, Redirect]),
    (
        "GET",
        "/admin/kerawanan",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/kerawanan",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "GET",
        "/admin/kerawanan/{id}",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/kerawanan/{id}",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    // issue 16: reminders (the demo commitment is long past its steps: nothing to send)
    ("GET", "/pengingat", [Login, Ok, Ok, Ok, Forbidden]),
    (
        "GET",
        "/pengingat/ringkasan",
        [Login, Ok, Ok, Ok, Forbidden],
    ),
    (
        "POST",
        "/pengingat/{id}/kirim",
        [Login, Forbidden, NotFound, NotFound, Forbidden],
    ),
    (
        "GET",
        "/admin/pengingat",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    (
        "POST",
        "/admin/pengingat",
        [Login, Ok, Forbidden, Forbidden, Forbidden],
    ),
    // issue 16: calendar feeds (no such token: not found)
    ("GET", "/kalender", [Login, Ok, Ok, Ok, Ok]),
    ("POST", "/kalender/baru", [Login, Ok, Ok, Ok, Ok]),
    (
        "POST",
        "/kalender/cabut",
        [Login, Redirect, Redirect, Redirect, Redirect],
    ),
    (
        "GET",
        "/kalender/{file}",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
    (
        "GET",
        "/pertemuan/{id}/kalender.ics",
        [Login, Ok, Ok, Ok, Ok],
    ),
    // issue 13: public verification of a printed report (no such code: not found)
    (
        "GET",
        "/verifikasi/{code}",
        [NotFound, NotFound, NotFound, NotFound, NotFound],
    ),
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
    let meeting = app
        .scalar_i64("select id from meeting where idempotency_key = 'demo-kuala-kampar-2024'")
        .await;
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
