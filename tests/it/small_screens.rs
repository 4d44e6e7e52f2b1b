//! What people stumbled on at 390 × 844 (issue #18, points 8–13): the official's link page, the
//! dashboard's tables and chart, the meeting page's attendee lines and tap targets everywhere.

use axum::http::StatusCode;

use crate::browser::Browser;
use crate::build::Lookup;
use crate::helpers::TestApp;

/// The demo commitment the PPK of Kuala Kampar owns, its meeting and a PPK line of that meeting.
async fn ppk_commitment(pool: &sqlx::PgPool) -> (i64, i64, String) {
    let (cid, meeting): (i64, i64) = sqlx::query_as(
        "select id, meeting_id from commitment where what like 'Menyiapkan pengamanan gudang logistik PPK%'",
    )
    .fetch_one(pool)
    .await
    .expect("commitment");
    let person: String = sqlx::query_scalar(
        "select a.person_name from attendee a join commitment c on c.owner_institution_id = a.institution_id
         where c.id = $1 and a.meeting_id = $2 and a.person_name <> '' order by a.sort, a.id limit 1",
    )
    .bind(cid)
    .bind(meeting)
    .fetch_one(pool)
    .await
    .expect("a PPK line");
    (cid, meeting, person)
}

/// The host's officer makes a personal link for `person`; returns the link's path.
async fn link_for(app: &mut TestApp, meeting: i64, person: &str) -> String {
    app.reopen(meeting).await;
    app.make_link("polsek.kualakampar", meeting, person, false)
        .await
        .1
}

#[tokio::test]
async fn the_officials_page_asks_for_the_answer_first_names_each_owner_and_shows_the_recorded_answer()
 {
    let mut app = TestApp::new().await;
    let (cid, meeting, person) = ppk_commitment(&app.pool).await;
    let path = link_for(&mut app, meeting, &person).await;

    let open = app.get(&path).await;
    open.assert_status(StatusCode::OK);
    let body = &open.body;
    let form_at = body.find("answer-choices").expect("the answer form");
    let commitments_at = body.find("link-commitments").expect("the commitments");
    assert!(
        form_at < commitments_at,
        "the answer comes before the commitments"
    );
    let owner = open.text(&format!("[data-commitment='{cid}'] .c-owner"));
    assert!(
        owner.starts_with("Milik:") && owner.contains("PPK"),
        "{owner}"
    );
    assert_eq!(open.count("input[name=answer][checked]"), 0);

    let answered = app
        .post_form(&path, &[("answer", "absent"), ("comment", "")])
        .await;
    answered.assert_status(StatusCode::OK);
    assert_eq!(
        answered
            .attr("input[name=answer][checked]", "value")
            .as_deref(),
        Some("absent"),
        "the recorded answer is shown as chosen"
    );
    let again = app.get(&path).await;
    assert_eq!(
        again
            .attr("input[name=answer][checked]", "value")
            .as_deref(),
        Some("absent")
    );
}

/// The `a, button, input[type=checkbox], input[type=radio], select` of the page shorter than
/// 44 px (the element, or the label wrapping it); inline links in running text and the chart's
/// bars (the table next to it has the same numbers) are excepted, as Lighthouse does.
const SMALL_TARGETS: &str = r#"
const out = [];
for (const el of document.querySelectorAll('a, button, input[type=checkbox], input[type=radio], select')) {
  if (el.closest('svg')) continue;
  const r = el.getBoundingClientRect();
  const st = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
  if (el.tagName === 'A' && st.display === 'inline') {
    const text = (el.parentElement.textContent || '').replace(/\s+/g, ' ').trim();
    if (text !== (el.textContent || '').replace(/\s+/g, ' ').trim()) continue;
  }
  const box = el.closest('label') || el;
  const h = box.getBoundingClientRect().height;
  if (h < 44) out.push(location.pathname + ' ' + el.tagName + ' "' + ((el.textContent || el.name || '').trim().slice(0, 30)) + '" ' + h.toFixed(1));
}
return out;
"#;

async fn small_targets(b: &Browser, path: &str) -> Vec<String> {
    b.goto(path).await;
    b.wait("main").await;
    let v = b
        .client
        .execute(SMALL_TARGETS, vec![])
        .await
        .expect("measure");
    serde_json::from_value(v).expect("a list")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tap_target_on_the_main_pages_is_at_least_44_px_tall_on_a_phone() {
    let b = Browser::start_phone().await;
    let (cid, meeting, person) = ppk_commitment(&b.pool).await;
    let mut app = TestApp::with_pool(b.pool.clone()).await;
    let link = link_for(&mut app, meeting, &person).await;
    let mut small = Vec::new();
    for path in ["/login", "/direktori", link.as_str()] {
        small.extend(small_targets(&b, path).await);
    }
    let choice = b
        .client
        .execute(
            "return document.querySelector('label.answer-choice').getBoundingClientRect().height",
            vec![],
        )
        .await
        .expect("choice");
    assert!(choice.as_f64().unwrap_or(0.0) >= 44.0, "{choice}");
    b.login("polsek.kualakampar").await;
    let pages = [
        "/".to_string(),
        "/dasbor".to_string(),
        "/pertemuan".to_string(),
        format!("/pertemuan/{meeting}"),
        format!("/pertemuan/{meeting}/konfirmasi"),
        "/tindak-lanjut".to_string(),
        format!("/tindak-lanjut/{cid}"),
        "/kalender".to_string(),
        "/pengingat".to_string(),
        "/akun/sandi".to_string(),
    ];
    for path in &pages {
        small.extend(small_targets(&b, path).await);
    }
    if !small.is_empty() {
        b.evidence("small-targets").await;
    }
    b.stop().await;
    assert!(small.is_empty(), "{} too small: {small:#?}", small.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_dashboard_tables_keep_their_first_column_and_chart_labels_are_readable() {
    let b = Browser::start_phone().await;
    b.login("polres.pelalawan").await;
    b.goto("/dasbor").await;
    b.wait("table.activity").await;
    let js = r#"
      const firsts = [...document.querySelectorAll('.table-wrap > table tr > :first-child')];
      const loose = firsts.filter(c => getComputedStyle(c).position !== 'sticky').length;
      const svg = document.querySelector('.chart svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
      const wrap = document.querySelector('.table-wrap');
      wrap.scrollLeft = 400;
      const first = wrap.querySelector('tbody tr > :first-child').getBoundingClientRect();
      const box = wrap.getBoundingClientRect();
      return [firsts.length, loose, Math.min(...sizes), first.left - box.left];
    "#;
    let v = b.client.execute(js, vec![]).await.expect("measure");
    b.stop().await;
    let n = v[0].as_f64().unwrap_or(0.0);
    assert!(n > 10.0, "first cells: {v}");
    assert_eq!(v[1].as_f64(), Some(0.0), "every first column stays: {v}");
    assert!(v[2].as_f64().unwrap_or(0.0) >= 11.0, "chart labels: {v}");
    assert!(
        v[3].as_f64().unwrap_or(99.0).abs() < 2.0,
        "still in view: {v}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_each_attendee_line_says_which_is_attendance_and_which_confirmation() {
    let b = Browser::start_phone().await;
    let (_, meeting, _) = ppk_commitment(&b.pool).await;
    b.login("polsek.kualakampar").await;
    b.goto(&format!("/pertemuan/{meeting}")).await;
    b.wait("tr.attendee").await;
    let js = r#"
      const row = [...document.querySelectorAll('tr.attendee')].find(r => r.querySelector('td.confirm').textContent.trim());
      const before = c => getComputedStyle(row.querySelector(c), '::before').content;
      return [before('td.att'), before('td.confirm')];
    "#;
    let v = b.client.execute(js, vec![]).await.expect("labels");
    b.stop().await;
    assert_eq!(v[0].as_str(), Some("\"Kehadiran: \""), "{v}");
    assert_eq!(v[1].as_str(), Some("\"Konfirmasi: \""), "{v}");
}

#[tokio::test]
async fn the_printed_report_lists_the_commitments_confirmations_and_the_officer_with_nrp() {
    let mut app = TestApp::new().await;
    let (_, meeting, _) = ppk_commitment(&app.pool).await;
    app.exec_with("update meeting set created_by = (select id from app_user where username = 'polsek.kualakampar') where id = $1", meeting).await;
    app.exec("update app_user set nrp = '78061234' where username = 'polsek.kualakampar'")
        .await;
    app.login_as("polsek.kualakampar").await;
    let page = app.get(&format!("/pertemuan/{meeting}/laporan")).await;
    page.assert_status(StatusCode::OK);
    page.assert_some_text(".followups tr.commitment td.what", |w| {
        w.starts_with("Menyiapkan pengamanan gudang logistik PPK")
    });
    page.assert_some_text(".followups td.owner", |o| o.contains("PPK"));
    assert!(!page.texts(".followups td.due").is_empty());
    assert!(!page.texts(".followups td.status").is_empty());
    page.assert_some_text(".lampiran td.confirmation", |c| {
        c == "hadir" || c == "belum dikonfirmasi"
    });
    assert_eq!(page.text(".sign .officer-name"), "Rhino Handoyo, S.H.");
    assert_eq!(page.text(".sign .officer-rank"), "AKP NRP 78061234");
    assert!(!page.body.contains("aman, lancar dan kondusif"));
    let place = page.text(".place");
    let district = place.matches("Kuala Kampar").count();
    assert!(district <= 1, "the place named once: {place}");
}

#[tokio::test]
async fn the_confirmation_share_counts_only_institutions_asked_to_confirm_and_says_so() {
    let mut app = TestApp::new().await;
    let (_, meeting, _) = ppk_commitment(&app.pool).await;
    app.login_as("polsek.kualakampar").await;
    let before = app.get(&format!("/pertemuan/{meeting}")).await;
    let badge = before.text(".confirm-badge");
    assert!(!before.text(".confirm-scope").is_empty());
    let other: i64 = app.one("select id from institution where kind not in ('polri','kpu','ppk','pps','bawaslu','panwascam')
         and id not in (select institution_id from attendee where meeting_id = $1) order by id limit 1", meeting).await;
    sqlx::query(
        "insert into attendee (meeting_id, institution_id, person_name, sort) values ($1, $2, 'Tamu', 99)",
    )
    .bind(meeting)
    .bind(other)
    .execute(&app.pool)
    .await
    .expect("an invited guest");
    assert_eq!(
        confirm_badge(&mut app, meeting).await,
        badge,
        "a guest not asked does not count"
    );
    sqlx::query(
        "insert into confirmation_link (meeting_id, institution_id, token_hash, expires_at)
         values ($1, $2, repeat('a', 64), now() + interval '1 day')",
    )
    .bind(meeting)
    .bind(other)
    .execute(&app.pool)
    .await
    .expect("a link for the guest");
    assert_ne!(
        confirm_badge(&mut app, meeting).await,
        badge,
        "once a link was made it counts"
    );
}

/// The confirmation badge on the page of `meeting`.
async fn confirm_badge(app: &mut TestApp, meeting: i64) -> String {
    app.get(&format!("/pertemuan/{meeting}"))
        .await
        .text(".confirm-badge")
}
