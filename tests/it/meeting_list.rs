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
