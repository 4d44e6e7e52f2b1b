//! The meeting form as a new officer meets it on a phone (issue #18, points 1–7).

use axum::http::StatusCode;

use crate::meetings::{kuala_kampar_form, set};

#[tokio::test]
async fn a_bad_date_and_a_bad_time_are_both_reported_and_25_61_is_never_turned_into_a_time() {
    let mut app = crate::helpers::TestApp::new().await;
    let meetings_before = app.scalar_i64("select count(*) from meeting").await;
    app.login_as("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, "f18aaaaaaaaaaaaaaaaaaaaaaaaaaaaa").await;
    set(&mut fields, "date", "2024-02-31");
    set(&mut fields, "time", "25:61");
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_refused("#date-error", "Tanggal tidak valid (contoh 2024-11-20).");
    assert_eq!(page.text("#time-error"), "Jam tidak valid (contoh 19:30).");
    assert_eq!(page.attr("#time", "value").as_deref(), Some("25:61"));

    set(&mut fields, "date", "2024-11-02");
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_refused("#time-error", "Jam tidak valid (contoh 19:30).");
    assert_eq!(page.count("#date-error"), 0);
    assert_eq!(
        app.scalar_i64("select count(*) from meeting").await,
        meetings_before,
        "nothing saved"
    );
}

#[tokio::test]
async fn the_error_summary_links_each_message_to_its_field_and_each_field_names_its_message() {
    let mut app = crate::helpers::TestApp::new().await;
    app.login_as("polsek.kualakampar").await;
    let mut fields = kuala_kampar_form(&app, "f18bbbbbbbbbbbbbbbbbbbbbbbbbbbbb").await;
    set(&mut fields, "time", "25:61");
    set(&mut fields, "title", "x");
    set(&mut fields, "a_members", "banyak");
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let links: Vec<String> = page
        .doc()
        .select(&scraper::Selector::parse(".error-summary a").expect("css"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    for href in &links {
        assert_eq!(page.count(href), 1, "{href} points at one field");
    }
    assert!(links.contains(&"#time".to_string()));
    assert!(links.contains(&"#a0-mem".to_string()));
    assert_eq!(
        page.text(".error-summary a[href='#time']"),
        "Jam tidak valid (contoh 19:30)."
    );
    page.assert_attr("#time", "aria-describedby", "time-error");
    page.assert_attr("#a0-mem", "aria-describedby", "a0-mem-error");
    assert_eq!(page.text("#a0-mem-error"), "Jumlah anggota 0 sampai 10000.");
    page.assert_attr("#title", "aria-describedby", "title-error");
}

#[tokio::test]
async fn a_religious_leader_is_a_kind_of_their_own_and_is_not_asked_to_confirm() {
    let mut app = crate::helpers::TestApp::new().await;
    app.login_as("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    for kind in [
        "tokoh_agama",
        "tokoh_masyarakat",
        "tokoh_adat",
        "tokoh_pemuda",
    ] {
        assert_eq!(
            form.count(&format!("#a0-nk option[value='{kind}']")),
            1,
            "{kind} offered"
        );
    }
    let mut fields = kuala_kampar_form(&app, "f18ccccccccccccccccccccccccccccc").await;
    let f = |k: &str, v: &str| (k.to_string(), v.to_string());
    fields.extend([
        f("a_id", ""),
        f("a_institution", "new"),
        f("a_new_kind", "tokoh_agama"),
        f("a_new_name", "Ustaz Abdul Hamid"),
        f("a_name", "Abdul Hamid"),
        f("a_position", "Tokoh agama"),
        f("a_rank", ""),
        f("a_members", ""),
        f("a_represents", ""),
        f("a_phone", ""),
        f("a_attendance", "present"),
    ]);
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_i64(
            "select count(*) from attendee a join institution i on i.id = a.institution_id
             where i.kind = 'tokoh_agama' and not a.asks_confirmation"
        )
        .await,
        1,
        "the leader is not asked"
    );
    assert_eq!(
        app.scalar_i64(
            "select count(*) from attendee a join institution i on i.id = a.institution_id
             join meeting m on m.id = a.meeting_id
             where i.kind = 'ppk' and a.asks_confirmation
               and m.idempotency_key = 'f18ccccccccccccccccccccccccccccc'"
        )
        .await,
        1,
        "the PPK is"
    );
}

#[tokio::test]
async fn without_script_a_new_attendee_row_comes_back_at_its_own_anchor_focused() {
    let mut app = crate::helpers::TestApp::new().await;
    app.login_as("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    assert_eq!(form.count(".attendee[id='a2']"), 1);
    form.assert_attr("button[data-add-row]", "formaction", "/pertemuan/baru#a3");
    assert_eq!(form.count(".attendee [data-new-inst]"), 3);
    let mut fields = kuala_kampar_form(&app, "f18ddddddddddddddddddddddddddddd").await;
    fields.push(("action".into(), "add_row".into()));
    let page = app.post_fields("/pertemuan/baru", &fields).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count(".attendee"), 3, "two typed rows and the new one");
    assert_eq!(
        page.count("#a2 select[autofocus]"),
        1,
        "the new row is focused"
    );
    assert_eq!(page.count("#a0 select[autofocus]"), 0);
    page.assert_attr("button[data-add-row]", "formaction", "/pertemuan/baru#a3");
}

/// The form's elections come from the calendars kept under the structure version: one added
/// while the server runs (here by psql) is offered at once, and a meeting is logged under it.
#[tokio::test]
async fn an_election_added_while_the_server_runs_is_offered_and_a_meeting_is_logged_under_it() {
    let mut app = crate::helpers::TestApp::signed_in("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    let offered = form.texts("select[name=election] option");
    assert!(
        !offered.iter().any(|o| o == "Pilkada Ulang Uji"),
        "{offered:?}"
    );
    let id: i64 = sqlx::query_scalar(
        "insert into election (slug, name, kind, voting_day, national)
         values ('pilkada-ulang-uji', 'Pilkada Ulang Uji', 'pilkada', '2024-12-20', true) returning id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("election");
    let form = app.get("/pertemuan/baru").await;
    let offered = form.texts("select[name=election] option");
    assert!(
        offered.iter().any(|o| o == "Pilkada Ulang Uji"),
        "{offered:?}"
    );
    let idem = form.attr("input[name=idem]", "value").expect("idem");
    let mut fields = kuala_kampar_form(&app, &idem).await;
    set(&mut fields, "election", &id.to_string());
    let created = app.post_fields("/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let page = app.get(&created.location()).await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.text(".election").starts_with("Pilkada Ulang Uji"),
        "{}",
        page.text(".election")
    );
}
