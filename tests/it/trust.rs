//! Issue #13: redirects, login throttling behind proxies, cache headers, log redaction and
//! decompression bombs — each a hole a hostile link holder or a busy proxy could use.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use sinergi::Config;
use sinergi::auth::throttle::PER_USER_AND_CLIENT;
use tower::ServiceExt;

use crate::build::Lookup;
use crate::helpers::{TestApp, fresh_pool};

#[tokio::test]
async fn a_signed_in_login_page_never_redirects_off_site_or_fails_on_control_characters() {
    let mut app = TestApp::signed_in("polsek.kempas").await;
    for next in [
        "/%09/evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "//evil.example",
        "/%5C/evil.example",
        "https://evil.example",
        "/%C3%A9",
    ] {
        let page = app.get(&format!("/login?next={next}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "next={next}");
        assert_eq!(page.location(), "/", "next={next}");
    }
    let page = app.get("/login?next=/pertemuan%3Ffrom%3D2024-01-01").await;
    assert_eq!(page.location(), "/pertemuan?from=2024-01-01");
}

#[tokio::test]
async fn a_login_with_a_tab_in_next_lands_on_the_start_page() {
    let mut app = TestApp::new().await;
    let form = app.get("/login?next=/%09/evil.example").await;
    assert_eq!(form.attr("input[name=next]", "value").as_deref(), Some("/"));
    let csrf = form.attr("input[name=csrf]", "value").expect("csrf");
    let page = app
        .post_form(
            "/login",
            &[
                ("username", "admin"),
                ("password", sinergi::demo::DEMO_PASSWORD),
                ("csrf", &csrf),
                ("next", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/");
}

/// A login POST as a browser at `peer` would send it, optionally through a proxy header.
fn login_request(
    csrf: &str,
    username: &str,
    password: &str,
    peer: SocketAddr,
    forwarded_for: Option<&str>,
) -> Request<Body> {
    let body = format!(
        "username={}&password={}&csrf={}",
        sinergi::web::url_encode(username),
        sinergi::web::url_encode(password),
        sinergi::web::url_encode(csrf)
    );
    let mut req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(xff) = forwarded_for {
        req = req.header("x-forwarded-for", xff);
    }
    let mut req = req.body(Body::from(body)).expect("request");
    req.extensions_mut().insert(ConnectInfo(peer));
    req
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_wrong_logins_run_few_hashes_and_get_429_or_503() {
    let app = TestApp::new().await;
    let router = sinergi::app(app.state.clone());
    let csrf = sinergi::web::form_token(&app.state.secret);
    let peer: SocketAddr = "198.51.100.7:4000".parse().expect("addr");
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let req = login_request(&csrf, "polsek.kempas", "salah-salah-salah", peer, None);
        let router = router.clone();
        set.spawn(async move { router.oneshot(req).await.map(|r| r.status()) });
    }
    let mut statuses = Vec::new();
    while let Some(done) = set.join_next().await {
        statuses.push(done.expect("task").expect("infallible"));
    }
    let count = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
    let limits = &app.state.login_limits;
    assert_eq!(count(StatusCode::OK) + count(StatusCode::SEE_OTHER), 0);
    assert!(
        limits.hashes_done() <= PER_USER_AND_CLIENT,
        "{} hashes for one name from one client",
        limits.hashes_done()
    );
    assert!(limits.peak_hashes() <= limits.slots());
    assert!(count(StatusCode::TOO_MANY_REQUESTS) >= 200 - PER_USER_AND_CLIENT);
    assert_eq!(
        count(StatusCode::UNAUTHORIZED)
            + count(StatusCode::TOO_MANY_REQUESTS)
            + count(StatusCode::SERVICE_UNAVAILABLE),
        200,
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_logins_from_many_clients_never_hashes_more_than_the_slots_allow() {
    let app = TestApp::new().await;
    let router = sinergi::app(app.state.clone());
    let csrf = sinergi::web::form_token(&app.state.secret);
    let mut set = tokio::task::JoinSet::new();
    for i in 0..200u32 {
        let peer: SocketAddr = format!("198.51.{}.{}:4000", i / 200, i % 200 + 1)
            .parse()
            .expect("addr");
        let req = login_request(&csrf, &format!("tamu{i}"), "salah-salah", peer, None);
        let router = router.clone();
        set.spawn(async move { router.oneshot(req).await.map(|r| r.status()) });
    }
    let mut statuses = Vec::new();
    while let Some(done) = set.join_next().await {
        statuses.push(done.expect("task").expect("infallible"));
    }
    let limits = &app.state.login_limits;
    assert!(limits.peak_hashes() <= limits.slots());
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn a_typo_prone_officer_does_not_lock_out_colleagues_behind_the_same_proxy() {
    let mut app = TestApp::new().await;
    // The whole Polres reaches Sinergi through one address (a proxy or NAT).
    app.ip = "203.0.113.10:443".parse().expect("addr");
    let mut refused = 0;
    for _ in 0..PER_USER_AND_CLIENT + 5 {
        if app.login("polsek.kempas", "salah-ketik").await.status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert_eq!(refused, 5);
    let mut colleague = app.another_browser();
    colleague
        .login_as("polsek.kualakampar")
        .await
        .assert_redirect_to("/");
}

/// The status `router` answers `req` with.
async fn status_of(router: &axum::Router, req: Request<Body>) -> StatusCode {
    router.clone().oneshot(req).await.expect("ok").status()
}

#[tokio::test]
async fn forwarded_for_is_ignored_from_untrusted_peers_and_believed_from_trusted_proxies() {
    let pool = fresh_pool().await;
    let state_untrusted = TestApp::with_pool(pool.clone()).await.state;
    let peer: SocketAddr = "10.0.0.5:3000".parse().expect("addr");
    let mut config = Config::for_tests();
    config.trusted_proxies = sinergi::config::parse_cidrs("10.0.0.0/8").expect("cidr");
    let trusted = TestApp::with_config(pool.clone(), config).await;
    let csrf = sinergi::web::form_token(&trusted.state.secret);
    // Untrusted: a client behind "different" forwarded addresses is still one client.
    let untrusted_router = sinergi::app(state_untrusted.clone());
    let mut last = StatusCode::OK;
    for i in 0..PER_USER_AND_CLIENT + 1 {
        let xff = format!("192.0.2.{}", i + 1);
        let req = login_request(&csrf, "polsek.kempas", "salah-salah", peer, Some(&xff));
        last = status_of(&untrusted_router, req).await;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Trusted: each forwarded client has its own count.
    let trusted_router = sinergi::app(trusted.state.clone());
    for i in 0..PER_USER_AND_CLIENT + 1 {
        let xff = format!("192.0.2.{}, 10.0.0.9", i + 1);
        let req = login_request(&csrf, "polsek.kempas", "salah-salah", peer, Some(&xff));
        assert_eq!(
            status_of(&trusted_router, req).await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn the_audit_hashes_the_forwarded_client_only_behind_a_trusted_proxy() {
    let pool = fresh_pool().await;
    let mut config = Config::for_tests();
    config.trusted_proxies = sinergi::config::parse_cidrs("10.1.0.0/16").expect("cidr");
    for (trusted, expected_ip) in [(false, "10.1.2.3"), (true, "192.0.2.44")] {
        let mut app = if trusted {
            TestApp::with_config(pool.clone(), config.clone()).await
        } else {
            TestApp::with_pool(pool.clone()).await
        };
        let current = if trusted {
            "sandi-baru-false-123"
        } else {
            sinergi::demo::DEMO_PASSWORD
        };
        app.login("polsek.kempas", current).await;
        let form = app.get("/akun/sandi").await;
        form.assert_status(StatusCode::OK);
        let new = format!("sandi-baru-{trusted}-123");
        let mut req = Request::post("/akun/sandi")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", "192.0.2.44")
            .body(Body::from(format!(
                "current={current}&new={new}&repeat={new}"
            )))
            .expect("request");
        req.extensions_mut().insert(ConnectInfo(app.ip));
        if let Some(c) = app.session_cookie() {
            req.headers_mut().insert(
                header::COOKIE,
                format!("sinergi_sid={c}").parse().expect("cookie"),
            );
        }
        app.request(req).await.assert_status(StatusCode::OK);
        let hash: String = sqlx::query_scalar(
            "select ip_hash from audit_log where action = 'password.change' order by id desc limit 1",
        )
        .fetch_one(&pool)
        .await
        .expect("audit row");
        assert_eq!(
            hash,
            app.state.hash_ip(expected_ip.parse().expect("ip")),
            "trusted={trusted}"
        );
    }
}

#[tokio::test]
async fn signed_in_pages_csvs_and_link_pages_are_never_stored_by_caches() {
    let mut app = TestApp::new().await;
    let link = app.get(&format!("/k/{}", "ab".repeat(32))).await;
    assert_eq!(link.headers[header::CACHE_CONTROL], "no-store, private");
    app.login_as("polres.pelalawan").await;
    for path in [
        "/",
        "/pertemuan",
        "/pertemuan.csv",
        "/dasbor",
        "/tindak-lanjut.csv",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(
            page.headers[header::CACHE_CONTROL],
            "no-store, private",
            "{path}"
        );
        assert!(
            page.headers
                .get(header::STRICT_TRANSPORT_SECURITY)
                .is_none()
        );
    }
    // Static assets keep their own long cache.
    let css = app.get("/static/app.css").await;
    assert_ne!(css.headers[header::CACHE_CONTROL], "no-store, private");
}

#[tokio::test]
async fn under_https_every_answer_carries_hsts() {
    let mut config = Config::for_tests();
    config.public_url = "https://sinergi.polres.example".into();
    config.secure_cookies = true;
    let mut app = TestApp::with_config(fresh_pool().await, config).await;
    for path in ["/", "/login", "/tidak-ada"] {
        let page = app.get(path).await;
        assert_eq!(
            page.headers[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000",
            "{path}"
        );
    }
}

/// The real server's own log (a process of its own, so no other test shares its tracing state).
#[tokio::test]
async fn link_tokens_never_reach_the_log() {
    let url = crate::helpers::fresh_db_url().await;
    let server =
        crate::live::Server::start(&url, &[("RUST_LOG", "sinergi=debug,tower_http=debug")]);
    let mut holder = server.browser();
    let token = "c0ffee".repeat(10) + "abcd";
    holder.get(&format!("/k/{token}")).await;
    holder
        .post_form(&format!("/k/{token}"), &[("answer", "hadir")])
        .await;
    holder
        .post_form(&format!("/k/{token}/tindak-lanjut/1"), &[])
        .await;
    let mut lines = server.startup.clone();
    let mut finished = 0;
    while let Ok(l) = server.lines.recv_timeout(std::time::Duration::from_secs(3)) {
        finished += usize::from(l.contains("finished processing request"));
        lines.push(l);
        if finished >= 3 {
            break;
        }
    }
    let text = lines.join("\n");
    assert!(text.contains("/k/…"), "{text}");
    assert!(!text.contains(&token), "{text}");
    assert!(!text.contains(&token[..16]), "{text}");
}

fn photo_form(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "sinergi-bomb-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"bom.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A real PNG whose header declares `w` × `h` pixels (its data is one tiny pixel).
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let mut c = 0xFFFF_FFFFu32;
    for b in &png[12..29] {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    png[29..33].copy_from_slice(&(!c).to_be_bytes());
    png
}

#[tokio::test]
async fn a_tiny_png_declaring_a_huge_picture_is_refused_next_to_the_photo_field() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let before = app.scalar_i64("select count(*) from photo").await;
    let (ct, body) = photo_form(&png_declaring(9_000, 9_000));
    let page = app
        .post_raw(&format!("/pertemuan/{id}/foto"), &ct, body)
        .await;
    page.assert_refused(
        "#photo-error",
        "Resolusi foto terlalu besar: paling banyak 40 megapiksel.",
    );
    assert_eq!(app.scalar_i64("select count(*) from photo").await, before);
}
