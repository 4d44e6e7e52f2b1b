//! End-to-end tests in a real headless Chromium through chromedriver (harness notes in README "Tests").

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::build::Lookup;
use crate::helpers::fresh_pool;

/// The app on a real socket, a chromedriver and a Chromium session; all stopped on drop.
pub struct Browser {
    pub client: Client,
    pub base: String,
    /// chromedriver's own address, for its vendor endpoints (network emulation in offline.rs)
    pub(crate) driver_url: String,
    driver: Child,
    profile: std::path::PathBuf,
    server: Option<tokio::task::JoinHandle<()>>,
    #[allow(dead_code)]
    pub pool: sqlx::PgPool,
}

impl Browser {
    pub async fn start() -> Self {
        Self::launch(false).await
    }

    /// The same with the viewport of a 390 × 844 phone (a desktop window cannot be that narrow).
    pub async fn start_phone() -> Self {
        Self::launch(true).await
    }

    async fn launch(phone: bool) -> Self {
        Self::launch_wrapped(phone, |app| app).await
    }

    /// A browser on the app with `wrap` around it (offline.rs loses a response on purpose).
    pub(crate) async fn launch_wrapped(
        phone: bool,
        wrap: impl FnOnce(axum::Router) -> axum::Router,
    ) -> Self {
        let pool = fresh_pool().await;
        let mut config = sinergi::Config::for_tests();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        config.public_url = format!("http://{addr}");
        let state = sinergi::AppState::load(pool.clone(), config)
            .await
            .expect("state");
        let app =
            wrap(sinergi::app(state)).into_make_service_with_connect_info::<std::net::SocketAddr>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let (client, driver, profile, driver_url) = Self::chromium(phone).await;
        Self {
            client,
            base: format!("http://{addr}"),
            driver_url,
            driver,
            profile,
            server: Some(server),
            pool,
        }
    }

    /// A second, separate browser (no cookies) against the server of `base`.
    pub async fn start_on(base: &str) -> Self {
        let (client, driver, profile, driver_url) = Self::chromium(false).await;
        let pool = crate::helpers::fresh_pool().await;
        Self {
            client,
            base: base.to_string(),
            driver_url,
            driver,
            profile,
            server: None,
            pool,
        }
    }

    async fn chromium(phone: bool) -> (Client, Child, std::path::PathBuf, String) {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("addr").port()
        };
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (apt-get install chromium chromium-driver)");
        let profile =
            std::env::temp_dir().join(format!("sinergi-chrome-{}-{port}", std::process::id()));
        let mut caps = serde_json::Map::new();
        let mut options = serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=390,844", format!("--user-data-dir={}", profile.display())]
        });
        if phone {
            options["mobileEmulation"] = serde_json::json!({ "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0 } });
        }
        caps.insert("goog:chromeOptions".into(), options);
        let mut client = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let client = client.expect("a chromedriver session");
        (client, driver, profile, format!("http://127.0.0.1:{port}"))
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("goto");
    }

    pub async fn click_link(&self, text: &str) {
        for _ in 0..100 {
            if self.client.find(Locator::LinkText(text)).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.click_found(Locator::LinkText(text), &format!("link {text}"))
            .await;
    }

    /// Clicks the element `locator` finds (`what` names it if there is none).
    async fn click_found(&self, locator: Locator<'_>, what: &str) {
        self.client
            .find(locator)
            .await
            .unwrap_or_else(|_| panic!("{what}"))
            .click()
            .await
            .expect("click");
    }

    pub async fn text(&self, css: &str) -> String {
        // pages load after a click: wait up to 10 s for the element
        for _ in 0..100 {
            if let Ok(e) = self.client.find(Locator::Css(css)).await
                && let Ok(t) = e.text().await
            {
                return t;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.evidence(&css.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
            .await;
        panic!("element {css} never appeared")
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
        {
            out.push(e.text().await.expect("text"));
        }
        out
    }

    pub async fn fill(&self, css: &str, value: &str) {
        self.wait(css).await;
        let e = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("field {css}"));
        e.clear().await.expect("clear");
        e.send_keys(value).await.expect("type");
    }

    pub async fn login(&self, username: &str) {
        self.goto("/login").await;
        self.fill("input[name=username]", username).await;
        self.fill("input[name=password]", sinergi::demo::DEMO_PASSWORD)
            .await;
        self.client
            .find(Locator::Css("form button[type=submit]"))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
        self.wait("header .who a.me").await;
    }

    /// Saves a screenshot and the page source under target/e2e-failures for a failed step.
    pub async fn evidence(&self, name: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
        if let Ok(src) = self.client.source().await {
            let _ = std::fs::write(dir.join(format!("{name}.html")), src);
        }
    }

    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(s) = self.server.take() {
            s.abort();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_walks_the_directory_down_to_a_districts_election_bodies() {
    let b = Browser::start().await;
    b.goto("/direktori").await;
    b.click_link("14 Riau").await;
    b.expect_text("h1", "Provinsi Riau").await;
    b.click_link("Kabupaten Pelalawan").await;
    b.expect_text("h1", "Kabupaten/Kota Kabupaten Pelalawan")
        .await;
    b.click_link("Kuala Kampar").await;
    b.expect_text("h1", "Kecamatan Kuala Kampar").await;
    let heading = b.text("h1").await;
    let bodies = b.texts(".institutions li a").await;
    if heading != "Kecamatan Kuala Kampar" {
        b.evidence("directory").await;
    }
    assert_eq!(heading, "Kecamatan Kuala Kampar");
    assert!(
        bodies.contains(&"PPK Kecamatan Kuala Kampar".to_string()),
        "{bodies:?}"
    );
    assert!(
        bodies.contains(&"Panwaslu Kecamatan Kuala Kampar".to_string()),
        "{bodies:?}"
    );
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commander_logs_in_reads_the_audit_page_and_logs_out() {
    let b = Browser::start().await;
    b.login("polres.pelalawan").await;
    b.click_link("Jejak audit").await;
    b.expect_text("h1", "Jejak audit").await;
    b.click("header form button").await;
    b.expect_text("h1", "Masuk").await;
    b.goto("/audit").await;
    assert_eq!(
        b.text("h1").await,
        "Masuk",
        "after logout the audit page asks to log in"
    );
    b.stop().await;
}

impl Browser {
    pub async fn set_value(&self, css: &str, value: &str) {
        let script = "document.querySelector(arguments[0]).value = arguments[1];";
        self.client
            .execute(script, vec![css.into(), value.into()])
            .await
            .expect("set value");
    }

    pub async fn select(&self, css: &str, value: &str) {
        let e = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("select {css}"));
        e.select_by_value(value).await.expect("select option");
    }

    /// The element matching `css`, waiting up to 10 s for the page to show it.
    pub async fn wait(&self, css: &str) -> fantoccini::elements::Element {
        for _ in 0..100 {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.evidence(&css.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
            .await;
        panic!("element {css} never appeared")
    }

    /// Waits until the element's text is `expected` (the page may still be loading).
    pub async fn expect_text(&self, css: &str, expected: &str) {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(e) = self.client.find(Locator::Css(css)).await
                && let Ok(t) = e.text().await
            {
                if t == expected {
                    return;
                }
                last = t;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.evidence("expect_text").await;
        assert_eq!(last, expected, "{css}");
    }

    pub async fn click(&self, css: &str) {
        self.wait(css).await;
        let center = "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});";
        self.client
            .execute(center, vec![css.into()])
            .await
            .expect("scroll");
        self.click_found(Locator::Css(css), &format!("element {css}"))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_logs_the_kuala_kampar_meeting_on_a_phone_finds_it_and_prints_it() {
    let b = Browser::start().await;
    let ppk = b.institution_id("ppk", "14.05.10").await;
    let panwas = b.institution_id("panwascam", "14.05.10").await;
    b.login("polsek.kualakampar").await;
    b.goto("/pertemuan/baru").await;
    b.click("input[name=type][value=ngopi_bareng]").await;
    b.click("input[name=type][value=cooling_system]").await;
    b.fill("#title", "Coffee morning Teluk Dalam").await;
    b.set_value("#date", "2024-10-26").await;
    b.set_value("#time", "10:00").await;
    b.select("#district_code", "14.05.10").await;
    b.fill("#venue_name", "D'Dion Coffee").await;
    b.click("input[name=topic][value=gudang_logistik]").await;
    b.select("#a1-inst", &ppk.to_string()).await;
    b.fill("#a1-name", "Hendri Pandita").await;
    b.fill("#a1-mem", "4").await;
    b.select("#a2-inst", &panwas.to_string()).await;
    b.fill("#a2-name", "Ahmadi").await;
    b.fill(
        "#minutes",
        "Pengamanan gudang logistik dan kesiapan TPS dibahas bersama.",
    )
    .await;
    b.click("button.save").await;
    b.expect_text("h1", "Coffee morning Teluk Dalam").await;
    assert_eq!(
        b.texts("tr.attendee td.inst").await.len(),
        3,
        "the Kapolsek's row plus PPK and Panwascam"
    );

    let photo = std::env::temp_dir().join(format!("sinergi-e2e-{}.png", std::process::id()));
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(1200, 900)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    std::fs::write(&photo, png).expect("write photo");
    let input = b
        .client
        .find(Locator::Css("#photo"))
        .await
        .expect("file input");
    input
        .send_keys(&photo.display().to_string())
        .await
        .expect("choose file");
    b.click("form.upload button").await;
    b.wait(".photos img").await;
    assert_eq!(b.texts(".photos img").await.len(), 1);

    b.goto("/pertemuan?q=gudang").await;
    b.click_link("Coffee morning Teluk Dalam").await;
    b.click_link("Laporan (cetak)").await;
    assert_eq!(
        b.text(".report h1").await.to_uppercase(),
        "LAPORAN HASIL KEGIATAN"
    );
    let _ = std::fs::remove_file(photo);
    b.stop().await;
}

/// The officer's confirmation page shows `line` of `meeting` as present; then the browser stops.
async fn sees_present(b: Browser, meeting: i64, line: i64) {
    b.goto(&format!("/pertemuan/{meeting}/konfirmasi")).await;
    let state = b
        .text(&format!("tr[data-attendee='{line}'] td.state"))
        .await;
    assert!(state.starts_with("hadir"), "{state}");
    b.stop().await;
}

/// On the confirmation page of `meeting`, clicks an officer's "create link" button and opens the
/// link the page then shows once in a second, separate browser.
async fn open_new_link(b: &Browser, meeting: i64, button: &str) -> Browser {
    b.goto(&format!("/pertemuan/{meeting}/konfirmasi")).await;
    b.click(button).await;
    let link = b
        .wait("input.link-url")
        .await
        .attr("value")
        .await
        .expect("value")
        .expect("url");
    let other = Browser::start_on(&b.base).await;
    other.client.goto(&link).await.expect("open link");
    other
}

/// On the answer page: "present", sent and thanked for.
async fn answer_present(other: &Browser) {
    other.click("input[name=answer][value=present]").await;
    other.click("form button.btn").await;
    other
        .expect_text("p.ok", "Terima kasih, jawaban Anda sudah tercatat.")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_confirms_from_a_link_in_a_second_browser_and_the_officer_sees_hadir() {
    let b = Browser::start().await;
    let id = b.meeting_id("demo-kempas-2024").await;
    b.login("polsek.kempas").await;
    b.goto(&format!("/pertemuan/{id}/konfirmasi")).await;
    let jawardi = b.attendee_id(id, "Jawardi").await;
    b.exec_with(
        "update attendee set confirmation = 'pending' where id = $1",
        jawardi,
    )
    .await;
    let other = open_new_link(
        &b,
        id,
        &format!("tr[data-attendee='{jawardi}'] button.make-link"),
    )
    .await;
    other
        .expect_text(".me", "Jawardi (Ketua PPK Kecamatan Kempas)")
        .await;
    answer_present(&other).await;
    other.stop().await;

    sees_present(b, id, jawardi).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_member_picks_their_own_line_from_a_team_link_and_the_officer_sees_it() {
    let b = Browser::start().await;
    let id = b.meeting_id("demo-kempas-2024").await;
    let (ppk, member): (i64, i64) = b
        .row(
            "insert into attendee (meeting_id, institution_id, person_name, position, sort)
         select meeting_id, institution_id, 'Sri Lestari', 'Anggota PPK', 9 from attendee
         where meeting_id = $1 and person_name = 'Jawardi'
         returning institution_id, id",
            id,
        )
        .await;
    b.login("polsek.kempas").await;
    let other = open_new_link(
        &b,
        id,
        &format!("li[data-institution='{ppk}'] button.make-team-link"),
    )
    .await;
    other
        .expect_text(".team-institution", "PPK Kecamatan Kempas")
        .await;
    other
        .click(&format!("input[name=attendee_id][value='{member}']"))
        .await;
    answer_present(&other).await;
    other
        .expect_text(
            &format!("li.team-line[data-attendee='{member}'] .state"),
            "hadir",
        )
        .await;
    other.stop().await;

    sees_present(b, id, member).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ppk_marks_done_the_polsek_verifies_and_the_polres_no_longer_sees_it_open() {
    let b = Browser::start().await;
    let cid: i64 = b.single("select id from commitment where what like 'Menyiapkan pengamanan gudang logistik PPK%'").await;
    b.login("ppk.kualakampar").await;
    b.goto(&format!("/tindak-lanjut/{cid}")).await;
    b.fill("#body", "Gudang PPK dijaga bergiliran bersama Linmas.")
        .await;
    b.click("button.a-done").await;
    b.expect_text(".status", "Selesai (menunggu verifikasi)")
        .await;
    b.click("header form button").await;
    b.expect_text("h1", "Masuk").await;

    b.login("polsek.kualakampar").await;
    b.goto(&format!("/tindak-lanjut/{cid}")).await;
    b.click("button.a-verify").await;
    b.expect_text(".status", "Terverifikasi").await;
    b.click("header form button").await;
    b.expect_text("h1", "Masuk").await;

    b.login("polres.pelalawan").await;
    b.goto("/tindak-lanjut?status=open").await;
    let open = b.texts("li.commitment a.what").await;
    assert!(
        !open
            .iter()
            .any(|w| w.starts_with("Menyiapkan pengamanan gudang logistik PPK")),
        "{open:?}"
    );
    b.goto("/tindak-lanjut?status=verified").await;
    assert!(
        b.texts("li.commitment a.what")
            .await
            .iter()
            .any(|w| w.starts_with("Menyiapkan pengamanan gudang logistik PPK"))
    );
    b.stop().await;
}

impl crate::build::Lookup for Browser {
    fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }
}
