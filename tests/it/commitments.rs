//! Commitments: due dates, the status machine over HTTP, who may do what, escalation.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

async fn commitment(app: &TestApp, what_prefix: &str) -> (i64, String) {
    app.row(
        "select id, version::text from commitment where what like $1 || '%'",
        what_prefix,
    )
    .await
}

#[tokio::test]
async fn an_officer_adds_a_commitment_due_h_minus_3_and_bad_dues_are_explained() {
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let ppk = app.institution_id("ppk", "14.05.10").await.to_string();
    let riau_kpu_far = app.institution_id("kpu", "61.04").await.to_string();
    app.login_as("polsek.kualakampar").await;
    let path = format!("/pertemuan/{id}/tindak-lanjut");
    for (due, owner, field, message) in [
        (
            "H-999",
            ppk.as_str(),
            "#c_due-error",
            "H-999 terlalu jauh dari hari pemungutan suara (paling jauh 365 hari).",
        ),
        (
            "2024-10-01",
            ppk.as_str(),
            "#c_due-error",
            "Tenggat tidak boleh sebelum tanggal pertemuan.",
        ),
        (
            "31/02",
            ppk.as_str(),
            "#c_due-error",
            "Tulis tenggat sebagai tanggal (2024-11-24) atau H-3 / H+1.",
        ),
        (
            "H-3",
            riau_kpu_far.as_str(),
            "#c_owner-error",
            "Lembaga ini berada di provinsi lain.",
        ),
    ] {
        let page = app
            .post_form(
                &path,
                &[
                    ("what", "Patroli gudang logistik"),
                    ("owner", owner),
                    ("due", due),
                ],
            )
            .await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.text(field), message, "{due}");
        assert_eq!(
            page.text("#c_what"),
            "Patroli gudang logistik",
            "input kept"
        );
    }
    app.post_form(
        &path,
        &[
            ("what", "Patroli gudang logistik"),
            ("owner", &ppk),
            ("due", "H-3"),
            // a 2024 due date recorded today: not done yet, late from today (#18 point 6)
            ("done", "tidak"),
        ],
    )
    .await
    .assert_redirect_to("/pertemuan/");
    let page = app.get(&format!("/pertemuan/{id}")).await;
    page.assert_some_text("li.commitment", |t| {
        t.contains("Patroli gudang logistik") && t.contains("H-3 (24 November 2024)")
    });
    assert_eq!(app.audit_count("commitment.create").await, 1);
}

#[tokio::test]
async fn the_owner_marks_done_and_only_the_counterpart_verifies() {
    let mut app = TestApp::new().await;
    let (cid, version) = commitment(&app, "Menyiapkan pengamanan gudang logistik PPK").await;
    let path = format!("/tindak-lanjut/{cid}");
    app.login_as("ppk.kualakampar").await;
    let early = app
        .post_form(&path, &[("action", "verify"), ("version", &version)])
        .await;
    early.assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        &path,
        &[
            ("action", "done"),
            ("version", &version),
            ("body", "Gudang dijaga bergiliran."),
        ],
    )
    .await
    .assert_redirect_to(&path);
    let page = app.get(&path).await;
    assert_eq!(page.text(".status"), "Selesai (menunggu verifikasi)");
    let self_verify = app
        .post_form(&path, &[("action", "verify"), ("version", "2")])
        .await;
    self_verify.assert_status(StatusCode::FORBIDDEN);
    app.logout().await;
    app.login_as("polsek.kempas").await;
    app.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    app.logout().await;
    app.login_as("polsek.kualakampar").await;
    let stale = app
        .post_form(&path, &[("action", "verify"), ("version", &version)])
        .await;
    stale.assert_status(StatusCode::CONFLICT);
    app.post_form(&path, &[("action", "verify"), ("version", "2")])
        .await
        .assert_redirect_to(&path);
    let page = app.get(&path).await;
    assert_eq!(page.text(".status"), "Terverifikasi");
    assert!(page.texts(".timeline li.note").len() >= 2);
}

#[tokio::test]
async fn illegal_transitions_and_drops_without_reason_are_refused() {
    let mut app = TestApp::new().await;
    let (cid, version) = commitment(&app, "Patroli rutin dan pengamanan maksimal").await;
    let path = format!("/tindak-lanjut/{cid}");
    app.login_as("polsek.kempas").await;
    let page = app
        .post_form(&path, &[("action", "done"), ("version", &version)])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.text("p.error"),
        "Status \"Terverifikasi\" tidak dapat diubah menjadi \"Selesai (menunggu verifikasi)\"."
    );
    let (open, v) = commitment(&app, "Memperketat pengawasan di setiap tahapan sampai").await;
    let page = app
        .post_form(
            &format!("/tindak-lanjut/{open}"),
            &[("action", "drop"), ("version", &v), ("reason", "")],
        )
        .await;
    assert_eq!(page.text("p.error"), "Tuliskan alasan pembatalan.");
    app.post_form(
        &format!("/tindak-lanjut/{open}"),
        &[
            ("action", "drop"),
            ("version", &v),
            ("reason", "Digabung dengan tindak lanjut Bawaslu"),
        ],
    )
    .await
    .assert_redirect_to("/tindak-lanjut/");
}

#[tokio::test]
async fn an_official_updates_only_their_own_institutions_commitments() {
    let mut app = TestApp::new().await;
    let (other, v) = commitment(&app, "Memperketat pengawasan dan pencegahan").await;
    app.login_as("ppk.kualakampar").await;
    let page = app
        .post_form(
            &format!("/tindak-lanjut/{other}"),
            &[("action", "in_progress"), ("version", &v)],
        )
        .await;
    page.assert_status(StatusCode::NOT_FOUND);
    let (polsek_owned, v) = commitment(&app, "Terus berkoordinasi dengan PPK").await;
    let page = app
        .post_form(
            &format!("/tindak-lanjut/{polsek_owned}"),
            &[("action", "reopen"), ("version", &v)],
        )
        .await;
    page.assert_status(StatusCode::FORBIDDEN);
    let list = app.get("/tindak-lanjut").await;
    let owners = list.texts("li.commitment .owner");
    assert!(
        owners
            .iter()
            .all(|o| o == "PPK Kecamatan Kuala Kampar" || o == "Polsek Kuala Kampar"),
        "{owners:?}"
    );
}

#[tokio::test]
async fn escalation_climbs_the_chain_and_never_goes_sideways() {
    let mut app = TestApp::signed_in("polres.pelalawan").await;
    let own = app.get("/tindak-lanjut?sendiri=1&eskalasi=1").await;
    let what = "li.commitment a.what";
    own.assert_some_text(what, |w| {
        w == "Menyiapkan pengamanan gudang logistik PPK bersama Polsek"
    });
    // no Indragiri Hilir items
    own.assert_no_text(what, |w| w.contains("Panwascam") || w.contains("Kempas"));
    app.logout().await;
    app.login_as("polda.riau").await;
    let polda = app.get("/tindak-lanjut?eskalasi=1").await;
    // Kempas too, but not another Polda's
    polda.assert_some_text(what, |w| {
        w.starts_with("Memperketat pengawasan di setiap tahapan")
    });
    polda.assert_no_text(what, |w| w.contains("Ketapang"));
    app.logout().await;
    app.login_as("polsek.kempas").await;
    let sideways = app.get("/tindak-lanjut").await;
    sideways.assert_no_text(what, |w| w.contains("gudang logistik PPK bersama"));
}

#[tokio::test]
async fn the_follow_up_list_filters_counts_and_exports_the_same_rows() {
    let mut app = TestApp::signed_in("admin").await;
    let all = app.get("/tindak-lanjut").await;
    assert_eq!(
        all.text(".n-verified"),
        app.scalar_i64("select count(*) from commitment where status = 'verified'")
            .await
            .to_string()
    );
    let overdue = app.get("/tindak-lanjut?terlambat=1").await;
    let expected = app.scalar_i64("select count(*) from commitment where status in ('open', 'in_progress') and due_on < (now() at time zone due_tz)::date").await;
    assert_eq!(overdue.count("li.commitment") as i64, expected);
    let csv = app.get(&overdue.attr("a.csv", "href").expect("csv")).await;
    assert_eq!(csv.body.lines().count() as i64, expected + 1);
    let pemda = app.get("/tindak-lanjut?pemilik=pemda").await;
    assert!(
        pemda
            .texts("li.commitment .owner")
            .iter()
            .all(|o| o.starts_with("Satpol PP") || o.starts_with("Pemerintah"))
    );
    let bad = app.get("/tindak-lanjut?status=nope&dalam=abc").await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(bad.text("p.error"), "Status tidak dikenal.");
}

#[tokio::test]
async fn a_progress_note_can_carry_a_photo_shown_on_the_timeline() {
    let mut app = TestApp::new().await;
    let (cid, version) = commitment(&app, "Menyiapkan pengamanan gudang logistik PPK").await;
    app.login_as("ppk.kualakampar").await;
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(640, 480)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let boundary = "b0undary";
    let mut body = Vec::new();
    for (k, v) in [
        ("action", "note"),
        ("version", version.as_str()),
        ("body", "Pagar gudang diperbaiki."),
    ] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"g.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes());
    body.extend_from_slice(&png);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let path = format!("/tindak-lanjut/{cid}");
    app.post_raw(
        &path,
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    )
    .await
    .assert_redirect_to(&path);
    let page = app.get(&path).await;
    let src = page
        .attr("img.note-photo", "src")
        .expect("photo on the timeline");
    let img = app.get(&src).await;
    img.assert_status(StatusCode::OK);
    assert_eq!(
        img.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    app.logout().await;
    app.login_as("polsek.kempas").await;
    app.get(&src).await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_meeting_pages_follow_ups_are_the_lists_rows_for_that_meeting() {
    use sinergi::auth::Scope;
    use sinergi::commitments::db;
    let app = TestApp::new().await;
    let unit = |name: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("select id from police_unit where name = $1")
                .bind(name)
                .fetch_one(&pool)
                .await
                .expect(name)
        }
    };
    let scopes = [
        Scope {
            national: true,
            unit: None,
            institution: None,
        },
        Scope {
            national: false,
            unit: Some(unit("Polres Ketapang").await),
            institution: None,
        },
        Scope {
            national: false,
            unit: Some(unit("Polda Riau").await),
            institution: None,
        },
        Scope {
            national: false,
            unit: None,
            institution: Some(app.institution_id("ppk", "14.05.10").await),
        },
    ];
    let mut compared = 0;
    for key in [
        "demo-ketapang-2024",
        "demo-kempas-2024",
        "demo-kuala-kampar-2024",
    ] {
        let id = app.meeting_id(key).await;
        for scope in scopes {
            let page = db::for_meeting(&app.pool, id, scope, 7)
                .await
                .expect("page");
            // The follow-up list in the same scope, narrowed to this meeting (same order).
            let everything = db::list(
                &app.pool,
                scope,
                scope.unit,
                &db::Filter::default(),
                7,
                10_000,
            )
            .await
            .expect("list");
            let listed: Vec<db::Row> = everything
                .into_iter()
                .filter(|r| r.meeting_id == id)
                .collect();
            let shape = |rows: &[db::Row]| {
                rows.iter()
                    .map(|r| (r.id, r.status, r.days_overdue, r.level, r.to_name.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(shape(&page), shape(&listed), "{key} in {scope:?}");
            compared += page.len();
        }
    }
    assert!(
        compared > 10,
        "the seed meetings have follow-ups to compare ({compared})"
    );
}

#[tokio::test]
async fn a_later_meeting_with_the_same_bodies_carries_their_open_commitments_and_only_those() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let earlier = app.meeting_id("demo-kuala-kampar-2024").await;
    // PPK and Panwascam again, a week later (2 Nov 2024).
    let fields = crate::meetings::new_kuala_kampar_form(&mut app).await;
    let created = app.post_fields("/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let later = created.location();

    let carried = app.get(&later).await.texts("details.carry li a");
    assert_eq!(
        carried,
        vec!["Menyiapkan pengamanan gudang logistik PPK bersama Polsek"],
        "the PPK's open promise; not the Panwascam's verified one"
    );

    // A promise made at the later meeting is not carried back to the earlier one.
    let ppk = app.institution_id("ppk", "14.05.10").await.to_string();
    app.post_form(
        &format!("{later}/tindak-lanjut"),
        &[
            ("what", "Menambah penjaga gudang logistik"),
            ("owner", &ppk),
            ("due", "H-3"),
            ("done", "tidak"),
            ("priority", "normal"),
        ],
    )
    .await
    .assert_redirect_to(&later);
    let back = app.get(&format!("/pertemuan/{earlier}")).await;
    assert!(
        back.texts("details.carry li a").is_empty(),
        "{:?}",
        back.texts("details.carry li a")
    );

    // The earlier meeting moved to after the later one (its start, as an edit would move it): its
    // promise is no longer from an earlier meeting; moved back, it is carried again.
    app.exec_with(
        "update meeting set starts_at = starts_at + interval '30 days' where id = $1",
        earlier,
    )
    .await;
    assert!(app.get(&later).await.texts("details.carry li a").is_empty());
    app.exec_with(
        "update meeting set starts_at = starts_at - interval '30 days' where id = $1",
        earlier,
    )
    .await;
    assert_eq!(app.get(&later).await.texts("details.carry li a").len(), 1);

    // Done is no longer open: it leaves the carry-over at the next request.
    app.exec("update commitment set status = 'done', done_at = now() where what like 'Menyiapkan pengamanan gudang%'").await;
    assert!(app.get(&later).await.texts("details.carry li a").is_empty());
}

/// The meeting's edit form as the browser would send it back unchanged.
pub async fn edit_fields(app: &mut TestApp, id: i64) -> Vec<(String, String)> {
    let form = app.get(&format!("/pertemuan/{id}/ubah")).await;
    form.assert_status(StatusCode::OK);
    let doc = form.doc();
    let mut fields: Vec<(String, String)> = Vec::new();
    let inputs =
        scraper::Selector::parse("form.meeting-form input[name], form.meeting-form textarea[name]")
            .expect("sel");
    for e in doc.select(&inputs) {
        let name = e.value().attr("name").unwrap_or("").to_string();
        let ty = e.value().attr("type").unwrap_or("text");
        if (ty == "checkbox" || ty == "radio") && e.value().attr("checked").is_none() {
            continue;
        }
        let value = if e.value().name() == "textarea" {
            e.text().collect()
        } else {
            e.value().attr("value").unwrap_or("").to_string()
        };
        fields.push((name, value));
    }
    let selects = scraper::Selector::parse("form.meeting-form select[name]").expect("sel");
    let opt = scraper::Selector::parse("option[selected]").expect("sel");
    for s in doc.select(&selects) {
        let name = s.value().attr("name").unwrap_or("").to_string();
        let value = s
            .select(&opt)
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or("")
            .to_string();
        fields.push((name, value));
    }
    fields
}

async fn open_count(app: &TestApp, unit: i64) -> i64 {
    app.one(
        "select coalesce(sum(n), 0)::bigint from dash_open where unit_id = $1",
        unit,
    )
    .await
}

#[tokio::test]
async fn a_meeting_moved_to_another_unit_takes_its_follow_ups_and_their_rights_along() {
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    let (kuala, polres): (i64, i64) = app.row("select u.id, u.parent_id from meeting m join police_unit u on u.id = m.host_unit_id where m.id = $1", id).await;
    let kerinci: i64 = app.unit_id("Polsek Pangkalan Kerinci").await;
    let (cid, version): (i64, String) = app.row("select id, version::text from commitment where meeting_id = $1 and status in ('open', 'in_progress') order by id limit 1", id).await;
    let open_here = app.one::<i64, _>("select count(*) from commitment where meeting_id = $1 and status in ('open', 'in_progress')", id).await;
    let (kuala_before, kerinci_before, polres_before) = (
        open_count(&app, kuala).await,
        open_count(&app, kerinci).await,
        open_count(&app, polres).await,
    );
    app.user("polres.pelalawan.penghubung")
        .unit("Polres Pelalawan")
        .create()
        .await;
    app.user("polsek.kerinci")
        .unit("Polsek Pangkalan Kerinci")
        .create()
        .await;

    // The Polres officer moves the meeting from Polsek Kuala Kampar to Polsek Pangkalan Kerinci.
    app.login_as("polres.pelalawan.penghubung").await;
    let mut fields = edit_fields(&mut app, id).await;
    for f in fields.iter_mut().filter(|f| f.0 == "host_unit_id") {
        f.1 = kerinci.to_string();
    }
    app.post_fields(&format!("/pertemuan/{id}/ubah"), &fields)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    app.logout().await;

    // The old host's officer no longer reaches the follow-up, to read or to act.
    app.login_as("polsek.kualakampar").await;
    let path = format!("/tindak-lanjut/{cid}");
    app.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    app.post_form(
        &path,
        &[
            ("action", "note"),
            ("body", "Masih kami"),
            ("version", &version),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    let list = app.get("/tindak-lanjut").await;
    assert_eq!(list.count(&format!("li.commitment[data-id=\"{cid}\"]")), 0);
    app.logout().await;

    // The new host's officer sees it, lists it and acts on it.
    app.login_as("polsek.kerinci").await;
    app.get(&path).await.assert_status(StatusCode::OK);
    let list = app.get("/tindak-lanjut").await;
    assert_eq!(list.count(&format!("li.commitment[data-id=\"{cid}\"]")), 1);
    app.post_form(
        &path,
        &[
            ("action", "note"),
            ("body", "Kami lanjutkan"),
            ("version", &version),
        ],
    )
    .await
    .assert_redirect_to(&path);

    // The dashboards count its open follow-ups at the new host, and still once in the Polres.
    assert_eq!(open_count(&app, kuala).await, kuala_before - open_here);
    assert_eq!(open_count(&app, kerinci).await, kerinci_before + open_here);
    assert_eq!(open_count(&app, polres).await, polres_before);
    let drift = app
        .scalar_i64(
            "select count(*) from commitment c join meeting m on m.id = c.meeting_id
             where (c.host_unit_id, c.unit_path) is distinct from (m.host_unit_id, m.unit_path)",
        )
        .await;
    assert_eq!(
        drift, 0,
        "no follow-up keeps another scope than its meeting's"
    );
}

#[tokio::test]
async fn a_verification_soon_after_an_admin_reset_of_the_verifiers_password_is_flagged() {
    let mut app = TestApp::new().await;
    let (cid, version) = commitment(&app, "Menyiapkan pengamanan gudang logistik PPK").await;
    let path = format!("/tindak-lanjut/{cid}");
    app.login_as("ppk.kualakampar").await;
    app.post_form(&path, &[("action", "done"), ("version", &version)])
        .await
        .assert_redirect_to(&path);
    app.logout().await;
    app.login_as("polsek.kualakampar").await;
    app.post_form(&path, &[("action", "verify"), ("version", "2")])
        .await
        .assert_redirect_to(&path);
    let page = app.get(&path).await;
    assert_eq!(page.count(".reset-warning"), 0, "no reset, no warning");

    // An admin reset the verifier's password an hour before the verification.
    app.exec(
        "insert into audit_log (user_id, actor, role, action, record_type, record_id, at)
         select (select id from app_user where username = 'admin'), 'admin', 'admin',
                'user.password_reset', 'user', u.id, now() - interval '1 hour'
         from app_user u where u.username = 'polsek.kualakampar'",
    )
    .await;
    let page = app.get(&path).await;

    assert_eq!(page.count(".reset-warning"), 1);
    assert!(page.text(".reset-warning").contains("direset admin"));
}
