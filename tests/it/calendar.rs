//! Calendar feeds: a private feed parsed with the `icalendar` crate, times right in WIB, WITA
//! and WIT, a revoked token answering 404, another person's feed never holding your items, and
//! a meeting's "add to calendar" file.

use axum::http::{StatusCode, header};
use icalendar::parser::{Component, read_calendar, unfold};

use crate::build::Lookup;
use crate::helpers::TestApp;

/// A meeting hosted by Polsek Kuala Kampar in the first kecamatan of zone `tz`, ten days from
/// now at 03:00 UTC; its id and its local start as DTSTART writes it.
async fn meeting_in(app: &TestApp, tz: &str, title: &str) -> (i64, String) {
    sqlx::query_as(
        "with d as (select code from region where level = 'district' and tz = $1 order by code limit 1)
         insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, starts_at, district_code, venue_name, status)
         select u.id, u.path, u.polda_id, u.polres_id, $2, date_trunc('day', now()) + interval '10 days 3 hours', d.code, 'Aula, Kantor; Camat', 'planned'
         from police_unit u, d where u.name = 'Polsek Kuala Kampar'
         returning id, to_char(starts_at at time zone $1, 'YYYYMMDD\"T\"HH24MISS')",
    )
    .bind(tz)
    .bind(title)
    .fetch_one(&app.pool)
    .await
    .expect("meeting")
}

/// Makes a feed as the signed-in person and returns its path.
async fn make_feed(app: &mut TestApp) -> String {
    let page = app.post_form("/kalender/baru", &[]).await;
    page.assert_status(StatusCode::OK);
    let url = page.attr("#feed-url", "value").expect("feed url");
    let path = url
        .find("/kalender/")
        .map(|i| url[i..].to_string())
        .expect("path");
    assert!(path.ends_with(".ics"));
    path
}

fn events<'a>(cal: &'a icalendar::parser::Calendar<'a>) -> Vec<&'a Component<'a>> {
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect()
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a icalendar::parser::Property<'a>> {
    c.properties.iter().find(|p| p.name.as_str() == name)
}

fn uid_of(c: &Component<'_>) -> String {
    prop(c, "UID")
        .map(|p| p.val.as_str().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_feed_parses_and_gives_each_meeting_its_place_s_zone() {
    let mut app = TestApp::new().await;
    let mut made = Vec::new();
    for (tz, title) in [
        ("Asia/Jakarta", "Rakor WIB"),
        ("Asia/Makassar", "Rakor WITA"),
        ("Asia/Jayapura", "Rakor WIT"),
    ] {
        let (id, start) = meeting_in(&app, tz, title).await;
        made.push((id, start, tz));
    }
    app.login_as("polsek.kualakampar").await;
    let path = make_feed(&mut app).await;
    let mut calendar_app = app.another_browser();
    let feed = calendar_app.get(&path).await;
    feed.assert_status(StatusCode::OK);
    assert!(
        feed.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/calendar")
    );
    assert!(
        !feed.body.replace("\r\n", "").contains('\n'),
        "CRLF line endings only"
    );
    assert!(
        feed.body.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    let unfolded = unfold(&feed.body);
    let cal = read_calendar(&unfolded).expect("valid iCalendar");
    let vcal = cal
        .components
        .iter()
        .find(|c| c.name.as_str() == "VCALENDAR")
        .map(|c| c.components.iter().collect::<Vec<_>>());
    let all: Vec<&Component<'_>> = match vcal {
        Some(inner) => inner,
        None => events(&cal),
    };
    for (id, start, tz) in &made {
        let ev = all
            .iter()
            .find(|c| {
                c.name.as_str() == "VEVENT" && uid_of(c).starts_with(&format!("pertemuan-{id}@"))
            })
            .unwrap_or_else(|| panic!("meeting {id} in the feed"));
        let dtstart = prop(ev, "DTSTART").expect("DTSTART");
        assert_eq!(dtstart.val.as_str(), start, "{tz}");
        let tzid = dtstart
            .params
            .iter()
            .find(|p| p.key.as_str() == "TZID")
            .and_then(|p| p.val.as_ref())
            .map(|v| v.as_str().to_string());
        assert_eq!(tzid.as_deref(), Some(*tz));
        assert_eq!(
            feed.body
                .matches(&format!("BEGIN:VTIMEZONE\r\nTZID:{tz}\r\n"))
                .count(),
            1,
            "one VTIMEZONE for {tz}"
        );
        let description = prop(ev, "DESCRIPTION")
            .expect("DESCRIPTION")
            .val
            .as_str()
            .to_string();
        assert!(
            description.contains(&format!("/pertemuan/{id}")),
            "{description}"
        );
        assert_eq!(
            prop(ev, "STATUS").map(|p| p.val.as_str()),
            Some("TENTATIVE")
        );
    }
    let (wib, wita, wit) = (&made[0].1, &made[1].1, &made[2].1);
    assert!(wib.ends_with("T100000") && wita.ends_with("T110000") && wit.ends_with("T120000"));
    assert!(
        feed.body.contains("LOCATION:Aula\\, Kantor\\; Camat"),
        "escaped text"
    );
}

#[tokio::test]
async fn a_feed_holds_the_due_dates_the_person_owns_or_verifies_and_nobody_else_s() {
    let mut app = TestApp::new().await;
    let (kk_meeting, _) = meeting_in(&app, "Asia/Jakarta", "Rakor Kuala Kampar").await;
    let due: i64 = app.one("insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id, due_on)
         select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, 'Daftar TPS rawan', i.id, date '2030-01-15'
         from meeting m, institution i where m.id = $1 and i.kind = 'ppk' and i.region_code = '14.05.10'
         returning id", kk_meeting).await;
    // the PPK owns it, Polsek Kuala Kampar verifies it
    let mut ppk = app.another_browser();
    ppk.login_as("ppk.kualakampar").await;
    let path = make_feed(&mut ppk).await;
    let ppk_feed = ppk.get(&path).await;
    assert!(ppk_feed.body.contains(&format!("UID:tindak-lanjut-{due}@")));
    assert!(ppk_feed.body.contains("DTSTART;VALUE=DATE:20300115"));
    app.login_as("polsek.kualakampar").await;
    let path = make_feed(&mut app).await;
    let own = app.get(&path).await;
    assert!(own.body.contains(&format!("UID:tindak-lanjut-{due}@")));
    assert!(own.body.contains(&format!("UID:pertemuan-{kk_meeting}@")));
    let mut kempas = app.another_browser();
    kempas.login_as("polsek.kempas").await;
    let path = make_feed(&mut kempas).await;
    let other = kempas.get(&path).await;
    other.assert_status(StatusCode::OK);
    assert!(!other.body.contains(&format!("tindak-lanjut-{due}@")));
    assert!(!other.body.contains(&format!("pertemuan-{kk_meeting}@")));
    let unfolded = unfold(&other.body);
    read_calendar(&unfolded).expect("valid iCalendar");
}

#[tokio::test]
async fn a_revoked_or_replaced_token_answers_404() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let first = make_feed(&mut app).await;
    let mut reader = app.another_browser();
    reader.get(&first).await.assert_status(StatusCode::OK);
    let second = make_feed(&mut app).await;
    reader
        .get(&first)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    reader.get(&second).await.assert_status(StatusCode::OK);
    app.post_form("/kalender/cabut", &[])
        .await
        .assert_redirect_to("/kalender?ok=dicabut");
    reader
        .get(&second)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    reader
        .get(&format!("/kalender/{}.ics", "ab".repeat(32)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let page = app.get("/kalender").await;
    assert_eq!(page.count("#none"), 1);
    let stored: i64 = app
        .scalar_i64("select count(*) from calendar_feed where length(token_hash) = 64")
        .await;
    assert_eq!(stored, 2, "only hashes are stored");
}

#[tokio::test]
async fn a_meeting_downloads_as_one_event_only_for_those_who_may_see_it() {
    let mut app = TestApp::new().await;
    let (id, start) = meeting_in(&app, "Asia/Makassar", "Rakor WITA").await;
    app.login_as("polsek.kualakampar").await;
    let file = app.get(&format!("/pertemuan/{id}/kalender.ics")).await;
    file.assert_status(StatusCode::OK);
    assert!(
        file.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap_or("")
            .contains(&format!("pertemuan-{id}.ics"))
    );
    let unfolded = unfold(&file.body);
    let cal = read_calendar(&unfolded).expect("valid iCalendar");
    assert!(!cal.components.is_empty());
    assert_eq!(file.body.matches("BEGIN:VEVENT").count(), 1);
    assert!(
        file.body
            .contains(&format!("DTSTART;TZID=Asia/Makassar:{start}"))
    );
    let mut kempas = app.another_browser();
    kempas.login_as("polsek.kempas").await;
    kempas
        .get(&format!("/pertemuan/{id}/kalender.ics"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
