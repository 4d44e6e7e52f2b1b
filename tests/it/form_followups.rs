//! Issue #18 points 4, 5, 6 and the rest of 1: the meeting form takes the follow-ups too (one
//! "Simpan" records the whole meeting), standing duties, follow-ups recorded after their due
//! date, and "Minta konfirmasi" per attendee line.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;
use crate::meetings::{kuala_kampar_form, post};

type Fields = Vec<(String, String)>;

fn row(owner: i64, what: &str, from: &str, due: &str, done: &str) -> Fields {
    [
        ("c_owner", owner.to_string()),
        ("c_what", what.to_string()),
        ("c_from", from.to_string()),
        ("c_due", due.to_string()),
        ("c_done", done.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The meeting id in the path `to` a saved meeting's page.
fn meeting_of(to: &str) -> String {
    to.trim_start_matches("/pertemuan/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn ppk(app: &TestApp) -> i64 {
    app.institution_id("ppk", "14.05.10").await
}

async fn host_institution(app: &TestApp) -> i64 {
    app.unit_institution_id("Polsek Kuala Kampar").await
}

/// The meeting of 2 Nov 2024 (Pilkada 2024, voting day 27 Nov) with three follow-ups.
async fn with_three_follow_ups(app: &TestApp, idem: &str) -> Fields {
    let mut fields = kuala_kampar_form(app, idem).await;
    let panwas = app.institution_id("panwascam", "14.05.10").await;
    fields.extend(row(
        ppk(app).await,
        "Daftar petugas KPPS diserahkan ke Polsek",
        "",
        "H-10",
        "ya",
    ));
    fields.extend(row(
        host_institution(app).await,
        "Patroli gudang PPK setiap malam",
        "H-3",
        "H+1",
        "tidak",
    ));
    fields.extend(row(
        panwas,
        "Jadwal pengawasan distribusi logistik",
        "",
        "2024-11-20",
        "tidak",
    ));
    fields
}

#[tokio::test]
async fn one_simpan_records_the_meeting_with_its_follow_ups_and_says_so() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    assert_eq!(form.count("fieldset.followups .followup[id='c0']"), 1);
    assert_eq!(
        form.attr("fieldset.followups button[data-add-row]", "formaction")
            .as_deref(),
        Some("/pertemuan/baru#c1")
    );
    let fields = with_three_follow_ups(&app, "f18f0110000000000000000000000001").await;
    let saved = post(&mut app, "/pertemuan/baru", &fields).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let to = saved.location();
    assert!(to.ends_with("?tersimpan=3"), "{to}");
    let page = app.get(&to).await;
    assert_eq!(
        page.text(".saved-notice"),
        "Pertemuan tersimpan dengan 3 tindak lanjut."
    );
    assert_eq!(page.count(".commitments li.commitment"), 3);
    page.assert_some_text(".commitments li.commitment", |c| {
        c.contains("Patroli gudang PPK setiap malam")
            && c.contains("setiap hari 24–28 November 2024 (H+1)")
    });
    assert_eq!(app.audit_count("commitment.create").await, 3);

    // a second "Simpan" of the same form: the same meeting, its follow-ups once
    let again = post(&mut app, "/pertemuan/baru", &fields).await;
    again.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(again.location(), to.trim_end_matches("?tersimpan=3"));
    assert_eq!(app.scalar_i64("select count(*) from commitment c join meeting m on m.id = c.meeting_id where m.idempotency_key = 'f18f0110000000000000000000000001'").await, 3);
}

#[tokio::test]
async fn the_page_after_saving_says_it_in_english_too() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = with_three_follow_ups(&app, "f18f0110000000000000000000000002").await;
    let to = post(&mut app, "/pertemuan/baru", &fields).await.location();
    app.get("/lang/en").await;
    let page = app.get(&to).await;
    assert_eq!(
        page.text(".saved-notice"),
        "Meeting saved with 3 follow-ups."
    );
}

#[tokio::test]
async fn a_bad_follow_up_row_is_named_at_its_fields_and_in_the_summary_and_nothing_is_saved() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, "f18f0110000000000000000000000003").await;
    let elsewhere = app
        .scalar_i64(
            "select id from institution where kind = 'ppk' and region_code <> '14.05.10' limit 1",
        )
        .await;
    fields.extend(row(
        ppk(&app).await,
        "Serah terima daftar KPPS",
        "",
        "H-10",
        "",
    ));
    fields.extend(row(elsewhere, "ab", "H+2", "H+1", ""));
    let page = post(&mut app, "/pertemuan/baru", &fields).await;
    page.assert_refused(
        "#c0-done-error",
        "Tenggat ini sudah lewat. Sudah dilaksanakan? Pilih Sudah atau Belum.",
    );
    assert_eq!(
        page.text("#c1-what-error"),
        "Tuliskan apa yang dijanjikan (minimal 3 karakter)."
    );
    assert_eq!(
        page.text("#c1-owner-error"),
        "Pilih lembaga yang hadir di pertemuan ini (atau satuan penyelenggara)."
    );
    assert_eq!(
        page.text("#c1-from-error"),
        "Mulai tidak boleh sesudah tenggat (sampai)."
    );
    for id in ["#c0-done", "#c1-what", "#c1-owner", "#c1-from"] {
        assert_eq!(
            page.count(&format!(".error-summary a[href='{id}']")),
            1,
            "{id} in the summary"
        );
    }
    assert_eq!(page.text("#c1-what"), "ab", "input kept");
    assert_eq!(page.attr("#c0-due", "value").as_deref(), Some("H-10"));
    page.assert_attr("#c1-what", "aria-describedby", "c1-what-error");
    assert_eq!(
        app.scalar_i64("select count(*) from meeting where idempotency_key = 'f18f0110000000000000000000000003'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_follow_up_recorded_late_is_done_or_late_from_the_day_it_was_recorded() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = with_three_follow_ups(&app, "f18f0110000000000000000000000004").await;
    let to = post(&mut app, "/pertemuan/baru", &fields).await.location();
    let done = app
        .scalar_i64(
            "select count(*) from commitment where what like 'Daftar petugas KPPS%' and status = 'done'
               and late_from is null",
        )
        .await;
    assert_eq!(done, 1, "answered 'Sudah': recorded as done");
    let late_from_today = app
        .scalar_i64(
            "select count(*) from commitment where status = 'open'
               and late_from = (now() at time zone 'Asia/Jakarta')::date",
        )
        .await;
    assert_eq!(late_from_today, 2, "answered 'Belum': late from today");
    let page = app.get(&to).await;
    assert_eq!(
        page.count(".commitments .badge.err"),
        0,
        "no 'terlambat 742 hari' on the day it is recorded"
    );
    let list = app.get("/tindak-lanjut?terlambat=1").await;
    assert!(
        !list.body.contains("Patroli gudang PPK setiap malam"),
        "not in the overdue list"
    );
}

#[tokio::test]
async fn the_meeting_page_form_takes_a_standing_duty_and_asks_about_a_past_due_date() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = kuala_kampar_form(&app, "f18f0110000000000000000000000005").await;
    let to = post(&mut app, "/pertemuan/baru", &fields).await.location();
    let id = meeting_of(&to);
    let owner = ppk(&app).await.to_string();
    let add = |done: &str| {
        vec![
            ("what", "Jaga gudang logistik bergiliran"),
            ("owner", owner.as_str()),
            ("from", "H-3"),
            ("due", "H+1"),
            ("done", done),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<Fields>()
    };
    let asked = post(
        &mut app,
        &format!("/pertemuan/{id}/tindak-lanjut"),
        &add(""),
    )
    .await;
    asked.assert_refused(
        "#c_done-error",
        "Tenggat ini sudah lewat. Sudah dilaksanakan? Pilih Sudah atau Belum.",
    );
    let made = post(
        &mut app,
        &format!("/pertemuan/{id}/tindak-lanjut"),
        &add("tidak"),
    )
    .await;
    made.assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&format!("/pertemuan/{id}")).await;
    assert!(
        page.text(".commitments li.commitment")
            .contains("setiap hari 24–28 November 2024 (H+1)"),
        "{}",
        page.text(".commitments")
    );
    // the printed report gives the duty's span
    let report = app.get(&format!("/pertemuan/{id}/laporan")).await;
    report.assert_some_text("table.commitments tr.commitment td.due", |d| {
        d == "setiap hari 24–28 November 2024 (H+1)"
    });
    let meeting: i64 = id.parse().expect("id");
    app.logout().await;
    let (_, link) = app
        .make_link("polsek.kualakampar", meeting, "Hendri Pandita", false)
        .await;
    // the PPK's link page gives it too
    let official = app.get(&link).await;
    official.assert_some_text(".due", |d| d == "setiap hari 24–28 November 2024 (H+1)");
}

#[tokio::test]
async fn minta_konfirmasi_per_line_decides_who_is_counted_and_offered_a_link() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    assert_eq!(form.count("#a0-conf option"), 3);
    let mut fields = kuala_kampar_form(&app, "f18f0110000000000000000000000006").await;
    // the PPK line asked as its kind says, the Panwascam line not asked
    fields.extend([
        ("a_confirm".to_string(), String::new()),
        ("a_confirm".to_string(), "tidak".to_string()),
    ]);
    let to = post(&mut app, "/pertemuan/baru", &fields).await.location();
    let page = app.get(&to).await;
    assert_eq!(page.text(".confirm-badge"), "dikonfirmasi 0 dari 1 lembaga");
    let id = meeting_of(&to);
    let links = app.get(&format!("/pertemuan/{id}/konfirmasi")).await;
    assert_eq!(links.count("tr.attendee .not-asked"), 1);
    assert_eq!(links.count("tr.attendee .make-link"), 1);
    let edit = app.get(&format!("/pertemuan/{id}/ubah")).await;
    assert_eq!(
        edit.attr("#a1-conf option[selected]", "value").as_deref(),
        Some("tidak"),
        "the edit form shows the choice"
    );
}
