//! Reminders: which step falls today in WIB, WITA and WIT, the one-tap send that records and
//! opens WhatsApp, nothing reminded twice, scope, the Polda rule and the commanders' digest.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::TestApp;

/// A commitment of the demo's Kuala Kampar meeting owned by its PPK, due `days` from today on
/// the clocks of `tz`.
async fn due_in(app: &TestApp, what: &str, tz: &str, days: i32) -> i64 {
    sqlx::query_scalar(
        "insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what,
                                 owner_institution_id, due_on, due_tz)
         select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, $1, i.id,
                (now() at time zone $2)::date + $3, $2
         from meeting m, institution i
         where m.idempotency_key = 'demo-kuala-kampar-2024' and i.kind = 'ppk' and i.region_code = '14.05.10'
         returning id",
    )
    .bind(what)
    .bind(tz)
    .bind(days)
    .fetch_one(&app.pool)
    .await
    .expect("commitment")
}

async fn sent(app: &TestApp, id: i64) -> i64 {
    app.one(
        "select count(*) from reminder_sent where commitment_id = $1",
        id,
    )
    .await
}

#[tokio::test]
async fn todays_list_holds_the_h_minus_3_due_day_and_overdue_steps_in_each_zone() {
    let mut app = TestApp::new().await;
    let h3_wit = due_in(&app, "Gudang logistik WIT", "Asia/Jayapura", 3).await;
    let due_wita = due_in(&app, "Gudang logistik WITA", "Asia/Makassar", 0).await;
    let late_wib = due_in(&app, "Gudang logistik WIB", "Asia/Jakarta", -1).await;
    let h4 = due_in(&app, "Belum waktunya", "Asia/Jakarta", 4).await;
    let late8 = due_in(&app, "Sudah eskalasi", "Asia/Jakarta", -8).await;
    app.login_as("polsek.kualakampar").await;
    let page = app.get("/pengingat").await;
    page.assert_status(StatusCode::OK);
    let item = |id: i64| format!("li.reminder[data-id='{id}']");
    assert_eq!(
        page.attr(&item(h3_wit), "data-step").as_deref(),
        Some("before")
    );
    assert_eq!(page.text(&format!("{} .when", item(h3_wit))), "H-3");
    assert_eq!(
        page.attr(&item(due_wita), "data-step").as_deref(),
        Some("due")
    );
    assert_eq!(page.text(&format!("{} .when", item(due_wita))), "hari ini");
    assert_eq!(
        page.attr(&item(late_wib), "data-step").as_deref(),
        Some("overdue")
    );
    assert_eq!(
        page.text(&format!("{} .when", item(late_wib))),
        "terlambat 1 hari"
    );
    assert_eq!(page.count(&item(h4)), 0, "H-4 is not yet a step");
    assert_eq!(
        page.count(&item(late8)),
        0,
        "past the overdue notice's week"
    );
    assert_eq!(
        page.count(&format!("{} form.send", item(h3_wit))),
        2,
        "owner and counterpart"
    );
}

#[tokio::test]
async fn a_tap_records_the_reminder_then_opens_whatsapp_and_a_second_tap_sends_nothing() {
    let mut app = TestApp::new().await;
    let id = due_in(&app, "Menyiapkan gudang logistik", "Asia/Jakarta", 3).await;
    app.login_as("polsek.kualakampar").await;
    let path = format!("/pengingat/{id}/kirim");
    let first = app
        .post_form(&path, &[("step", "before"), ("recipient", "owner")])
        .await;
    first.assert_redirect_to("https://wa.me/?text=");
    let location = first.location();
    assert!(
        location.contains(&format!("%2Ftindak-lanjut%2F{id}")),
        "{location}"
    );
    assert!(location.contains("%28H-3%29"), "{location}");
    assert_eq!(sent(&app, id).await, 1);
    let again = app
        .post_form(&path, &[("step", "before"), ("recipient", "owner")])
        .await;
    again.assert_redirect_to("/pengingat?ok=sudah");
    assert_eq!(
        sent(&app, id).await,
        1,
        "nobody is reminded twice for a step"
    );
    let wrong_step = app
        .post_form(&path, &[("step", "overdue"), ("recipient", "owner")])
        .await;
    wrong_step.assert_redirect_to("/pengingat?ok=lewat");
    assert_eq!(sent(&app, id).await, 1);
    let page = app.get("/pengingat?ok=sudah").await;
    assert!(page.text("#notice").contains("tidak dikirim dua kali"));
    let who = page.text(&format!(
        "li.reminder[data-id='{id}'] p.sent[data-to='owner']"
    ));
    assert!(who.contains("dikirim oleh"), "{who}");
    assert_eq!(
        page.count(&format!(
            "li.reminder[data-id='{id}'] form.send[data-to='counterpart']"
        )),
        1
    );
    assert_eq!(app.audit_count("reminder.send").await, 1);
}

#[tokio::test]
async fn another_units_officer_neither_sees_nor_sends_the_reminder_and_officials_only_receive() {
    let mut app = TestApp::new().await;
    let id = due_in(&app, "Menyiapkan gudang logistik", "Asia/Jakarta", 0).await;
    app.login_as("polsek.kempas").await;
    let page = app.get("/pengingat").await;
    assert_eq!(page.count(&format!("li.reminder[data-id='{id}']")), 0);
    let due_to_owner = [("step", "due"), ("recipient", "owner")];
    let send = format!("/pengingat/{id}/kirim");
    app.post_form(&send, &due_to_owner)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let mut official = app.another_browser();
    official.login_as("ppk.kualakampar").await;
    official
        .post_form(&send, &due_to_owner)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(sent(&app, id).await, 0);
}

#[tokio::test]
async fn a_polda_rule_set_by_an_admin_moves_the_steps() {
    let mut app = TestApp::new().await;
    let h5 = due_in(&app, "Lima hari lagi", "Asia/Jakarta", 5).await;
    let late1 = due_in(&app, "Terlambat sehari", "Asia/Jakarta", -1).await;
    let riau = app.unit_id("Polda Riau").await.to_string();
    let mut admin = app.another_browser();
    admin.login_as("admin").await;
    for (before, after, field) in [
        ("0", "1", "#days_before-error"),
        ("3", "x", "#days_after-error"),
    ] {
        let page = admin
            .post_form(
                "/admin/pengingat",
                &[
                    ("polda", &riau),
                    ("days_before", before),
                    ("days_after", after),
                ],
            )
            .await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.count(field), 1);
    }
    let page = admin
        .post_form(
            "/admin/pengingat",
            &[("polda", &riau), ("days_before", "5"), ("days_after", "2")],
        )
        .await;
    page.assert_redirect_to("/admin/pengingat?ok=aturan");
    let rules = admin.get("/admin/pengingat").await;
    assert_eq!(
        rules.text(&format!("tr.rule[data-id='{riau}'] td.before")),
        "H-5"
    );
    app.login_as("polsek.kualakampar").await;
    let page = app.get("/pengingat").await;
    assert_eq!(
        page.attr(&format!("li.reminder[data-id='{h5}']"), "data-step")
            .as_deref(),
        Some("before")
    );
    assert_eq!(
        page.count(&format!("li.reminder[data-id='{late1}']")),
        0,
        "overdue notice at H+2"
    );
}

#[tokio::test]
async fn the_digest_shows_a_kapolres_what_is_due_newly_overdue_and_escalated_to_him() {
    let mut app = TestApp::new().await;
    let today = due_in(&app, "Jatuh tempo hari ini", "Asia/Jakarta", 0).await;
    let yesterday = due_in(&app, "Baru terlambat", "Asia/Jakarta", -1).await;
    // 8 days overdue: past SINERGI_ESCALATE_DAYS (7), climbed from the Polsek to the Polres today
    let climbed = due_in(&app, "Naik ke Polres", "Asia/Jakarta", -8).await;
    let older = due_in(&app, "Sudah naik kemarin", "Asia/Jakarta", -9).await;
    app.login_as("polres.pelalawan").await;
    let page = app.get("/pengingat/ringkasan").await;
    page.assert_status(StatusCode::OK);
    let ids = |section: &str| -> Vec<String> {
        page.doc()
            .select(&scraper::Selector::parse(&format!("#{section} li.item")).expect("css"))
            .filter_map(|e| e.value().attr("data-id").map(str::to_string))
            .collect()
    };
    assert!(ids("due-today").contains(&today.to_string()));
    assert!(ids("newly-overdue").contains(&yesterday.to_string()));
    assert!(ids("escalated").contains(&climbed.to_string()));
    for s in ["due-today", "newly-overdue", "escalated"] {
        assert!(!ids(s).contains(&older.to_string()), "{s}");
    }
    let mut kempas = app.another_browser();
    kempas.login_as("polsek.kempas").await;
    let other = kempas.get("/pengingat/ringkasan").await;
    assert_eq!(other.count(&format!("li.item[data-id='{today}']")), 0);
}
