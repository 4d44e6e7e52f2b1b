//! Meetings: logging from the form, reading, scoping, editing safely, finding, exporting, photos.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::{Page, TestApp};

/// Posts a form kept in a `Vec` (e.g. [`kuala_kampar_form`]).
pub async fn post(app: &mut TestApp, path: &str, fields: &[(String, String)]) -> Page {
    app.post_fields(path, fields).await
}

/// The id of a demo meeting by its key.
pub async fn seed_meeting(app: &TestApp, key: &str) -> i64 {
    app.meeting_id(key).await
}

/// The page of the demo meeting with key `key`, as the signed-in person sees it.
async fn demo_meeting_page(app: &mut TestApp, key: &str) -> Page {
    let id = app.meeting_id(key).await;
    app.get(&format!("/pertemuan/{id}")).await
}

/// [`kuala_kampar_form`] with the key of the new-meeting form the signed-in officer opens.
pub async fn new_kuala_kampar_form(app: &mut TestApp) -> Vec<(String, String)> {
    let idem = app
        .get("/pertemuan/baru")
        .await
        .attr("input[name=idem]", "value")
        .expect("idem");
    kuala_kampar_form(app, &idem).await
}

/// The Kuala Kampar meeting as an officer would type it.
pub async fn kuala_kampar_form(app: &TestApp, idem: &str) -> Vec<(String, String)> {
    let host = app.unit_id("Polsek Kuala Kampar").await;
    let ppk = app.institution_id("ppk", "14.05.10").await;
    let panwas = app.institution_id("panwascam", "14.05.10").await;
    let f = |k: &str, v: &str| (k.to_string(), v.to_string());
    vec![
        f("idem", idem),
        f("host_unit_id", &host.to_string()),
        f("type", "ngopi_bareng"),
        f("type", "cooling_system"),
        f("title", "Ngopi bareng PPK dan Panwascam"),
        f("purpose", "Dalam rangka cooling system"),
        f("date", "2024-11-02"),
        f("time", "19:30"),
        f("duration", "90"),
        f("district_code", "14.05.10"),
        f("venue_name", "Warung Kopi Teluk Dalam"),
        f("venue_address", "Teluk Dalam"),
        f("election", "auto"),
        f("topic", "gudang_logistik"),
        f(
            "minutes",
            "Membahas keamanan gudang logistik PPK menjelang distribusi.",
        ),
        f("outcome", "Patroli gudang tiap malam."),
        f("status", "held"),
        f("a_id", ""),
        f("a_institution", &ppk.to_string()),
        f("a_new_kind", ""),
        f("a_new_name", ""),
        f("a_name", "Hendri Pandita"),
        f("a_position", "Ketua PPK"),
        f("a_rank", ""),
        f("a_members", "4"),
        f("a_represents", ""),
        f("a_phone", "0812-7654-3210"),
        f("a_attendance", "present"),
        f("a_id", ""),
        f("a_institution", &panwas.to_string()),
        f("a_new_kind", ""),
        f("a_new_name", ""),
        f("a_name", "Ahmadi"),
        f("a_position", "Ketua Panwaslu Kecamatan"),
        f("a_rank", ""),
        f("a_members", ""),
        f("a_represents", ""),
        f("a_phone", ""),
        f("a_attendance", "present"),
    ]
}

/// The signed-in officer posts Kuala Kampar's new-meeting form (a fresh key) with `field` set to
/// `value`.
async fn post_new_with(app: &mut TestApp, field: &str, value: &str) -> Page {
    let mut fields = new_kuala_kampar_form(app).await;
    set(&mut fields, field, value);
    app.post_fields("/pertemuan/baru", &fields).await
}

/// Sets the first field named `key` in a form as the browser would send it.
pub fn set(fields: &mut [(String, String)], key: &str, value: &str) {
    if let Some(f) = fields.iter_mut().find(|f| f.0 == key) {
        f.1 = value.to_string();
    }
}

#[tokio::test]
async fn a_polsek_officer_logs_a_meeting_and_reads_it_in_the_places_zone() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    form.assert_status(StatusCode::OK);
    let idem = form.attr("input[name=idem]", "value").expect("idem");
    let fields = kuala_kampar_form(&app, &idem).await;
    let created = app.post_fields("/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let page = app.get(&created.location()).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.text("h1"), "Ngopi bareng PPK dan Panwascam");
    assert_eq!(page.text(".when"), "Sabtu, 2 November 2024 pukul 19.30 WIB");
    assert_eq!(
        page.text(".election"),
        "Pilkada Serentak 2024 · tahap Kampanye · H-25"
    );
    assert_eq!(
        page.texts("tr.attendee td.inst"),
        vec![
            "PPK Kecamatan Kuala Kampar",
            "Panwaslu Kecamatan Kuala Kampar"
        ]
    );
    assert_eq!(
        page.texts("tr.attendee td.who")[0],
        "Hendri Pandita (Ketua PPK) beserta 4 anggota"
    );
    assert_eq!(
        page.texts("tr.attendee td.phone")[0],
        "0812****210",
        "phones are masked"
    );
    let audit = app.scalar_i64("select count(*) from audit_log where action = 'meeting.create' and user_id is not null").await;
    assert_eq!(audit, 1);
    let stored: String = app
        .single(
            "select starts_at::text from meeting where title = 'Ngopi bareng PPK dan Panwascam'",
        )
        .await;
    assert_eq!(
        stored, "2024-11-02 12:30:00+00",
        "stored as UTC timestamptz"
    );
}

#[tokio::test]
async fn a_double_tapped_save_creates_one_meeting() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = kuala_kampar_form(&app, "0123456789abcdef0123456789abcdef").await;
    let first = app.post_fields("/pertemuan/baru", &fields).await;
    let second = app.post_fields("/pertemuan/baru", &fields).await;
    assert_eq!(first.location(), second.location());
    assert_eq!(
        app.scalar_i64(
            "select count(*) from meeting where title = 'Ngopi bareng PPK dan Panwascam'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn bad_input_comes_back_with_messages_and_the_officers_input() {
    let mut app = TestApp::new().await;
    let meetings_before = app.scalar_i64("select count(*) from meeting").await;
    app.login_as("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").await;
    let long_venue = "V".repeat(10_000);
    set(&mut fields, "date", "2024-02-31");
    set(&mut fields, "venue_name", &long_venue);
    set(&mut fields, "title", "<script>alert(1)</script>");
    set(&mut fields, "a_members", "banyak");
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_refused("#date-error", "Tanggal tidak valid (contoh 2024-11-20).");
    assert_eq!(
        page.text("#venue_name-error"),
        "Nama tempat terlalu panjang: 10000 karakter, paling banyak 200."
    );
    assert_eq!(
        page.text(".attendee[data-row='0'] .field-error"),
        "Jumlah anggota 0 sampai 10000."
    );
    assert_eq!(
        page.attr("#title", "value").as_deref(),
        Some("<script>alert(1)</script>"),
        "input kept"
    );
    assert!(!page.body.contains("<script>alert(1)"), "and escaped");
    page.assert_attr("#a0-name", "value", "Hendri Pandita");
    assert_eq!(
        app.scalar_i64("select count(*) from meeting").await,
        meetings_before,
        "nothing saved"
    );
}

#[tokio::test]
async fn a_meeting_for_another_unit_by_a_forged_host_id_is_refused() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let kempas = app.unit_id("Polsek Kempas").await;
    let page = post_new_with(&mut app, "host_unit_id", &kempas.to_string()).await;
    page.assert_refused(
        "#host_unit_id-error",
        "Pilih satuan penyelenggara dari daftar.",
    );
}

#[tokio::test]
async fn an_attendee_institution_from_another_province_is_refused() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let ketapang_kpu = app.institution_id("kpu", "61.04").await;
    let page = post_new_with(&mut app, "a_institution", &ketapang_kpu.to_string()).await;
    page.assert_refused(
        ".attendee[data-row='0'] .field-error",
        "Lembaga ini berada di provinsi lain.",
    );
}

#[tokio::test]
async fn a_polsek_officer_cannot_open_another_polseks_meeting() {
    let mut app = TestApp::signed_in("polsek.kempas").await;
    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    for path in [
        format!("/pertemuan/{kuala}"),
        format!("/pertemuan/{kuala}/laporan"),
        format!("/pertemuan/{kuala}/ubah"),
    ] {
        let page = app.get(&path).await;
        assert!(
            matches!(page.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{path}: {}",
            page.status
        );
    }
    let list = app.get("/pertemuan").await;
    assert_eq!(
        list.texts("li.meeting a.title"),
        vec!["Rapat koordinasi pengamanan Pilkada 2024 Kecamatan Kempas"]
    );
    let fields = kuala_kampar_form(&app, "").await;
    let forged = app
        .post_fields(&format!("/pertemuan/{kuala}/ubah"), &fields)
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn commanders_read_their_subtree_but_cannot_edit() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    let ketapang = app.meeting_id("demo-ketapang-2024").await;
    for (path, status) in [
        (format!("/pertemuan/{kuala}"), StatusCode::OK),
        (format!("/pertemuan/{kuala}/ubah"), StatusCode::FORBIDDEN),
        (format!("/pertemuan/{ketapang}"), StatusCode::NOT_FOUND),
        ("/pertemuan/baru".into(), StatusCode::FORBIDDEN),
    ] {
        assert_eq!(app.get(&path).await.status, status, "{path}");
    }
}

#[tokio::test]
async fn an_official_sees_only_meetings_their_institution_attended() {
    let mut app = TestApp::new().await;
    let with_ppk = app
        .meeting()
        .title("Rapat bersama PPK")
        .attendee("ppk", "Hendri Pandita")
        .create()
        .await;
    let without_ppk = app
        .meeting()
        .title("Rapat bersama Panwascam saja")
        .attendee("panwascam", "Ahmadi")
        .create()
        .await;
    let kempas = app.meeting_id("demo-kempas-2024").await;
    app.login_as("ppk.kualakampar").await;
    app.get(&format!("/pertemuan/{with_ppk}"))
        .await
        .assert_status(StatusCode::OK);
    for other in [without_ppk, kempas] {
        app.get(&format!("/pertemuan/{other}"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let list = app.get("/pertemuan").await;
    list.assert_some_text("li.meeting a.title", |t| t == "Rapat bersama PPK");
    list.assert_no_text("li.meeting a.title", |t| {
        t.contains("Panwascam saja") || t.contains("Kempas")
    });
}

#[tokio::test]
async fn the_seed_meetings_read_as_the_stories_tell_them() {
    let mut app = TestApp::signed_in("admin").await;
    let ketapang = demo_meeting_page(&mut app, "demo-ketapang-2024").await;
    assert_eq!(
        ketapang.text(".when"),
        "Rabu, 20 November 2024 pukul 19.30 WIB"
    );
    assert_eq!(
        ketapang.texts(".tag.type"),
        vec![
            "Rapat Koordinasi (Rakor)",
            "Deklarasi Kampanye Damai",
            "Doa Bersama"
        ]
    );
    assert!(ketapang.texts("td.who").contains(
        &"Bupati Ketapang, diwakili Drs. Anwar (Kasat Pol PP Kabupaten Ketapang)".to_string()
    ));
    let tanah_laut = demo_meeting_page(&mut app, "demo-tanah-laut-2023").await;
    assert_eq!(
        tanah_laut.text(".when"),
        "Jumat, 10 November 2023 pukul 15.00 WITA"
    );
    assert_eq!(
        tanah_laut.text(".election"),
        "Pemilu 2024 · tahap Pencalonan · H-96"
    );
    let kuala = demo_meeting_page(&mut app, "demo-kuala-kampar-2024").await;
    assert!(kuala.texts("td.who").contains(
        &"Hendri Pandita (Ketua PPK Kecamatan Kuala Kampar) beserta 4 anggota".to_string()
    ));
}

#[tokio::test]
async fn a_stale_edit_shows_the_newer_values_beside_the_officers_input() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let form_a = app.get(&format!("/pertemuan/{id}/ubah")).await;
    let version = form_a
        .attr("input[name=version]", "value")
        .expect("version");
    app.exec_with(
        "update meeting set title = 'Judul dari orang lain', version = version + 1 where id = $1",
        id,
    )
    .await;
    let mut fields = kuala_kampar_form(&app, "").await;
    fields.push(("version".into(), version.clone()));
    set(&mut fields, "title", "Judul saya");
    let page = app
        .post_fields(&format!("/pertemuan/{id}/ubah"), &fields)
        .await;
    page.assert_status(StatusCode::CONFLICT);
    assert_eq!(page.text(".current-title"), "Judul dari orang lain");
    assert_eq!(page.attr("#title", "value").as_deref(), Some("Judul saya"));
    let newer = page.attr("input[name=version]", "value").expect("version");
    assert_ne!(newer, version);
    // saving again, knowingly, goes through
    let mut fields = kuala_kampar_form(&app, "").await;
    fields.push(("version".into(), newer));
    set(&mut fields, "title", "Judul saya");
    app.post_fields(&format!("/pertemuan/{id}/ubah"), &fields)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    let history = app.get(&format!("/pertemuan/{id}")).await;
    history.assert_some_text(".history li", |h| h.contains("mengubah pertemuan"));
}

#[tokio::test]
async fn the_list_finds_by_a_word_of_the_minutes_and_the_csv_agrees() {
    let mut app = TestApp::signed_in("admin").await;
    let page = app.get("/pertemuan?q=logistik").await;
    let titles = page.texts("li.meeting a.title");
    assert!(
        titles.contains(
            &"Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar".to_string()
        ),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("Ngupi")));
    let csv = app
        .get(&page.attr("a.csv", "href").expect("csv link"))
        .await;
    assert_eq!(
        csv.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    let csv_titles: Vec<String> = csv
        .body
        .lines()
        .skip(1)
        .map(|l| {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes());
            r.records()
                .next()
                .and_then(|x| x.ok())
                .map(|x| x[5].to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(csv_titles, titles);
    let wita = app
        .get("/pertemuan?type=ngopi_bareng&from=2023-11-10&to=2023-11-10")
        .await;
    assert_eq!(
        wita.texts("li.meeting a.title"),
        vec!["Ngupi Bakisahan bersama KPU, Bawaslu dan partai politik"]
    );
    let bad = app.get("/pertemuan?from=2024-13-01&to=x&unit=abc").await;
    bad.assert_status(StatusCode::OK);
    // from, to, and (since the filters are bounded) the unit each get their message.
    assert_eq!(bad.count(".field-error"), 3);
}

#[tokio::test]
async fn the_list_pages_with_a_cursor_that_keeps_the_filters() {
    let mut app = TestApp::new().await;
    app.kempas_meeting_and_copies(60, "Patroli dialogis", 1)
        .await;
    let kempas = app.unit_id("Polsek Kempas").await.to_string();
    let held = app
        .id(
            "select count(*) from meeting where status = 'held' and unit_path @> array[$1::bigint]",
            &[&kempas],
        )
        .await;
    assert!(held > 60, "the built meeting and its 60 copies at least");
    app.login_as("polsek.kempas").await;
    let first = app.get("/pertemuan?status=held").await;
    assert_eq!(first.count("li.meeting"), 50);
    let next = first.attr("a.next", "href").expect("next link");
    assert!(next.contains("status=held"));
    let second = app.get(&next).await;
    assert_eq!(second.count("li.meeting") as i64, held - 50);
    assert!(second.attr("a.next", "href").is_none());
}

fn multipart(file_name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "sinergi-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nFoto bersama\r\n").as_bytes());
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn image_bytes(format: image::ImageFormat, width: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, 600)
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("encode");
    out
}

#[tokio::test]
async fn photos_are_checked_by_content_and_served_as_thumbnails_in_scope() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let path = format!("/pertemuan/{id}/foto");
    let (ct, body) = multipart(
        "foto.jpg",
        "image/jpeg",
        b"this is a text file renamed to .jpg",
    );
    let refused = app.post_raw(&path, &ct, body).await;
    refused.assert_refused("#photo-error", "Berkas ini bukan foto JPEG, PNG atau WebP.");
    let (ct, body) = multipart("besar.png", "image/png", &vec![1u8; 11 * 1024 * 1024]);
    let big = app.post_raw(&path, &ct, body).await;
    assert_eq!(
        big.text("#photo-error"),
        "Foto terlalu besar: paling besar 10 MB."
    );
    for (name, fmt, width) in [
        ("a.webp", image::ImageFormat::WebP, 800),
        ("b.png", image::ImageFormat::Png, 900),
    ] {
        let (ct, body) = multipart(name, "application/octet-stream", &image_bytes(fmt, width));
        app.post_raw(&path, &ct, body)
            .await
            .assert_redirect_to(&format!("/pertemuan/{id}"));
    }
    let page = app.get(&format!("/pertemuan/{id}")).await;
    assert_eq!(page.count(".photos img"), 2);
    let thumb = app
        .get(&page.attr(".photos img", "src").expect("src"))
        .await;
    thumb.assert_status(StatusCode::OK);
    assert_eq!(
        thumb
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    app.logout().await;
    app.login_as("polsek.kempas").await;
    let src = page.attr(".photos img", "src").expect("src");
    app.get(&src).await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_printable_report_follows_the_police_format() {
    let mut app = TestApp::signed_in("polsek.kempas").await;
    let id = app.meeting_id("demo-kempas-2024").await;
    let page = app.get(&format!("/pertemuan/{id}/laporan")).await;
    page.assert_status(StatusCode::OK);
    let headings = page.texts(".report h2");
    for h in [
        "I. Pendahuluan",
        "II. Pelaksanaan",
        "III. Hasil yang dicapai",
        "IV. Tindak lanjut",
        "V. Penutup",
        "Lampiran: daftar hadir",
    ] {
        assert!(headings.contains(&h.to_string()), "{h} in {headings:?}");
    }
    let attendees = app
        .id(
            "select count(*) from attendee where meeting_id = $1::bigint",
            &[&id.to_string()],
        )
        .await;
    assert_eq!(page.count(".lampiran tbody tr") as i64, attendees);
    assert!(
        page.texts(".sign p")
            .contains(&"Kapolsek Kempas".to_string())
    );
}

#[tokio::test]
async fn the_unit_filter_narrows_within_the_scope_and_finds_nothing_outside_it() {
    const KUALA_KAMPAR: &str = "Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar";
    const KEMPAS: &str = "Rapat koordinasi pengamanan Pilkada 2024 Kecamatan Kempas";
    const KETAPANG: &str = "Rakor, Deklarasi Kampanye Damai dan Doa Bersama Pilkada 2024";
    const SANDAI: &str = "Doa Bersama menjelang Pilkada 2024";
    let mut app = TestApp::new().await;
    let pelalawan = app.unit_id("Polres Pelalawan").await;
    let ketapang = app.unit_id("Polres Ketapang").await;
    let kalbar = app.unit_id("Polda Kalimantan Barat").await;
    let riau = app.unit_id("Polda Riau").await;

    app.login_as("polda.riau").await;
    let own = app.get("/pertemuan").await.texts("li.meeting a.title");
    assert!(
        own.contains(&KUALA_KAMPAR.to_string()) && own.contains(&KEMPAS.to_string()),
        "{own:?}"
    );
    assert!(!own.contains(&KETAPANG.to_string()), "{own:?}");
    let polres = app.get(&format!("/pertemuan?unit={pelalawan}")).await;
    assert_eq!(polres.texts("li.meeting a.title"), vec![KUALA_KAMPAR]);
    let forged = app.get(&format!("/pertemuan?unit={ketapang}")).await;
    forged.assert_status(StatusCode::OK);
    assert_eq!(
        forged.count("li.meeting"),
        0,
        "another Polda's Polres shows nothing"
    );

    let mut admin = TestApp::with_pool(app.pool.clone()).await;
    admin.login_as("admin").await;
    let mut kb = admin
        .get(&format!("/pertemuan?unit={kalbar}"))
        .await
        .texts("li.meeting a.title");
    kb.sort();
    assert_eq!(kb, vec![SANDAI, KETAPANG]);
    let polres_only = admin
        .get(&format!("/pertemuan?unit={ketapang}&type=rakor"))
        .await;
    assert_eq!(polres_only.texts("li.meeting a.title"), vec![KETAPANG]);

    let mut ppk = TestApp::with_pool(app.pool.clone()).await;
    ppk.login_as("ppk.kualakampar").await;
    let theirs = ppk.get(&format!("/pertemuan?unit={riau}")).await;
    assert_eq!(theirs.texts("li.meeting a.title"), vec![KUALA_KAMPAR]);
    let elsewhere = ppk.get(&format!("/pertemuan?unit={kalbar}")).await;
    assert_eq!(elsewhere.count("li.meeting"), 0);
}

#[tokio::test]
async fn in_english_the_messages_at_the_fields_and_the_error_pages_are_english() {
    let mut app = TestApp::new().await;
    app.set_cookie("lang", "en");
    let refused = app.login("polsek.kualakampar", "wrong-password").await;
    assert_eq!(refused.text("p.error"), "Wrong username or password.");
    app.login_as("polsek.kualakampar").await;
    app.set_cookie("lang", "en");
    let mut fields = kuala_kampar_form(&app, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb").await;
    set(&mut fields, "date", "2024-02-31");
    set(&mut fields, "venue_name", &"V".repeat(300));
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_refused("#date-error", "Invalid date (e.g. 2024-11-20).");
    assert_eq!(
        page.text("#venue_name-error"),
        "Venue is too long: 300 characters, at most 200."
    );
    let missing = app.get("/pertemuan/999999999").await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(missing.text("h1"), "Page not found");
    assert_eq!(missing.attr("html", "lang").as_deref(), Some("en"));

    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    let shown = app.get(&format!("/pertemuan/{kuala}")).await;
    let states = shown.texts("tr.attendee td.confirm");
    assert!(states.iter().any(|s| s == "present"), "{states:?}");
    assert!(!states.iter().any(|s| s == "hadir"), "{states:?}");
    let badge = shown.text(".confirm-badge");
    assert!(badge.ends_with("institutions confirmed"), "{badge}");

    app.set_cookie("lang", "id");
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    assert_eq!(
        page.text("#date-error"),
        "Tanggal tidak valid (contoh 2024-11-20)."
    );
    let shown = app.get(&format!("/pertemuan/{kuala}")).await;
    let states = shown.texts("tr.attendee td.confirm");
    assert!(states.iter().any(|s| s == "hadir"), "{states:?}");
}

#[tokio::test]
async fn out_of_range_list_filters_get_a_message_at_their_field_never_a_500() {
    let mut app = TestApp::signed_in("polda.riau").await;
    let cases = [
        ("from=-5000-01-01", ".field-error"),
        ("to=-5000-01-01", ".field-error"),
        ("from=%2B20000-01-01", ".field-error"),
        ("before=-300000000000000000_1", ".before-error"),
        ("before=1700000000000000_-5", ".before-error"),
        ("unit=-1", ".field-error"),
        ("unit=99999999999999999999", ".field-error"),
        ("inst=-7", ".field-error"),
        ("institution=abc", ".field-error"),
        ("stage=0", ".field-error"),
        ("status=selesai", ".field-error"),
        ("kec=%3Cscript%3E", ".field-error"),
    ];
    for (query, css) in cases {
        let list = app.get(&format!("/pertemuan?{query}")).await;
        list.assert_status(StatusCode::OK);
        assert!(list.count(css) >= 1, "{query}: no message");
        assert!(
            !list.body.contains("<script>"),
            "{query}: payload unescaped"
        );
        let csv = app.get(&format!("/pertemuan.csv?{query}")).await;
        if query.starts_with("before=") {
            // The CSV has no pages: the cursor is not read.
            csv.assert_status(StatusCode::OK);
        } else {
            csv.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
            assert!(csv.count(".field-error") >= 1, "csv {query}: no message");
        }
    }
    let good = app.get("/pertemuan.csv?from=2024-01-01&kec=14.05.10").await;
    good.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn the_older_indonesian_list_keys_still_filter_and_links_use_the_english_ones() {
    let mut app = TestApp::signed_in("polda.riau").await;
    let old = app.get("/pertemuan?kec=14.05.10&konfirmasi=belum").await;
    let new = app.get("/pertemuan?district=14.05.10&unconfirmed=1").await;
    old.assert_status(StatusCode::OK);
    assert_eq!(
        old.texts("li.meeting a.title"),
        new.texts("li.meeting a.title")
    );
    old.assert_attr(
        "a.csv",
        "href",
        "/pertemuan.csv?district=14.05.10&unconfirmed=belum",
    );
    new.assert_attr("input[name=unconfirmed]", "checked", "");
}

async fn audit_json(app: &TestApp, action: &str) -> String {
    app.one(
        "select coalesce(before::text, '') || ' ' || coalesce(after::text, '') from audit_log
         where action = $1 and user_id is not null order by id desc limit 1",
        action,
    )
    .await
}

#[tokio::test]
async fn meeting_audit_entries_keep_attendees_phone_numbers_masked() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, "abcdefabcdefabcdefabcdefabcdef01").await;
    let created = app.post_fields("/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let create = audit_json(&app, "meeting.create").await;
    assert!(!create.contains("0812-7654-3210"), "{create}");
    assert!(create.contains("0812****210"), "{create}");

    let id = created
        .location()
        .trim_start_matches("/pertemuan/")
        .to_string();
    let edit = app.get(&format!("/pertemuan/{id}/ubah")).await;
    let version = edit.attr("input[name=version]", "value").expect("version");
    let ids: Vec<String> = edit
        .doc()
        .select(&scraper::Selector::parse("input[name=a_id]").expect("css"))
        .filter_map(|e| e.value().attr("value").map(str::to_string))
        .collect();
    fields.push(("version".into(), version));
    let mut n = 0;
    for f in fields.iter_mut() {
        if f.0 == "a_id" {
            f.1 = ids.get(n).cloned().unwrap_or_default();
            n += 1;
        }
    }
    set(&mut fields, "a_phone", "0813-1111-2222");
    let saved = app
        .post_fields(&format!("/pertemuan/{id}/ubah"), &fields)
        .await;
    saved.assert_redirect_to(&format!("/pertemuan/{id}"));
    let update = audit_json(&app, "meeting.update").await;
    for full in ["0812-7654-3210", "0813-1111-2222"] {
        assert!(!update.contains(full), "{full} in {update}");
    }
    assert!(
        update.contains("0812****210") && update.contains("0813****222"),
        "{update}"
    );
    let stored: String = app
        .single("select phone from attendee where phone is not null")
        .await;
    assert_eq!(
        stored, "0813-1111-2222",
        "the record itself keeps the number"
    );
}

const KEY: &str = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

async fn meetings_with_key(app: &TestApp) -> i64 {
    app.one(
        "select count(*) from meeting where idempotency_key = $1",
        KEY,
    )
    .await
}

/// Posts the form as the offline client does: with `Accept: application/json` and its header.
async fn post_as_draft(app: &mut TestApp, fields: &[(String, String)]) -> crate::helpers::Page {
    let body = crate::helpers::form_body(fields);
    let req = axum::http::Request::post("/pertemuan/baru")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("x-sinergi-draft", "1")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .expect("request");
    app.request(req).await
}

#[tokio::test]
async fn the_same_key_sent_again_after_a_lost_answer_returns_the_meeting_already_made() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = kuala_kampar_form(&app, KEY).await;
    // The first answer never reaches the phone; the client sends the draft again, twice.
    let _lost = post_as_draft(&mut app, &fields).await;
    let again = post_as_draft(&mut app, &fields).await;
    let browser = app.post_fields("/pertemuan/baru", &fields).await;
    again.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(again.location(), browser.location());
    assert_eq!(
        again.location(),
        format!("/pertemuan/{}", app.meeting_id(KEY).await)
    );
    assert_eq!(meetings_with_key(&app).await, 1);
    assert_eq!(
        app.scalar_i64(
            "select count(*) from audit_log where action = 'meeting.create' and user_id is not null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_same_key_with_a_different_payload_is_refused_with_409_and_a_clear_page() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, KEY).await;
    let first = app.post_fields("/pertemuan/baru", &fields).await;
    set(&mut fields, "title", "Rapat lain dengan kunci yang sama");
    for send in 0..2 {
        let other = if send == 0 {
            app.post_fields("/pertemuan/baru", &fields).await
        } else {
            post_as_draft(&mut app, &fields).await
        };
        other.assert_status(StatusCode::CONFLICT);
        assert_eq!(other.count(".duplicate"), 1);
        assert_eq!(
            other.attr("a.saved-meeting", "href").as_deref(),
            Some(first.location().as_str())
        );
    }
    assert_eq!(meetings_with_key(&app).await, 1);
    assert_eq!(
        app.scalar_i64(
            "select count(*) from meeting where title = 'Rapat lain dengan kunci yang sama'"
        )
        .await,
        0
    );
    // Another officer's resend of the key is refused too, without naming the meeting.
    let mut other = app.another_browser();
    other.login_as("polsek.kempas").await;
    let theirs = other
        .post_fields("/pertemuan/baru", &kuala_kampar_form(&app, KEY).await)
        .await;
    theirs.assert_status(StatusCode::CONFLICT);
    assert_eq!(theirs.count("a.saved-meeting"), 0);
}

#[tokio::test]
async fn a_rejected_form_keeps_nothing_under_its_key_so_the_corrected_form_goes_in() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, KEY).await;
    set(&mut fields, "title", "");
    let rejected = post_as_draft(&mut app, &fields).await;
    rejected.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rejected.count("#title-error"), 1);
    assert_eq!(meetings_with_key(&app).await, 0);
    set(&mut fields, "title", "Ngopi bareng PPK dan Panwascam");
    let corrected = post_as_draft(&mut app, &fields).await;
    corrected.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(meetings_with_key(&app).await, 1);
}
