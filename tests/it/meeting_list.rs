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
    let id = app
        .meeting()
        .host("Polsek Kempas")
        .kecamatan("14.04.19")
        .create()
        .await;
    // 80 copies over 80 days, every other one a rakor, every third on pam_tps, some at the same
    // instant (the cursor must break ties by id).
    sqlx::query(
        "with made as (
             insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at, district_code,
                                  venue_name, status)
             select host_unit_id, unit_path, polda_id, polres_id, 'Salinan ' || g,
                    starts_at - (g / 2) * interval '1 day', district_code, venue_name, 'held'
             from meeting, generate_series(1, 80) g where id = $1
             returning id, title)
         insert into meeting_meeting_type (meeting_id, type_code)
         select id, 'rakor' from made where split_part(title, ' ', 2)::int % 2 = 0",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .expect("copies");
    sqlx::query(
        "insert into meeting_topic (meeting_id, topic_code)
         select id, 'pam_tps' from meeting where title like 'Salinan %' and split_part(title, ' ', 2)::int % 3 = 0",
    )
    .execute(&app.pool)
    .await
    .expect("topics");
    sqlx::query("update meeting set status = 'held' where status <> 'held'")
        .execute(&app.pool)
        .await
        .expect("all held");
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
