//! Offline drafting, continued (issue 15): photos chosen without signal and their upload keys,
//! drafts of the edit form (kept, sent once, a stale one shown with both values), a repeat visit on
//! a weak link, and every page's weight with its CSS and scripts.

use std::time::Instant;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

use crate::build::Lookup;
use crate::helpers::TestApp;
use crate::offline::{browser, meetings_titled, officer_at_the_form_without_signal};

/// A JPEG as a phone camera would make it (larger than the 1600 px the app keeps), under /tmp.
fn camera_photo(name: &str, width: u32, height: u32) -> String {
    let dir = std::env::temp_dir().join("offline-photos");
    std::fs::create_dir_all(&dir).expect("photo dir");
    let path = dir.join(format!("{name}-{}.jpg", std::process::id()));
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    img.save(&path).expect("write jpeg");
    path.to_string_lossy().into_owned()
}

/// The upload form of a meeting's photo page, as offline.js sends a queued photo.
fn queued_photo(key: &str, width: u32) -> (String, Vec<u8>) {
    let boundary = "sinergi-offline-boundary";
    let mut jpeg = Vec::new();
    image::DynamicImage::new_rgb8(width, 500)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("encode");
    let mut body = Vec::new();
    for (name, value) in [("caption", ""), ("key", key)] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"foto.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&jpeg);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn photo_count(db: &impl Lookup, meeting: i64) -> i64 {
    db.one("select count(*) from photo where meeting_id = $1", meeting)
        .await
}

#[tokio::test]
async fn a_queued_photo_sent_again_under_its_key_is_kept_once() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let path = format!("/pertemuan/{id}/foto");
    let before = photo_count(&app, id).await;
    let last: i64 = app.single("select coalesce(max(id), 0) from photo").await;

    let (ct, body) = queued_photo("3f9a0c1e5b7d2a4c-p0", 700);
    app.post_raw(&path, &ct, body)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    // the answer was lost; the phone sends the photo again under the same key (re-encoded: other bytes)
    let (ct, body) = queued_photo("3f9a0c1e5b7d2a4c-p0", 701);
    app.post_raw(&path, &ct, body)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    assert_eq!(photo_count(&app, id).await, before + 1, "kept once");

    let (ct, body) = queued_photo("3f9a0c1e5b7d2a4c-p1", 702);
    app.post_raw(&path, &ct, body).await;
    assert_eq!(
        photo_count(&app, id).await,
        before + 2,
        "the next photo of the queue is a new one"
    );
    // a key the server cannot take is no key: the photo is still kept
    let (ct, body) = queued_photo("../../etc/passwd", 703);
    app.post_raw(&path, &ct, body)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    assert_eq!(photo_count(&app, id).await, before + 3);
    let keys: Vec<Option<String>> = app
        .all(
            "select upload_key from photo where id > $1 order by id",
            last,
        )
        .await;
    assert_eq!(
        keys,
        [
            Some("3f9a0c1e5b7d2a4c-p0".to_string()),
            Some("3f9a0c1e5b7d2a4c-p1".to_string()),
            None
        ]
    );

    // the key does not reach past its meeting, nor past what the officer may edit
    app.logout().await;
    app.login_as("polsek.kempas").await;
    let (ct, body) = queued_photo("3f9a0c1e5b7d2a4c-p2", 704);
    let refused = app.post_raw(&path, &ct, body).await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
    assert_eq!(photo_count(&app, id).await, before + 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_chosen_without_signal_is_resized_on_the_phone_and_attached_once_despite_a_lost_answer()
 {
    let photo = camera_photo("teluk-dalam", 2400, 1800);
    let (gate, b) = officer_at_the_form_without_signal().await;

    let title = "Ngopi bareng dengan foto tanpa sinyal";
    b.fill_meeting(title).await;
    let key = b.draft_key().await;
    b.wait("#draft-photo")
        .await
        .send_keys(&photo)
        .await
        .expect("choose the photo");
    b.expect_text("#draft-photo-count", "1 foto menunggu").await;
    b.click("button.save").await;
    b.expect_draft_kept().await;
    b.client.refresh().await.expect("reload while offline");
    b.wait(&format!("li.draft[data-key='{key}']")).await;
    assert!(
        b.text(&format!("li.draft[data-key='{key}'] .draft-state"))
            .await
            .contains("1 foto menunggu"),
        "the photo is queued with its meeting"
    );

    // the first upload is kept by the server but its answer never arrives
    gate.lose_photos
        .store(1, std::sync::atomic::Ordering::SeqCst);
    b.signal_lost(&gate, false).await;
    b.until_no_draft(40, "draft and photo sent").await;
    let uploads = gate.paths().iter().filter(|p| p.ends_with("/foto")).count();
    assert_eq!(uploads, 2, "the photo was sent again after the lost answer");
    assert_eq!(meetings_titled(&b, title).await, 1, "one meeting");
    let photos: Vec<(i32, i32, Option<String>)> = sqlx::query_as(
        "select p.width, p.height, p.upload_key from photo p join meeting m on m.id = p.meeting_id
         where m.title = $1",
    )
    .bind(title)
    .fetch_all(&b.pool)
    .await
    .expect("photos");
    assert_eq!(
        photos,
        [(1600, 1200, Some(format!("{key}-p0")))],
        "one photo, resized, under its key"
    );
    b.stop().await;
}

/// The demo Kuala Kampar meeting's edit page, ready to open without signal.
async fn edit_ready_offline(b: &crate::browser::Browser) -> (i64, i32) {
    let id = b.meeting_id("demo-kuala-kampar-2024").await;
    let version: i32 = b.one("select version from meeting where id = $1", id).await;
    b.login("polsek.kualakampar").await;
    b.page_ready_offline(&format!("/pertemuan/{id}/ubah"), "form.meeting-form")
        .await;
    (id, version)
}

async fn stored_title(b: &crate::browser::Browser, id: i64) -> (String, i32) {
    b.row("select title, version from meeting where id = $1", id)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_typed_without_signal_survives_a_reload_and_is_saved_once_when_the_signal_returns()
{
    let (gate, b) = browser().await;
    let (id, version) = edit_ready_offline(&b).await;
    b.signal_lost(&gate, true).await;

    let title = "Koordinasi pengamanan gudang logistik (diubah di lapangan)";
    b.fill("#title", title).await;
    b.expect_text("li.draft .draft-title", &format!("Ubah: {title}"))
        .await;
    b.client.refresh().await.expect("reload while offline");
    b.wait("form.meeting-form").await;
    b.until(
        &format!(
            "return document.getElementById('title').value === {}",
            json!(title)
        ),
        10,
        "the typed title is back after the reload",
    )
    .await;

    b.click("button.save").await;
    b.expect_draft_kept().await;
    b.expect_text("#net", "1 draf menunggu sinyal").await;
    assert_ne!(stored_title(&b, id).await.0, title, "nothing sent yet");

    b.signal_lost(&gate, false).await;
    b.until(
        &format!("return location.pathname === '/pertemuan/{id}'"),
        30,
        "the meeting page after the edit was sent",
    )
    .await;
    b.expect_text("h1", title).await;
    assert_eq!(
        stored_title(&b, id).await,
        (title.to_string(), version + 1),
        "saved once"
    );
    b.stop_with_no_draft_left().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_draft_overtaken_by_someone_else_comes_back_with_both_values_and_is_kept() {
    let (gate, b) = browser().await;
    let (id, _) = edit_ready_offline(&b).await;
    b.signal_lost(&gate, true).await;
    b.fill("#title", "Judul saya dari lapangan").await;
    b.click("button.save").await;
    b.expect_text("#net", "1 draf menunggu sinyal").await;

    b.exec_with(
        "update meeting set title = 'Judul dari orang lain', version = version + 1 where id = $1",
        id,
    )
    .await;
    b.signal_lost(&gate, false).await;
    b.wait("p.conflict").await;
    b.expect_text(".current-title", "Judul dari orang lain")
        .await;
    assert_eq!(b.value("#title").await, "Judul saya dari lapangan");
    b.wait("li.draft[data-state=stale]").await;
    assert_eq!(
        stored_title(&b, id).await.0,
        "Judul dari orang lain",
        "the newer save is not overwritten behind the officer's back"
    );

    // the draft survives a reload with both values, and saving it again is a deliberate choice
    b.client.refresh().await.expect("reload");
    b.expect_text(".current-title", "Judul dari orang lain")
        .await;
    assert_eq!(b.value("#title").await, "Judul saya dari lapangan");
    b.click("button.save").await;
    b.expect_text("h1", "Judul saya dari lapangan").await;
    assert_eq!(stored_title(&b, id).await.0, "Judul saya dari lapangan");
    b.stop_with_no_draft_left().await;
}

/// 1 Mbit/s each way (bytes per second) and 300 ms of latency: one bar of 3G.
const WEAK_LINK: (u64, i64) = (300, 125_000);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeat_visit_to_the_meeting_list_on_a_weak_link_shows_content_within_1_5_s() {
    let (gate, b) = browser().await;
    b.login("polsek.kualakampar").await;
    b.page_ready_offline("/pertemuan", "main h1").await;
    let (latency, bandwidth) = WEAK_LINK;
    b.network(false, latency, bandwidth).await;
    // the service worker's own requests bypass chromedriver's emulation: the gate adds the latency
    gate.delay_ms
        .store(latency, std::sync::atomic::Ordering::SeqCst);
    gate.paths().clear();

    let started = Instant::now();
    b.goto("/pertemuan").await;
    let loaded = started.elapsed();
    b.wait("li.meeting").await;
    let shown = b
        .js("return performance.getEntriesByType('navigation')[0].domInteractive")
        .await
        .as_f64()
        .expect("navigation timing");
    let fetched = gate.paths().clone();
    println!(
        "weak link repeat visit: list in the DOM {shown:.0} ms after navigation start (load event seen by the driver {} ms); fetched {fetched:?}",
        loaded.as_millis()
    );
    assert!(shown < 1500.0, "list shown after {shown} ms");
    assert!(
        !fetched.iter().any(|p| p.starts_with("/static/")),
        "the shell comes from the service worker's cache: {fetched:?}"
    );
    assert!(fetched.iter().any(|p| p == "/pertemuan"), "{fetched:?}");
    b.stop().await;
}

/// The size in bytes of `path` as a browser gets it with gzip (compressed: asserted).
async fn gzipped(app: &TestApp, cookie: &str, path: &str) -> usize {
    let mut req = Request::get(path)
        .header(header::ACCEPT_ENCODING, "gzip")
        .header(header::COOKIE, format!("sinergi_sid={cookie}"))
        .body(Body::empty())
        .expect("request");
    req.extensions_mut().insert(ConnectInfo(app.ip));
    let resp = sinergi::app(app.state.clone())
        .oneshot(req)
        .await
        .expect("router");
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    assert_eq!(
        resp.headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..]),
        "{path} is sent compressed"
    );
    resp.into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .len()
}

/// The gzip bytes of the CSS and of the scripts a page links (and the service worker it installs).
async fn shell(app: &mut TestApp, cookie: &str) -> (usize, usize) {
    let page = app.get("/pertemuan").await;
    let (mut css, mut js) = (0, gzipped(app, cookie, "/static/sw.js").await);
    for (sel, attr) in [("link[rel=stylesheet]", "href"), ("script[src]", "src")] {
        for a in page
            .doc()
            .select(&scraper::Selector::parse(sel).expect("css"))
        {
            let size = gzipped(app, cookie, a.value().attr(attr).expect("link")).await;
            *(if attr == "href" { &mut css } else { &mut js }) += size;
        }
    }
    (css, js)
}

#[tokio::test]
async fn every_page_stays_under_30_kb_compressed_with_its_css_and_the_officers_with_the_scripts_too()
 {
    const LIMIT: usize = 30 * 1024;
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    // (who, pages, whether the scripts count too: the officer's pages on a phone in the field)
    for (user, paths, with_js) in [
        (
            "polsek.kualakampar",
            vec![
                "/".to_string(),
                "/pertemuan".into(),
                "/pertemuan/baru".into(),
                format!("/pertemuan/{id}"),
                format!("/pertemuan/{id}/ubah"),
                "/tindak-lanjut".into(),
                "/direktori".into(),
            ],
            true,
        ),
        (
            "admin",
            vec![
                "/dasbor".into(),
                "/dasbor/kecamatan".into(),
                "/audit".into(),
                "/admin/pengguna".into(),
            ],
            false,
        ),
    ] {
        app.login_as(user).await;
        let cookie = app.session_cookie().expect("signed in");
        let (css, js) = shell(&mut app, &cookie).await;
        for path in paths {
            let size = gzipped(&app, &cookie, &path).await;
            println!("{path}: page {size} B + CSS {css} B + scripts {js} B (gzip)");
            let counted = size + css + if with_js { js } else { 0 };
            assert!(counted <= LIMIT, "{path}: {counted} B");
        }
        app.logout().await;
    }
}
