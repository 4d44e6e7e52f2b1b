//! Attendance confirmed by the other side: links, answers, disputes, and their abuse.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::{Page, TestApp};

/// Reads the QR code drawn as one SVG path of unit squares back into text.
fn decode_qr(data_uri: &str) -> String {
    let svg = data_uri.trim_start_matches("data:image/svg+xml,");
    let svg = percent_decode(svg);
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("path");
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("size");
    let scale = 6;
    let mut dark = vec![false; size * size];
    for cell in d.split('M').filter(|c| !c.is_empty()) {
        let xy = cell.split('h').next().expect("xy");
        let (x, y) = xy.split_once(',').expect("x,y");
        dark[y.parse::<usize>().expect("y") * size + x.parse::<usize>().expect("x")] = true;
    }
    let px = size * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() + 1 {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf8")
}

#[tokio::test]
async fn the_officer_shares_a_link_by_whatsapp_and_qr_and_the_official_confirms_without_an_account()
{
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    app.reopen(id).await;
    let (page, path) = app
        .make_link("polsek.kualakampar", id, "Hendri Pandita", false)
        .await;
    let url = format!("http://127.0.0.1:8080{path}");
    assert!(path.starts_with("/k/") && path.len() == 3 + 64, "{path}");
    let wa = page.attr("a.whatsapp", "href").expect("whatsapp");
    assert!(wa.starts_with("https://wa.me/?text="));
    assert!(
        percent_decode(wa.trim_start_matches("https://wa.me/?text=")).ends_with(&url),
        "the message carries the exact link"
    );
    assert_eq!(decode_qr(&page.attr("img.qr", "src").expect("qr")), url);
    let stored: String = app
        .single("select token_hash from confirmation_link order by id desc limit 1")
        .await;
    assert!(!path.contains(&stored), "only the hash is stored");

    let open = app.get(&path).await;
    open.assert_status(StatusCode::OK);
    assert_eq!(
        open.text(".me"),
        "Hendri Pandita (Ketua PPK Kecamatan Kuala Kampar)"
    );
    assert!(
        !open.body.contains("Erwin Syarif") && !open.body.contains("Setiadi"),
        "nobody from other meetings"
    );
    let answered = app
        .post_form(
            &path,
            &[
                ("answer", "present"),
                ("name", "Hendri Pandita, S.Pd."),
                ("comment", ""),
            ],
        )
        .await;
    answered.assert_status(StatusCode::OK);
    assert_eq!(
        answered.text("p.ok"),
        "Terima kasih, jawaban Anda sudah tercatat."
    );
    assert_eq!(answered.text(".state"), "hadir");

    app.login_as("polsek.kualakampar").await;
    let officer = app.get(&format!("/pertemuan/{id}/konfirmasi")).await;
    let present = officer.texts("tr.attendee.state-present td.inst");
    assert!(
        present.contains(&"PPK Kecamatan Kuala Kampar".to_string()),
        "{present:?}"
    );
    assert_eq!(
        officer.text(".confirm-badge"),
        "dikonfirmasi 2 dari 2 lembaga"
    );
    let audited = app.scalar_i64("select count(*) from audit_log where action = 'confirmation.answer' and actor like '%(lewat tautan konfirmasi)'").await;
    assert_eq!(audited, 1);
    let ua: String = app
        .single("select ip_hash from confirmation order by id desc limit 1")
        .await;
    assert!(!ua.contains("10.1.2.3"));
}

#[tokio::test]
async fn guessed_tampered_malformed_expired_and_revoked_tokens_reveal_nothing() {
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kempas-2024").await;
    let (_, path) = app.make_link("polsek.kempas", id, "Jawardi", false).await;
    let token = path.trim_start_matches("/k/").to_string();
    let flipped = format!(
        "{}{}",
        &token[..63],
        if token.ends_with('0') { "1" } else { "0" }
    );
    for bad in [
        format!("/k/{}", "ab".repeat(32)),
        format!("/k/{flipped}"),
        "/k/%C3%A9%C3%A9%C3%A9".to_string(),
        "/k/123".to_string(),
        format!("/k/{}", token.to_uppercase()),
    ] {
        let page = app.get(&bad).await;
        page.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(page.text("h1"), "Tautan tidak berlaku", "{bad}");
        assert!(!page.body.contains("Kempas"), "{bad} reveals nothing");
    }
    app.get(&path).await.assert_status(StatusCode::OK);
    app.exec("update confirmation_link set expires_at = now() - interval '1 second', created_at = now() - interval '15 days'").await;
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post_form(&path, &[("answer", "present")]).await.status,
        StatusCode::NOT_FOUND
    );

    let (_, path) = app.make_link("polsek.kempas", id, "Jawardi", false).await;
    app.get(&path).await.assert_status(StatusCode::OK);
    app.login_as("polsek.kempas").await;
    app.revoke_newest_link(id, false)
        .await
        .assert_redirect_to("/pertemuan/");
    app.logout().await;
    assert_eq!(app.get(&path).await.text("h1"), "Tautan tidak berlaku");
}

#[tokio::test]
async fn once_the_meeting_is_closed_answers_cannot_change() {
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kempas-2024").await;
    let (_, path) = app.make_link("polsek.kempas", id, "Jawardi", false).await;
    app.exec_with("update meeting set status = 'reported' where id = $1", id)
        .await;
    let page = app.get(&path).await;
    assert_eq!(
        page.text("p.notice"),
        "Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi."
    );
    assert_eq!(page.count("form input[name=answer]"), 0);
    let post = app.post_form(&path, &[("answer", "absent")]).await;
    post.assert_status(StatusCode::CONFLICT);
    assert_eq!(
        app.scalar_i64("select count(*) from confirmation where answer = 'absent'")
            .await,
        0
    );
}

#[tokio::test]
async fn bad_answers_get_messages_and_two_tabs_record_one_answer() {
    let mut app = TestApp::new().await;
    let id = app.meeting_id("demo-kempas-2024").await;
    let (_, path) = app.make_link("polsek.kempas", id, "Jawardi", false).await;
    let huge = "x".repeat(100_000);
    let page = app
        .post_form(&path, &[("answer", "disputed"), ("comment", &huge)])
        .await;
    page.assert_refused(
        "p.error",
        "Catatan terlalu panjang: paling banyak 2000 karakter.",
    );
    let page = app
        .post_form(&path, &[("answer", "disputed"), ("comment", "")])
        .await;
    assert_eq!(
        page.text("p.error"),
        "Tuliskan bagian mana yang tidak sesuai."
    );
    let page = app.post_form(&path, &[("answer", "maybe")]).await;
    assert_eq!(page.text("p.error"), "Pilih salah satu jawaban.");
    let script = "<script>alert('x')</script> notulen salah";
    let first = app
        .post_form(&path, &[("answer", "disputed"), ("comment", script)])
        .await;
    first.assert_status(StatusCode::OK);
    let second = app
        .post_form(&path, &[("answer", "disputed"), ("comment", script)])
        .await;
    second.assert_status(StatusCode::OK);
    let aid = app.attendee_id(id, "Jawardi").await;
    let n: i64 = app
        .one(
            "select count(*) from confirmation where attendee_id = $1",
            aid,
        )
        .await;
    assert_eq!(
        n, 2,
        "the demo answer and one dispute: the repeated tab added nothing"
    );
    app.login_as("polsek.kempas").await;
    let meeting_page = app.get(&format!("/pertemuan/{id}")).await;
    assert!(
        meeting_page.body.contains("&#60;script&#62;alert"),
        "shown escaped"
    );
    let page = app.post_from_another_site(&path, "answer=present").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_public_link_page_is_rate_limited() {
    let mut app = TestApp::new().await;
    for _ in 0..60 {
        app.get(&format!("/k/{}", "cd".repeat(32))).await;
    }
    let page = app.get(&format!("/k/{}", "cd".repeat(32))).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_meeting_with_an_open_dispute_cannot_be_reported_until_it_is_answered_in_writing() {
    let mut app = TestApp::signed_in("polsek.kempas").await;
    let id = app.meeting_id("demo-kempas-2024").await;
    let meeting_page = app.get(&format!("/pertemuan/{id}")).await;
    assert!(
        meeting_page
            .text(".disputes")
            .contains("Notulen belum mencatat permintaan patroli malam")
    );
    let mut fields = crate::commitments::edit_fields(&mut app, id).await;
    for f in fields.iter_mut().filter(|f| f.0 == "status") {
        f.1 = "reported".to_string();
    }
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = app.post_form(&format!("/pertemuan/{id}/ubah"), &refs).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text("#status-error")
            .starts_with("Masih ada sanggahan")
    );
    let erwin = app.attendee_id(id, "Erwin Syarif").await;
    app.post_form(
        &format!("/pertemuan/{id}/sanggahan/{erwin}"),
        &[(
            "response",
            "Permintaan patroli malam sudah ditambahkan ke notulen.",
        )],
    )
    .await
    .assert_redirect_to("/pertemuan/");
    let version: String = app
        .one("select version::text from meeting where id = $1", id)
        .await;
    let refs: Vec<(&str, &str)> = refs
        .into_iter()
        .map(|(k, v)| {
            if k == "version" {
                (k, version.as_str())
            } else {
                (k, v)
            }
        })
        .collect();
    app.post_form(&format!("/pertemuan/{id}/ubah"), &refs)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
}

#[tokio::test]
async fn officials_answer_only_for_their_own_institution() {
    let mut app = TestApp::new().await;
    let kuala = app.meeting_id("demo-kuala-kampar-2024").await;
    app.reopen(kuala).await;
    app.login_as("ppk.kualakampar").await;
    let mine = app.get("/saya").await;
    assert_eq!(
        mine.texts("li.mine-row a.title"),
        vec!["Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar"]
    );
    let ahmadi = app.attendee_id(kuala, "Ahmadi").await;
    answer(&mut app, kuala, ahmadi, "absent")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let hendri = app.attendee_id(kuala, "Hendri Pandita").await;
    answer(&mut app, kuala, hendri, "present")
        .await
        .assert_redirect_to("/saya");
    assert_eq!(app.get("/saya").await.text("li.mine-row .state"), "hadir");
    app.get(&format!("/pertemuan/{kuala}/konfirmasi"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let kempas = app.meeting_id("demo-kempas-2024").await;
    answer(&mut app, kempas, 1, "present")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// The signed-in official answers `answer` for attendee line `line` of `meeting` from "/saya".
async fn answer(app: &mut TestApp, meeting: i64, line: i64, answer: &str) -> Page {
    app.post_form(
        &format!("/pertemuan/{meeting}/jawab"),
        &[("attendee_id", &line.to_string()), ("answer", answer)],
    )
    .await
}

#[tokio::test]
async fn a_team_link_lets_each_member_of_one_institution_answer_for_their_own_line() {
    let mut app = TestApp::new().await;
    // A second member of the PPK on the attendance list.
    let id = reopened_with_ppk_members(&app, &["Rina Wati"]).await;
    let hendri = app.attendee_id(id, "Hendri Pandita").await;
    let rina = app.attendee_id(id, "Rina Wati").await;
    let ahmadi = app.attendee_id(id, "Ahmadi").await;
    let pool = app.pool.clone();
    let state_of = |aid: i64| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("select confirmation from attendee where id = $1")
                .bind(aid)
                .fetch_one(&pool)
                .await
                .expect("state")
        }
    };
    let (hendri_before, ahmadi_before) = (state_of(hendri).await, state_of(ahmadi).await);

    app.login_as("polsek.kualakampar").await;
    let officer = app.get(&format!("/pertemuan/{id}/konfirmasi")).await;
    assert_eq!(
        officer.texts(".team-links .inst"),
        vec![
            "PPK Kecamatan Kuala Kampar",
            "Panwaslu Kecamatan Kuala Kampar"
        ],
        "one team link per institution, none for the police"
    );
    let ppk: i64 = app
        .one("select institution_id from attendee where id = $1", hendri)
        .await;
    let polsek: i64 = app.one("select institution_id from attendee where meeting_id = $1 and position like 'Kapolsek%'", id).await;
    let links = format!("/pertemuan/{id}/konfirmasi/tautan");
    app.post_form(
        &links,
        &[("institution_id", &polsek.to_string()), ("days", "14")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    let made = app
        .post_form(
            &links,
            &[("institution_id", &ppk.to_string()), ("days", "14")],
        )
        .await;
    made.assert_status(StatusCode::OK);
    let url = made.attr("input.link-url", "value").expect("the team link");
    let path = url.trim_start_matches("http://127.0.0.1:8080").to_string();
    app.logout().await;

    let page = app.get(&path).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.text(".team-institution"), "PPK Kecamatan Kuala Kampar");
    assert_eq!(
        page.texts("li.team-line .who"),
        vec![
            "Hendri Pandita (Ketua PPK Kecamatan Kuala Kampar)",
            "Rina Wati (Anggota PPK)"
        ]
    );
    assert_eq!(
        page.texts(".pick-line label"),
        vec![
            "Hendri Pandita (Ketua PPK Kecamatan Kuala Kampar)",
            "Rina Wati (Anggota PPK)"
        ],
        "only the PPK's lines to pick from"
    );

    // No line picked, or a line of another institution: a message, nothing recorded.
    for line in ["", &ahmadi.to_string(), "abc"] {
        let refused = app
            .post_form(&path, &[("answer", "present"), ("attendee_id", line)])
            .await;
        refused.assert_refused("p.error", "Pilih nama Anda dalam daftar hadir lembaga ini.");
    }
    assert_eq!(state_of(ahmadi).await, ahmadi_before);

    let answered = app
        .post_form(
            &path,
            &[("answer", "present"), ("attendee_id", &rina.to_string())],
        )
        .await;
    answered.assert_status(StatusCode::OK);
    assert_eq!(state_of(rina).await, "present");
    assert_eq!(state_of(hendri).await, hendri_before, "only her own line");
    assert_eq!(
        answered.texts("li.team-line .state"),
        vec![crate_state_label(&hendri_before), "hadir".to_string()]
    );

    // Revoked, it reveals nothing.
    app.login_as("polsek.kualakampar").await;
    app.revoke_newest_link(id, true).await;
    app.logout().await;
    let gone = app.get(&path).await;
    gone.assert_status(StatusCode::NOT_FOUND);
    assert!(!gone.body.contains("Kuala Kampar"));
}

fn crate_state_label(s: &str) -> String {
    sinergi::kit::states::ConfirmationState::label_of(s).to_string()
}

#[tokio::test]
async fn the_demo_answers_and_notes_are_dated_by_their_meetings_not_by_the_load() {
    let app = TestApp::new().await;
    let answered = app
        .scalar_i64("select count(*) from attendee where confirmed_at is not null")
        .await;
    assert!(answered > 0);
    let late = app
        .scalar_i64(
            "select count(*) from attendee a join meeting m on m.id = a.meeting_id
             where a.confirmed_at is not null and a.confirmed_at not between m.starts_at and m.starts_at + interval '7 days'",
        )
        .await;
    assert_eq!(late, 0, "answered within a week of the meeting");
    let late_history = app
        .scalar_i64(
            "select count(*) from confirmation c join meeting m on m.id = c.meeting_id
             where c.created_at > m.starts_at + interval '7 days'",
        )
        .await;
    assert_eq!(late_history, 0);
    let notes = app
        .scalar_i64("select count(*) from commitment_note where created_at < '2025-01-01'")
        .await;
    let all_notes = app.scalar_i64("select count(*) from commitment_note").await;
    assert!(all_notes > 0);
    assert_eq!(notes, all_notes, "notes of 2024 work are dated 2024");
}

/// The demo Kuala Kampar meeting reopened for answers, with `members` of the PPK that Hendri
/// Pandita chairs on its attendance list too (from line 9 on): its id.
async fn reopened_with_ppk_members(app: &TestApp, members: &[&str]) -> i64 {
    let id = app.meeting_id("demo-kuala-kampar-2024").await;
    app.reopen(id).await;
    for (&name, sort) in members.iter().zip(9..) {
        sqlx::query(
            "insert into attendee (meeting_id, institution_id, person_name, position, sort)
             select meeting_id, institution_id, $2, 'Anggota PPK', $3 from attendee
             where meeting_id = $1 and person_name = 'Hendri Pandita'",
        )
        .bind(id)
        .bind(name)
        .bind(sort)
        .execute(&app.pool)
        .await
        .expect("member");
    }
    id
}

/// (confirmation, person name, answers recorded) of an attendee line.
async fn line_state(app: &TestApp, aid: i64) -> (String, String, i64) {
    app.row("select a.confirmation, a.person_name, (select count(*) from confirmation c where c.attendee_id = a.id)
         from attendee a where a.id = $1", aid).await
}

#[tokio::test]
async fn a_team_link_member_cannot_answer_for_or_rename_a_line_claimed_by_someone_else() {
    let mut app = TestApp::new().await;
    let id = reopened_with_ppk_members(&app, &["Rina Wati", "Dodi Saputra"]).await;
    let rina = app.attendee_id(id, "Rina Wati").await;
    let dodi = app.attendee_id(id, "Dodi Saputra").await;
    let path = app
        .make_link("polsek.kualakampar", id, "Rina Wati", true)
        .await
        .1;
    let mut other = app.another_browser();

    // Rina answers from her phone; the phone keeps a claim, never the line's hash.
    let rina_s = rina.to_string();
    let answered = app
        .post_form(&path, &[("answer", "present"), ("attendee_id", &rina_s)])
        .await;
    answered.assert_status(StatusCode::OK);
    let set = answered
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sinergi_klaim="))
        .expect("a claim cookie")
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("Path=/k/"),
        "{set}"
    );
    let claim = set["sinergi_klaim=".len()..]
        .split(';')
        .next()
        .unwrap_or("")
        .to_string();
    let stored: String = app
        .one(
            "select claim_hash from confirmation where attendee_id = $1 order by id desc limit 1",
            rina,
        )
        .await;
    assert_ne!(stored, claim);
    let before = line_state(&app, rina).await;
    let audits = app.audit_count("confirmation.answer").await;

    // A colleague with the same team link, on another phone, answers for her and renames her.
    let forged = other
        .post_form(
            &path,
            &[
                ("answer", "absent"),
                ("attendee_id", &rina_s),
                ("name", "Orang Lain"),
            ],
        )
        .await;
    forged.assert_status(StatusCode::FORBIDDEN);
    assert!(
        forged
            .text("p.error")
            .starts_with("Jawaban untuk nama ini sudah dikirim dari perangkat lain."),
        "{}",
        forged.text("p.error")
    );
    assert_eq!(line_state(&app, rina).await, before, "nothing written");
    assert_eq!(app.audit_count("confirmation.answer").await, audits);
    // A forged claim cookie does not help either.
    other.set_cookie("sinergi_klaim", &stored);
    other
        .post_form(&path, &[("answer", "absent"), ("attendee_id", &rina_s)])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(line_state(&app, rina).await, before);

    // The colleague answers for his own line; Rina changes hers from her own phone.
    other
        .post_form(
            &path,
            &[("answer", "present"), ("attendee_id", &dodi.to_string())],
        )
        .await
        .assert_status(StatusCode::OK);
    app.post_form(
        &path,
        &[
            ("answer", "absent"),
            ("attendee_id", &rina_s),
            ("comment", "Salah pilih"),
        ],
    )
    .await
    .assert_status(StatusCode::OK);
    assert_eq!(line_state(&app, rina).await.0, "absent");
    let actor: String = app.single("select actor from audit_log where action = 'confirmation.answer' order by id desc limit 1").await;
    assert_eq!(actor, "lewat tautan tim PPK Kecamatan Kuala Kampar");

    // Her personal link may always change it; after that, no team link may.
    let (_, personal) = app
        .make_link("polsek.kualakampar", id, "Rina Wati", false)
        .await;
    app.post_form(&personal, &[("answer", "present")])
        .await
        .assert_status(StatusCode::OK);
    app.post_form(&path, &[("answer", "absent"), ("attendee_id", &rina_s)])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(line_state(&app, rina).await.0, "present");
}
