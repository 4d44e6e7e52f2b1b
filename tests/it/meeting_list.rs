//! The meeting list reads its common shape (a unit's subtree or everything, dates, a type, a
//! topic, the cursor) through `meeting_list_keyed` and every other filter through list.sql: both
//! must find the same meetings in the same order, page for page.

use crate::build::Lookup;
use crate::helpers::TestApp;

/// Titles of every page of `path`, following the "next" links.
async fn all_pages(app: &mut TestApp, path: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let mut next = Some(path.to_string());
    while let Some(p) = next {
        let page = app.get(&p).await;
        titles.extend(page.texts("li.meeting a.title"));
        next = page.attr("a.next", "href");
    }
    titles
}

#[tokio::test]
async fn the_keyed_list_and_the_planned_list_find_the_same_meetings_page_for_page() {
    let mut app = TestApp::new().await;
    // 80 copies over 40 days, every other one a rakor, every third on pam_tps, two at the same
    // instant (the cursor must break ties by id).
    app.kempas_meeting_and_copies(80, "Salinan", 2).await;
    app.exec(
        "insert into meeting_meeting_type (meeting_id, type_code)
         select id, 'rakor' from meeting where title like 'Salinan %' and split_part(title, ' ', 2)::int % 2 = 0",
    )
    .await;
    app.exec(
        "insert into meeting_topic (meeting_id, topic_code)
         select id, 'pam_tps' from meeting where title like 'Salinan %' and split_part(title, ' ', 2)::int % 3 = 0",
    )
    .await;
    app.exec("update meeting set status = 'held' where status <> 'held'")
        .await;
    let riau = app.unit_id("Polda Riau").await;
    let inhil = app.unit_id("Polres Indragiri Hilir").await;
    let kempas = app.unit_id("Polsek Kempas").await;
    app.login_as("polda.riau").await;
    let from = "2020-01-01";
    for filter in [
        String::new(),
        "type=rakor".into(),
        format!("unit={riau}&type=rakor"),
        format!("unit={inhil}&topic=pam_tps"),
        format!("unit={kempas}&from={from}&to=2030-12-31"),
        format!("unit={kempas}&type=rakor&topic=pam_tps"),
    ] {
        let keyed = all_pages(&mut app, &format!("/pertemuan?{filter}")).await;
        // `status=held` matches every meeting here and sends the list to list.sql.
        let planned = all_pages(&mut app, &format!("/pertemuan?{filter}&status=held")).await;
        assert!(!keyed.is_empty(), "{filter}: something to compare");
        assert_eq!(keyed, planned, "{filter}");
    }
    let copies = all_pages(&mut app, &format!("/pertemuan?unit={kempas}")).await;
    assert!(
        copies.len() > 80,
        "paged through every copy: {}",
        copies.len()
    );
}

/// Meetings whose own type or topic codes, or count of lines present, differ from their tag rows
/// and attendee lines (migration 20261207000700).
pub async fn codes_off_their_tags(app: &TestApp) -> i64 {
    app.single(
        "select count(*) from meeting m
         where m.type_codes <> array(select x.type_code from meeting_meeting_type x where x.meeting_id = m.id order by 1)
            or m.topic_codes <> array(select x.topic_code from meeting_topic x where x.meeting_id = m.id order by 1)
            or m.present_count <> (select count(*) from attendee a where a.meeting_id = m.id and a.attendance = 'present')",
    )
    .await
}

/// The small line under a listed meeting's title: its types · topics · present · status.
async fn listed(app: &mut TestApp, path: &str, title: &str) -> Option<String> {
    let page = app.get(path).await;
    let doc = page.doc();
    let li = scraper::Selector::parse("li.meeting").expect("css");
    let a = scraper::Selector::parse("a.title").expect("css");
    let small = scraper::Selector::parse("div.small.muted").expect("css");
    doc.select(&li)
        .find(|e| {
            e.select(&a)
                .any(|t| t.text().collect::<String>().trim() == title)
        })
        .and_then(|e| e.select(&small).next())
        .map(|s| s.text().collect::<Vec<_>>().join(" "))
}

#[tokio::test]
async fn the_list_reads_types_topics_and_lines_present_that_follow_the_form_the_edit_and_any_statement()
 {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let title = "Ngopi bareng PPK dan Panwascam";
    let fields = crate::meetings::new_kuala_kampar_form(&mut app).await;
    let created = app.post_fields("/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let id: i64 = created
        .location()
        .trim_start_matches("/pertemuan/")
        .parse()
        .expect("id");
    let list = "/pertemuan?from=2024-11-02&to=2024-11-02";
    let line = listed(&mut app, &format!("{list}&type=cooling_system"), title)
        .await
        .expect("listed under Cooling System");
    assert!(
        line.contains("Ngopi Bareng / Coffee Morning, Cooling System")
            && line.contains("Keamanan gudang logistik"),
        "{line}"
    );
    assert_eq!(codes_off_their_tags(&app).await, 0, "after the form");

    // The edit form sent back: Rakor only, about TPS.
    let mut edited: Vec<(String, String)> = crate::commitments::edit_fields(&mut app, id)
        .await
        .into_iter()
        .filter(|(k, _)| k != "type" && k != "topic")
        .collect();
    edited.push(("type".into(), "rakor".into()));
    edited.push(("topic".into(), "pam_tps".into()));
    app.post_fields(&format!("/pertemuan/{id}/ubah"), &edited)
        .await
        .assert_redirect_to(&format!("/pertemuan/{id}"));
    assert_eq!(codes_off_their_tags(&app).await, 0, "after the edit");
    assert_eq!(
        listed(&mut app, &format!("{list}&type=cooling_system"), title).await,
        None,
        "no longer a Cooling System"
    );
    let line = listed(&mut app, &format!("{list}&type=rakor&topic=pam_tps"), title)
        .await
        .expect("listed as a Rakor about TPS");
    assert!(
        line.contains("Rapat Koordinasi (Rakor)") && line.contains("Pengamanan TPS"),
        "{line}"
    );
    assert!(!line.contains("Keamanan gudang logistik"), "{line}");

    // Statements of any writer: a topic added, a type renamed in place, every topic removed.
    app.exec_with(
        "insert into meeting_topic (meeting_id, topic_code) values ($1, 'hoaks')",
        id,
    )
    .await;
    app.exec_with(
        "update meeting_meeting_type set type_code = 'doa_bersama' where meeting_id = $1",
        id,
    )
    .await;
    assert_eq!(
        codes_off_their_tags(&app).await,
        0,
        "after an insert and an update"
    );
    let line = listed(&mut app, &format!("{list}&topic=hoaks"), title)
        .await
        .expect("listed under Hoaks");
    assert!(line.contains("Doa Bersama"), "{line}");
    assert!(!line.contains("Rakor"), "{line}");
    app.exec_with("delete from meeting_topic where meeting_id = $1", id)
        .await;
    assert_eq!(codes_off_their_tags(&app).await, 0, "after a delete");
    assert_eq!(
        listed(&mut app, &format!("{list}&topic=pam_tps"), title).await,
        None
    );

    // Lines present: both of the form's; an answer to the confirmation leaves the count, a line
    // marked absent and one deleted change it.
    let line = listed(&mut app, list, title).await.expect("listed");
    assert!(line.contains("2 lembaga hadir"), "{line}");
    app.exec_with(
        "update attendee set confirmation = 'present' where meeting_id = $1",
        id,
    )
    .await;
    app.exec_with(
        "update attendee set attendance = 'absent' where meeting_id = $1 and sort = 0",
        id,
    )
    .await;
    assert_eq!(codes_off_their_tags(&app).await, 0, "after the answers");
    let line = listed(&mut app, list, title).await.expect("listed");
    assert!(line.contains("1 lembaga hadir"), "{line}");
    app.exec_with(
        "delete from attendee where meeting_id = $1 and attendance = 'present'",
        id,
    )
    .await;
    assert_eq!(codes_off_their_tags(&app).await, 0, "after a line deleted");
    let line = listed(&mut app, list, title).await.expect("listed");
    assert!(line.contains("0 lembaga hadir"), "{line}");
}

#[tokio::test]
async fn the_unit_filter_drills_down_from_the_readers_unit_along_the_chosen_units_path() {
    let mut riau = TestApp::signed_in("polda.riau").await;
    let pelalawan = riau.unit_id("Polres Pelalawan").await;
    let kuala_kampar = riau.unit_id("Polsek Kuala Kampar").await;
    let options = "select[name=unit] option";

    // A Polda's list: the Polda and its Polres, no Polsek yet, and a line saying how to go down.
    let page = riau.get("/pertemuan").await;
    page.assert_attr("select[name=unit]", "aria-describedby", "unit-hint");
    assert!(page.text("#unit-hint").contains("Terapkan"));
    let offered = page.texts(options);
    for unit in ["Polda Riau", "Polres Pelalawan", "Polres Indragiri Hilir"] {
        assert!(offered.iter().any(|o| o == unit), "{unit} in {offered:?}");
    }
    assert!(
        !offered.iter().any(|o| o.starts_with("Polsek")),
        "{offered:?}"
    );

    // A Polres chosen: its Polsek join the choices, another Polres' do not.
    let page = riau.get(&format!("/pertemuan?unit={pelalawan}")).await;
    let offered = page.texts(options);
    assert!(
        offered.iter().any(|o| o == "Polsek Kuala Kampar"),
        "{offered:?}"
    );
    assert!(!offered.iter().any(|o| o == "Polsek Kempas"), "{offered:?}");
    assert_eq!(
        page.attr("select[name=unit] option[selected]", "value"),
        Some(pelalawan.to_string())
    );

    // The nation: the Polda; a Polsek chosen by its link shows every step above it, selected.
    let mut national = TestApp::signed_in("admin").await;
    let offered = national.get("/pertemuan").await.texts(options);
    assert!(offered.iter().any(|o| o == "Polda Riau"), "{offered:?}");
    assert!(
        !offered.iter().any(|o| o.starts_with("Polres")),
        "{offered:?}"
    );
    let page = national
        .get(&format!("/pertemuan?unit={kuala_kampar}"))
        .await;
    let offered = page.texts(options);
    for unit in ["Polda Riau", "Polres Pelalawan", "Polsek Kuala Kampar"] {
        assert!(offered.iter().any(|o| o == unit), "{unit} in {offered:?}");
    }
    assert!(!offered.iter().any(|o| o == "Polsek Kempas"), "{offered:?}");
    assert_eq!(
        page.attr("select[name=unit] option[selected]", "value"),
        Some(kuala_kampar.to_string())
    );

    // A Polsek officer has only their own unit to choose.
    let mut polsek = TestApp::signed_in("polsek.kualakampar").await;
    let offered = polsek.get("/pertemuan").await.texts(options);
    assert_eq!(offered[1..], ["Polsek Kuala Kampar".to_string()]);
}

/// The list's filter choices (units, types, topics, stages) are kept under the structure version
/// in every mode: a unit renamed and a type relabelled by psql while the server runs are on the
/// next page, with the page caches on and off.
#[tokio::test]
async fn the_filter_choices_follow_a_renamed_unit_and_a_relabelled_type_at_the_next_request() {
    for cache in [true, false] {
        let mut config = sinergi::Config::for_tests();
        config.cache = cache;
        let mut app = TestApp::with_config(crate::helpers::fresh_pool().await, config).await;
        app.login_as("polda.riau").await;
        let page = app.get("/pertemuan").await;
        let units = page.texts("select[name=unit] option");
        assert!(units.contains(&"Polres Pelalawan".to_string()), "{units:?}");
        let types = page.texts("select[name=type] option");
        assert!(!types.iter().any(|t| t.ends_with("(diubah)")), "{types:?}");
        for sql in [
            "update police_unit set name = 'Polres Pelalawan Raya' where name = 'Polres Pelalawan'",
            "update meeting_type set label = label || ' (diubah)' where code = 'rakor'",
        ] {
            sqlx::query(sql).execute(&app.pool).await.expect(sql);
        }
        let page = app.get("/pertemuan").await;
        let units = page.texts("select[name=unit] option");
        assert!(
            units.contains(&"Polres Pelalawan Raya".to_string()),
            "cache {cache}: {units:?}"
        );
        assert!(
            !units.contains(&"Polres Pelalawan".to_string()),
            "cache {cache}: {units:?}"
        );
        let types = page.texts("select[name=type] option");
        assert_eq!(
            types.iter().filter(|t| t.ends_with("(diubah)")).count(),
            1,
            "cache {cache}: {types:?}"
        );
    }
}
