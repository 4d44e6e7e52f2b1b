//! Local bodies without data entry (issue #18 point 2): the Camat and the Koramil of a kecamatan
//! are offered in the meeting form like PPK and Panwascam, and the first meeting that names one
//! creates it. And the dashboard's confirmation share (point 10): only the lines of institutions
//! asked to confirm count.

use axum::http::StatusCode;

use crate::build::Lookup;
use crate::helpers::{Page, TestApp};
use crate::meetings::{kuala_kampar_form, post};

const KOPI: &str = "f18d0000000000000000000000000001";

/// The Kuala Kampar meeting form with one more attendee row choosing `institution`.
async fn form_with(app: &TestApp, idem: &str, institution: &str) -> Vec<(String, String)> {
    let mut fields = kuala_kampar_form(app, idem).await;
    let f = |k: &str, v: &str| (k.to_string(), v.to_string());
    fields.extend([
        f("a_id", ""),
        f("a_institution", institution),
        f("a_new_kind", ""),
        f("a_new_name", ""),
        f("a_name", "Kapten Inf. Syahrial"),
        f("a_position", "Danramil"),
        f("a_rank", "Kapten"),
        f("a_members", ""),
        f("a_represents", ""),
        f("a_phone", ""),
        f("a_attendance", "present"),
    ]);
    fields
}

async fn koramils_in_kuala_kampar(app: &TestApp) -> i64 {
    app.scalar_i64(
        "select count(*) from institution where kind = 'koramil' and region_code = '14.05.10'",
    )
    .await
}

#[tokio::test]
async fn the_form_for_kuala_kampar_offers_its_camat_and_koramil_without_any_admin_action() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let form = app.get("/pertemuan/baru").await;
    form.assert_status(StatusCode::OK);
    assert_eq!(
        form.text("#a1-inst option[value='camat:14.05.10']"),
        "Camat Kuala Kampar"
    );
    assert_eq!(
        form.text("#a1-inst option[value='koramil:14.05.10']"),
        "Koramil Kuala Kampar"
    );
    assert_eq!(
        form.count("#a1-inst option[value^='camat:14.04']"),
        0,
        "no Camat outside the Polsek's area"
    );
    assert_eq!(koramils_in_kuala_kampar(&app).await, 0, "nothing made yet");
}

#[tokio::test]
async fn the_koramil_is_created_by_the_first_meeting_that_names_it_and_reused_by_the_next() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = form_with(&app, KOPI, "koramil:14.05.10").await;
    let created = post(&mut app, "/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let page = app.get(&created.location()).await;
    assert!(
        page.texts("tr.attendee td.inst")
            .contains(&"Koramil Kuala Kampar".to_string()),
        "{:?}",
        page.texts("tr.attendee td.inst")
    );
    assert_eq!(koramils_in_kuala_kampar(&app).await, 1);

    // The next form offers the real row, no longer the one to be made.
    let form = app.get("/pertemuan/baru").await;
    assert_eq!(form.count("#a1-inst option[value='koramil:14.05.10']"), 0);
    let id = app.institution_id("koramil", "14.05.10").await;
    assert_eq!(
        form.text(&format!("#a1-inst option[value='{id}']")),
        "Koramil Kuala Kampar"
    );
    // A form opened before (still naming the offered choice) reuses it too.
    let again = form_with(&app, "f18d0000000000000000000000000002", "koramil:14.05.10").await;
    post(&mut app, "/pertemuan/baru", &again)
        .await
        .assert_redirect_to("/pertemuan/");
    let chosen = form_with(&app, "f18d0000000000000000000000000003", &id.to_string()).await;
    post(&mut app, "/pertemuan/baru", &chosen)
        .await
        .assert_redirect_to("/pertemuan/");
    assert_eq!(koramils_in_kuala_kampar(&app).await, 1, "made once");
    assert_eq!(
        app.scalar_i64(
            "select count(*) from attendee a join institution i on i.id = a.institution_id
             where i.kind = 'koramil' and i.region_code = '14.05.10'"
        )
        .await,
        3
    );

    // It is an official body: listed in the directory for its kecamatan, for anyone.
    app.logout().await;
    let dir = app.get("/direktori/14.05.10").await;
    dir.assert_status(StatusCode::OK);
    dir.assert_some_text(".institutions li", |t| t.contains("Koramil Kuala Kampar"));
}

#[tokio::test]
async fn the_camat_is_made_on_first_use_as_local_government() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let fields = form_with(&app, KOPI, "camat:14.05.10").await;
    post(&mut app, "/pertemuan/baru", &fields)
        .await
        .assert_redirect_to("/pertemuan/");
    assert_eq!(
        app.scalar_i64(
            "select count(*) from institution i join institution_kind k on k.code = i.kind
             where i.name = 'Camat Kuala Kampar' and i.region_code = '14.05.10'
               and k.category = 'pemda' and not k.individual"
        )
        .await,
        1
    );
}

async fn rejected(app: &mut TestApp, idem: &str, choice: &str) -> Page {
    let fields = form_with(app, idem, choice).await;
    let page = post(app, "/pertemuan/baru", &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page
}

#[tokio::test]
async fn a_forged_or_bogus_choice_gets_a_message_next_to_the_field_and_makes_nothing() {
    let mut app = TestApp::signed_in("polsek.kualakampar").await;
    let meetings = app.scalar_i64("select count(*) from meeting").await;
    let institutions = app.scalar_i64("select count(*) from institution").await;

    // Kempas (Indragiri Hilir) is not Polsek Kuala Kampar's area.
    let page = rejected(
        &mut app,
        "f18d0000000000000000000000000004",
        "koramil:14.04.19",
    )
    .await;
    assert_eq!(
        page.text("#a2-inst-error"),
        "Kecamatan lembaga ini di luar wilayah satuan Anda."
    );
    page.assert_attr("#a2-name", "value", "Kapten Inf. Syahrial");
    let page = rejected(
        &mut app,
        "f18d0000000000000000000000000005",
        "camat:61.04.05",
    )
    .await;
    assert_eq!(
        page.text("#a2-inst-error"),
        "Kecamatan lembaga ini di luar wilayah satuan Anda."
    );
    for bogus in [
        "koramil:14.05.99",
        "koramil:14.05",
        "kodim:14.05.10",
        "camat:'; drop table x",
    ] {
        let page = rejected(&mut app, "f18d0000000000000000000000000006", bogus).await;
        let message = page.text("#a2-inst-error");
        assert!(
            message == "Lembaga tidak dikenal."
                || message == "Kecamatan lembaga ini di luar wilayah satuan Anda.",
            "{bogus}: {message}"
        );
    }
    assert_eq!(
        app.scalar_i64("select count(*) from meeting").await,
        meetings
    );
    assert_eq!(
        app.scalar_i64("select count(*) from institution").await,
        institutions
    );
}

/// The first number of the dashboard's confirmation total row: (lines, confirmed).
fn confirmation_total(page: &Page) -> (i64, i64) {
    let cells = page.texts("table.confirm tr.total td");
    let n = |i: usize| {
        cells[i]
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number in {cells:?}"))
    };
    (n(0), n(1))
}

#[tokio::test]
async fn the_confirmation_share_counts_only_institutions_asked_to_confirm_and_says_so() {
    let mut app = TestApp::new().await;
    let url = "/dasbor?election=pilkada-2024&from=2024-11-01&to=2024-11-30";
    app.login_as("polres.pelalawan").await;
    let page = app.get(url).await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.text("#konfirmasi p.small").starts_with(
            "Hanya baris lembaga yang diminta mengonfirmasi (penyelenggara pemilu, atau lembaga yang dibuatkan tautan konfirmasi)"
        ),
        "{}",
        page.text("#konfirmasi p.small")
    );
    let (lines, confirmed) = confirmation_total(&page);
    app.logout().await;

    // PPK, Panwascam and the invited Koramil present: only the two election bodies count.
    app.login_as("polsek.kualakampar").await;
    let fields = form_with(&app, KOPI, "koramil:14.05.10").await;
    let created = post(&mut app, "/pertemuan/baru", &fields).await;
    created.assert_redirect_to("/pertemuan/");
    let meeting = created.location();
    app.logout().await;
    app.login_as("polres.pelalawan").await;
    assert_eq!(
        confirmation_total(&app.get(url).await),
        (lines + 2, confirmed)
    );
    app.logout().await;

    // A link made for the Koramil asks it to confirm: now it counts.
    let koramil = app.institution_id("koramil", "14.05.10").await;
    app.login_as("polsek.kualakampar").await;
    let made = app
        .post_form(
            &format!("{meeting}/konfirmasi/tautan"),
            &[("institution_id", &koramil.to_string()), ("days", "14")],
        )
        .await;
    made.assert_status(StatusCode::OK);
    app.logout().await;
    app.login_as("polres.pelalawan").await;
    assert_eq!(
        confirmation_total(&app.get(url).await),
        (lines + 3, confirmed)
    );
}
