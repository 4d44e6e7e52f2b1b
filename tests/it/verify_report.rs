//! The printed report's verification code (issue #13, item 14): a Laporan carries a random code
//! and a QR code for `/verifikasi/<code>`, a public page that says whether the report as printed
//! is still the record — and shows nothing the printed page did not.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::commitments::edit_fields;
use crate::helpers::{Page, TestApp};
use crate::meetings::{post, seed_meeting};

const DEMO: &str = "demo-kuala-kampar-2024";

/// The liaison officer opens the meeting's report; its printed code.
async fn print(app: &mut TestApp, id: i64) -> (Page, String) {
    app.login_as("polsek.kualakampar").await;
    let report = app.get(&format!("/pertemuan/{id}/laporan")).await;
    report.assert_status(StatusCode::OK);
    let code = report.text(".verification-code");
    app.logout().await;
    (report, code)
}

/// Someone without an account scans the code.
async fn scan(app: &TestApp, code: &str) -> Page {
    let mut stranger = TestApp::with_pool(app.pool.clone()).await;
    stranger.get(&format!("/verifikasi/{code}")).await
}

#[tokio::test]
async fn a_printed_report_carries_a_random_code_and_a_qr_code_that_verify_as_current() {
    let mut app = TestApp::new().await;
    let id = seed_meeting(&app, DEMO).await;
    let (report, code) = print(&mut app, id).await;
    assert_eq!(code.len(), 10, "a short code: {code:?}");
    assert!(
        code.chars()
            .all(|c| "34679ACDEFGHJKMNPQRTUVWXY".contains(c))
    );
    assert!(
        report
            .text(".verification-url")
            .ends_with(&format!("/verifikasi/{code}"))
    );
    let qr = report
        .attr(".verification img.qr", "src")
        .expect("a QR code");
    assert!(qr.starts_with("data:image/svg+xml,"), "{qr}");

    // Printing the same content again gives the same code, not a new one.
    let (_, again) = print(&mut app, id).await;
    assert_eq!(again, code);
    let issued = app.scalar_i64("select count(*) from report_code").await;
    assert_eq!(issued, 1);

    let page = scan(&app, &code).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count(".verdict.current"), 1, "{}", page.body);
    assert_eq!(page.count(".verdict.changed"), 0);
    assert_eq!(page.text(".code"), code);
    assert_eq!(page.text(".version"), "1");
    let title: String = app.one("select title from meeting where id = $1", id).await;
    assert_eq!(page.text(".title"), title);

    // Typed by hand from the paper: lower case, with a dash.
    let typed = format!("{}-{}", code[..5].to_lowercase(), &code[5..]);
    assert_eq!(scan(&app, &typed).await.count(".verdict.current"), 1);
}

#[tokio::test]
async fn after_the_meeting_is_edited_the_code_says_the_record_changed_and_when() {
    let mut app = TestApp::new().await;
    let id = seed_meeting(&app, DEMO).await;
    let (_, code) = print(&mut app, id).await;
    let printed_title = scan(&app, &code).await.text(".title");

    app.login_as("polsek.kualakampar").await;
    let mut fields = edit_fields(&mut app, id).await;
    for f in fields.iter_mut().filter(|f| f.0 == "outcome") {
        f.1 = "Hasil yang diubah sesudah dicetak.".into();
    }
    post(&mut app, &format!("/pertemuan/{id}/ubah"), &fields)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    app.logout().await;

    let page = scan(&app, &code).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count(".verdict.changed"), 1, "{}", page.body);
    assert_eq!(page.count(".verdict.current"), 0);
    let year: String = app
        .one(
            "select to_char(updated_at, 'YYYY') from meeting where id = $1",
            id,
        )
        .await;
    let changed = page.text(".changed-at");
    assert!(changed.starts_with("Pertemuan diubah pada"), "{changed}");
    assert!(
        changed.contains(&year) && changed.contains("pukul"),
        "{changed}"
    );
    assert!(changed.contains("Versi catatan 2"), "{changed}");
    // What the page shows is what was printed: version 1 and the title of then.
    assert_eq!(page.text(".version"), "1");
    assert_eq!(page.text(".title"), printed_title);

    // The report printed now carries a new code, and that one is current.
    let (_, new_code) = print(&mut app, id).await;
    assert_ne!(new_code, code);
    let now = scan(&app, &new_code).await;
    assert_eq!(now.count(".verdict.current"), 1);
    assert_eq!(now.text(".version"), "2");
}

#[tokio::test]
async fn a_changed_follow_up_or_confirmation_also_makes_the_printed_report_stale() {
    let mut app = TestApp::new().await;
    let id = seed_meeting(&app, DEMO).await;
    let (_, code) = print(&mut app, id).await;
    app.exec_with("update attendee set confirmation = case confirmation when 'absent' then 'present' else 'absent' end where id = (select min(a.id) from attendee a
           join institution i on i.id = a.institution_id where a.meeting_id = $1 and i.kind <> 'polri')", id).await;
    let page = scan(&app, &code).await;
    assert_eq!(page.count(".verdict.changed"), 1, "{}", page.body);
    assert!(page.text(".changed-at").contains("konfirmasi kehadiran"));
}

#[tokio::test]
async fn an_unknown_code_is_a_404_with_a_clear_message() {
    let app = TestApp::new().await;
    for bogus in [
        "ACDEFGHJKM",
        "short",
        "%FF",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let page = scan(&app, bogus).await;
        page.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(page.text("h1"), "Kode verifikasi tidak dikenal", "{bogus}");
        assert!(page.text(".unknown-code").contains("10 huruf dan angka"));
        assert!(!page.body.contains("<script>alert"));
    }
}

#[tokio::test]
async fn guessing_codes_is_throttled_like_confirmation_links() {
    let app = TestApp::new().await;
    let mut guesser = TestApp::with_pool(app.pool.clone()).await;
    let mut statuses = Vec::new();
    for _ in 0..61 {
        statuses.push(guesser.get("/verifikasi/ACDEFGHJKM").await.status);
    }
    assert!(statuses[..60].iter().all(|s| *s == StatusCode::NOT_FOUND));
    assert_eq!(statuses[60], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_verification_page_shows_nothing_the_printed_page_did_not() {
    let mut app = TestApp::new().await;
    let id = seed_meeting(&app, DEMO).await;
    app.exec_with(
        "update attendee set phone = '0812-7654-3210' where meeting_id = $1",
        id,
    )
    .await;
    let (_, code) = print(&mut app, id).await;
    let page = scan(&app, &code).await;
    page.assert_status(StatusCode::OK);
    let private: Vec<(String, String)> = sqlx::query_as(
        "select a.person_name, a.position from attendee a where a.meeting_id = $1 and a.person_name <> ''",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .expect("attendees");
    assert!(!private.is_empty());
    for (name, _) in &private {
        assert!(!page.body.contains(name.as_str()), "names {name}");
    }
    for secret in ["0812", "7654", "3210"] {
        assert!(!page.body.contains(secret), "phone digits {secret}");
    }
    let (minutes, outcome): (String, String) = app
        .row("select minutes, outcome from meeting where id = $1", id)
        .await;
    assert!(!page.body.contains(&minutes[..20.min(minutes.len())]));
    assert!(!page.body.contains(&outcome[..20.min(outcome.len())]));
    // Only the printed facts: code, title, time, version, when it was printed.
    assert_eq!(page.count("dl.printed dd"), 5);
}
