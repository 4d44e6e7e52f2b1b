//! Offline drafting in a real Chromium: the service worker, drafts kept in IndexedDB, and the
//! "send once" rule under lost signal (chromedriver's network emulation), lost responses, a
//! validation error, two tabs and a logout.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode};
use http_body_util::Full;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::build::Lookup;

pub(crate) const PASS: u8 = 0;
/// The server commits the meeting, then the connection drops before any answer is written.
pub(crate) const LOSE: u8 = 1;
/// The meeting POST waits 1.5 s before the server handles it (two tabs overlap).
const SLOW: u8 = 2;

/// What happens between the browser and the app: `down` drops every connection unanswered (no
/// signal, for the service worker too, which chromedriver's emulation does not reach); `mode` is
/// what happens to `POST /pertemuan/baru`, and `posts` how many of those arrived; `delay_ms` holds
/// every request back that long (a slow link, for the service worker's requests too).
#[derive(Clone, Default)]
pub(crate) struct Gate {
    pub(crate) down: Arc<AtomicBool>,
    mode: Arc<AtomicU8>,
    posts: Arc<AtomicUsize>,
    pub(crate) delay_ms: Arc<AtomicU64>,
    paths: Arc<Mutex<Vec<String>>>,
    /// how many photo uploads still to lose after the server kept them
    pub(crate) lose_photos: Arc<AtomicUsize>,
}

impl Gate {
    pub(crate) fn wrap(&self, app: axum::Router) -> axum::Router {
        let gate = self.clone();
        app.layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| {
                let gate = gate.clone();
                async move {
                    if gate.down.load(Ordering::SeqCst) {
                        std::panic::resume_unwind(Box::new("no signal"))
                    }
                    gate.paths().push(req.uri().path().to_string());
                    let delay = gate.delay_ms.load(Ordering::SeqCst);
                    if delay > 0 {
                        tokio::time::sleep(Duration::from_millis(delay)).await;
                    }
                    let photo = req.uri().path().ends_with("/foto");
                    if req.method() == Method::POST && photo && gate.lose_one_photo() {
                        drop(next.run(req).await);
                        std::panic::resume_unwind(Box::new("photo answer lost on purpose"))
                    }
                    if req.method() != Method::POST || req.uri().path() != "/pertemuan/baru" {
                        return next.run(req).await;
                    }
                    gate.posts.fetch_add(1, Ordering::SeqCst);
                    match gate.mode.load(Ordering::SeqCst) {
                        LOSE => {
                            let answered = next.run(req).await;
                            drop(answered);
                            // no panic message: the connection task just ends without a response
                            std::panic::resume_unwind(Box::new("response lost on purpose"))
                        }
                        SLOW => {
                            tokio::time::sleep(Duration::from_millis(1500)).await;
                            next.run(req).await
                        }
                        _ => next.run(req).await,
                    }
                }
            },
        ))
    }
    pub(crate) fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
    pub(crate) fn posts(&self) -> usize {
        self.posts.load(Ordering::SeqCst)
    }
    fn lose_one_photo(&self) -> bool {
        self.lose_photos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
    /// The path of every request that reached the app, in order.
    pub(crate) fn paths(&self) -> MutexGuard<'_, Vec<String>> {
        self.paths.lock().expect("paths")
    }
}

/// A browser whose traffic to the app passes the gate returned with it.
pub(crate) async fn browser() -> (Gate, Browser) {
    let gate = Gate::default();
    let b = Browser::launch_wrapped(false, |app| gate.wrap(app)).await;
    (gate, b)
}

/// A browser with Polsek Kuala Kampar's officer on the new-meeting form, kept for offline use,
/// and then the signal gone.
pub(crate) async fn officer_at_the_form_without_signal() -> (Gate, Browser) {
    let (gate, b) = browser().await;
    b.login("polsek.kualakampar").await;
    b.form_ready_offline().await;
    b.signal_lost(&gate, true).await;
    (gate, b)
}

impl Browser {
    /// No signal (`true`) or signal back: chromedriver's network emulation for the page, and the
    /// gate for everything else.
    pub(crate) async fn signal_lost(&self, gate: &Gate, lost: bool) {
        gate.down.store(lost, Ordering::SeqCst);
        self.offline(lost).await;
    }

    /// Turns chromedriver's network emulation on (no network at all) or off.
    async fn offline(&self, offline: bool) {
        self.network(offline, 0, -1).await;
    }

    /// chromedriver's network emulation (DevTools `Network.emulateNetworkConditions`): `latency_ms`
    /// added to each request, `bytes_per_s` each way (-1: no limit).
    pub(crate) async fn network(&self, offline: bool, latency_ms: u64, bytes_per_s: i64) {
        let sid = self
            .client
            .session_id()
            .await
            .expect("session")
            .expect("session id");
        let body = json!({"network_conditions": {"offline": offline, "latency": latency_ms,
                          "download_throughput": bytes_per_s, "upload_throughput": bytes_per_s}});
        let req = Request::post(format!(
            "{}/session/{sid}/chromium/network_conditions",
            self.driver_url
        ))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("request");
        let http = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .build_http::<Full<Bytes>>();
        let resp = http.request(req).await.expect("chromedriver answers");
        assert_eq!(resp.status(), StatusCode::OK, "network conditions set");
    }

    pub(crate) async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("script")
    }

    /// Waits up to `secs` seconds for `script` (which may return a promise) to return true.
    pub(crate) async fn until(&self, script: &str, secs: u64, what: &str) {
        for _ in 0..secs * 5 {
            if self.js(script).await == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.evidence(&what.replace(' ', "_")).await;
        panic!("{what}: never happened");
    }

    /// Opens the meeting form until the service worker controls it and keeps it for this officer.
    pub(crate) async fn form_ready_offline(&self) {
        self.page_ready_offline("/pertemuan/baru", "form.meeting-form")
            .await;
    }

    /// Opens `path` (showing `css`) until the service worker controls it and keeps it for this officer.
    pub(crate) async fn page_ready_offline(&self, path: &str, css: &str) {
        for _ in 0..5 {
            self.goto(path).await;
            self.wait(css).await;
            let ready = format!(
                "return (async () => {{ if (!navigator.serviceWorker.controller) return false; \
                const u = document.querySelector('meta[name=sinergi-user]').content; \
                const c = await caches.open('pages-' + u); \
                return !!(await c.match('{path}', {{ignoreVary: true}})); }})()"
            );
            for _ in 0..15 {
                if self.js(&ready).await == json!(true) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        panic!("the service worker never kept {path}");
    }

    /// Fills the parts of a valid meeting every test needs.
    pub(crate) async fn fill_meeting(&self, title: &str) {
        self.click("input[name=type][value=ngopi_bareng]").await;
        self.fill("#title", title).await;
        self.set_value("#date", "2024-10-26").await;
        self.set_value("#time", "10:00").await;
        self.select("#district_code", "14.05.10").await;
        self.fill("#venue_name", "D'Dion Coffee").await;
        self.click("input[name=topic][value=gudang_logistik]").await;
        self.fill(
            "#minutes",
            "Pengamanan gudang logistik dan kesiapan TPS dibahas bersama.",
        )
        .await;
    }

    /// The form's idempotency key: the draft's id.
    pub(crate) async fn draft_key(&self) -> String {
        self.wait("input[name=idem]")
            .await
            .prop("value")
            .await
            .expect("value")
            .expect("key")
    }

    /// Waits up to `secs` seconds for the draft list to empty (`what` names the wait).
    pub(crate) async fn until_no_draft(&self, secs: u64, what: &str) {
        self.until("return !document.querySelector('li.draft')", secs, what)
            .await;
    }

    /// The form says the draft is kept on the phone until there is signal.
    pub(crate) async fn expect_draft_kept(&self) {
        self.expect_text(
            "#draft-notice",
            "Tersimpan di ponsel ini. Akan dikirim otomatis saat ada sinyal.",
        )
        .await;
    }

    /// The meeting list shows no draft any more; then the browser stops.
    pub(crate) async fn stop_with_no_draft_left(self) {
        self.goto("/pertemuan").await;
        self.wait("main h1").await;
        assert!(self.texts("li.draft").await.is_empty(), "no draft left");
        self.stop().await;
    }

    pub(crate) async fn value(&self, css: &str) -> String {
        self.wait(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }
}

pub(crate) async fn meetings_titled(db: &impl Lookup, title: &str) -> i64 {
    db.one("select count(*) from meeting where title = $1", title)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_logged_without_signal_with_its_follow_ups_survives_a_reload_and_is_sent_once_when_the_signal_returns()
 {
    let (gate, b) = officer_at_the_form_without_signal().await;
    let (ppk, panwas) = (
        b.institution_id("ppk", "14.05.10").await.to_string(),
        b.institution_id("panwascam", "14.05.10").await.to_string(),
    );

    let title = "Ngopi bareng tanpa sinyal di Teluk Dalam";
    b.fill_meeting(title).await;
    b.select("#a1-inst", &ppk).await;
    b.fill("#a1-name", "Hendri Pandita").await;
    b.select("#a2-inst", &panwas).await;
    b.fill("#a2-name", "Ahmadi").await;
    b.click("button[name=action][value=add_row]").await;
    b.select("#a3-inst", &ppk).await;
    b.fill("#a3-name", "Sri Lestari").await;
    b.fill("#a3-pos", "Anggota PPK").await;
    b.select("#c0-owner", &ppk).await;
    b.fill("#c0-what", "Serah terima kunci gudang logistik")
        .await;
    b.fill("#c0-due", "H-1").await;
    b.select("#c0-done", "tidak").await;
    b.click("fieldset.followups button[data-add-row]").await;
    b.wait("#c1-what").await;
    b.select("#c1-owner", &panwas).await;
    b.fill("#c1-what", "Patroli gudang setiap malam").await;
    b.fill("#c1-from", "H-3").await;
    b.fill("#c1-due", "H+1").await;
    b.select("#c1-done", "tidak").await;
    let key = b.draft_key().await;
    b.click("button.save").await;

    b.expect_draft_kept().await;
    b.expect_text("#net", "1 draf menunggu sinyal").await;
    assert_eq!(meetings_titled(&b, title).await, 0, "nothing sent");

    b.client.refresh().await.expect("reload while offline");
    b.wait("form.meeting-form").await;
    b.expect_text(&format!("li.draft[data-key='{key}'] .draft-title"), title)
        .await;
    assert_eq!(
        b.value("#title").await,
        title,
        "the draft is back in the form"
    );
    assert_eq!(b.value("#a3-name").await, "Sri Lestari");
    assert_eq!(b.value("#c1-what").await, "Patroli gudang setiap malam");
    assert_eq!(b.value("#c1-from").await, "H-3");
    assert_eq!(b.draft_key().await, key, "the draft keeps its key");
    b.expect_text("#net", "1 draf menunggu sinyal").await;

    b.signal_lost(&gate, false).await;
    b.until_no_draft(30, "draft list emptied").await;
    assert_eq!(meetings_titled(&b, title).await, 1, "exactly one meeting");
    let attendees: Vec<String> = b
        .all(
            "select a.person_name from attendee a join meeting m on m.id = a.meeting_id
             where m.title = $1 order by a.sort",
            title,
        )
        .await;
    assert_eq!(
        attendees[1..],
        ["Hendri Pandita", "Ahmadi", "Sri Lestari"],
        "{attendees:?}"
    );
    let follow_ups: Vec<String> = b
        .all(
            "select c.what from commitment c join meeting m on m.id = c.meeting_id
             where m.title = $1 order by c.id",
            title,
        )
        .await;
    assert_eq!(
        follow_ups,
        [
            "Serah terima kunci gudang logistik",
            "Patroli gudang setiap malam"
        ],
        "the follow-ups came with the meeting"
    );
    b.stop_with_no_draft_left().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_lost_after_the_server_saved_the_meeting_still_makes_one_meeting_on_retry() {
    let (gate, b) = browser().await;
    b.login("polsek.kualakampar").await;
    b.goto("/pertemuan/baru").await;
    let title = "Rapat dengan jawaban yang hilang";
    b.fill_meeting(title).await;
    gate.set(LOSE);
    b.click("button.save").await;

    b.expect_draft_kept().await;
    assert_eq!(meetings_titled(&b, title).await, 1, "the server saved it");
    assert_eq!(b.texts("li.draft").await.len(), 1, "the draft is kept");

    gate.set(PASS);
    b.until_no_draft(30, "draft sent again").await;
    assert_eq!(meetings_titled(&b, title).await, 1, "still one meeting");
    assert!(gate.posts() >= 2, "the draft was sent again");
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_the_server_refuses_comes_back_with_the_messages_and_is_kept() {
    let (gate, b) = officer_at_the_form_without_signal().await;
    b.fill_meeting("x").await;
    b.fill("#title", "").await;
    b.fill("#venue_name", "Balai desa Kempas").await;
    b.click("button.save").await;
    b.expect_text("#net", "1 draf menunggu sinyal").await;

    b.signal_lost(&gate, false).await;
    b.wait("#title-error").await;
    assert_eq!(
        b.value("#venue_name").await,
        "Balai desa Kempas",
        "the officer's input is back"
    );
    b.wait("li.draft[data-state=invalid]").await;
    assert_eq!(
        b.single::<i64>("select count(*) from meeting where venue_name = 'Balai desa Kempas'")
            .await,
        0
    );

    b.client.refresh().await.expect("reload");
    b.wait("#title-error").await;
    b.fill("#title", "Koordinasi di balai desa Kempas").await;
    b.click("button.save").await;
    b.expect_text("h1", "Koordinasi di balai desa Kempas").await;
    assert_eq!(
        meetings_titled(&b, "Koordinasi di balai desa Kempas").await,
        1
    );
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_holding_the_same_draft_send_it_once() {
    let (gate, b) = officer_at_the_form_without_signal().await;
    let title = "Satu draf di dua tab";
    b.fill_meeting(title).await;
    let key = b.draft_key().await;
    b.click("button.save").await;
    b.expect_text("#net", "1 draf menunggu sinyal").await;

    let first = b.client.window().await.expect("window");
    let second = b.client.new_window(true).await.expect("tab").handle;
    b.client.switch_to_window(second).await.expect("switch");
    b.signal_lost(&gate, true).await;
    b.goto(&format!("/pertemuan/baru#draf={key}")).await;
    b.wait(&format!("li.draft[data-key='{key}']")).await;
    assert_eq!(b.value("#title").await, title);

    gate.set(SLOW);
    b.signal_lost(&gate, false).await;
    b.js("window.dispatchEvent(new Event('online'))").await;
    b.client.switch_to_window(first).await.expect("back");
    b.signal_lost(&gate, false).await;
    b.js("window.dispatchEvent(new Event('online'))").await;
    b.until_no_draft(30, "draft sent").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(meetings_titled(&b, title).await, 1, "one meeting");
    assert_eq!(gate.posts(), 1, "the draft went over the wire once");
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_logout_no_page_of_the_previous_officer_is_served_from_the_cache() {
    let (gate, b) = browser().await;
    b.login("polsek.kualakampar").await;
    b.form_ready_offline().await;
    b.goto("/pertemuan").await;
    b.wait("main h1").await;
    b.click("header form button").await;
    b.expect_text("h1", "Masuk").await;
    let left = b
        .js("return caches.keys().then(k => k.filter(n => n.startsWith('pages-') || n === 'sinergi-meta'))")
        .await;
    assert_eq!(left, json!([]), "no page cache left");

    b.signal_lost(&gate, true).await;
    for path in ["/pertemuan", "/pertemuan/baru"] {
        b.goto(path).await;
        b.expect_text("h1", "Anda sedang offline").await;
        assert!(
            b.texts("form.meeting-form, header .who a.me")
                .await
                .is_empty()
        );
    }
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_installable_with_a_manifest_icons_and_a_service_worker() {
    let b = Browser::start().await;
    b.login("polsek.kualakampar").await;
    b.goto("/pertemuan").await;
    let manifest = b
        .js("return fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
        .await;
    assert_eq!(manifest["short_name"], "Sinergi");
    assert_eq!(manifest["lang"], "id");
    assert_eq!(manifest["display"], "standalone");
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .expect("icons")
        .iter()
        .filter_map(|i| i["sizes"].as_str())
        .collect();
    assert!(
        sizes.contains(&"192x192") && sizes.contains(&"512x512"),
        "{sizes:?}"
    );
    b.until(
        "return navigator.serviceWorker.getRegistration('/').then(r => !!(r && r.active))",
        15,
        "service worker active",
    )
    .await;
    let health = b.js("return fetch('/healthz').then(r => r.text())").await;
    assert_eq!(health, json!("ok"), "the health check reaches the server");
    b.stop().await;
}
