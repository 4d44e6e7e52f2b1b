//! Issue #18's scenario end to end in Chromium at 390 × 844: a Polsek "Cooling System" coffee
//! meeting logged from scratch — the PPK chair and three members, the Panwascam chair, the
//! Danramil, the Camat represented by the Sekcam and a religious leader (an individual, not asked
//! to confirm); three topics; three follow-ups (one due H-10, one standing "patroli gudang PPK
//! setiap malam" until H+1, one by a date) — with one "Simpan". Also: the offline draft keeps
//! the follow-up rows.

use crate::browser::Browser;
use crate::build::Lookup;

/// An attendee row typed in: institution `inst` ("new" with a kind and name for a new one).
async fn attendee(b: &Browser, i: usize, inst: &str, new: Option<(&str, &str)>, who: [&str; 3]) {
    b.select(&format!("#a{i}-inst"), inst).await;
    if let Some((kind, name)) = new {
        b.select(&format!("#a{i}-nk"), kind).await;
        b.fill(&format!("#a{i}-nn"), name).await;
    }
    b.fill(&format!("#a{i}-name"), who[0]).await;
    b.fill(&format!("#a{i}-pos"), who[1]).await;
    if !who[2].is_empty() {
        b.fill(&format!("#a{i}-rep"), who[2]).await;
    }
}

/// A follow-up row typed in.
async fn follow_up(
    b: &Browser,
    i: usize,
    owner: &str,
    what: &str,
    from: &str,
    due: &str,
    done: &str,
) {
    b.select(&format!("#c{i}-owner"), owner).await;
    b.fill(&format!("#c{i}-what"), what).await;
    if !from.is_empty() {
        b.fill(&format!("#c{i}-from"), from).await;
    }
    b.fill(&format!("#c{i}-due"), due).await;
    b.select(&format!("#c{i}-done"), done).await;
}

async fn scroll_y(b: &Browser) -> f64 {
    b.client
        .execute("return window.scrollY", vec![])
        .await
        .expect("scroll")
        .as_f64()
        .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cooling_system_meeting_is_logged_from_scratch_on_a_phone_with_one_simpan() {
    let b = Browser::start_phone().await;
    let ppk = b.institution_id("ppk", "14.05.10").await.to_string();
    let panwas = b.institution_id("panwascam", "14.05.10").await.to_string();
    let polsek = b
        .unit_institution_id("Polsek Kuala Kampar")
        .await
        .to_string();
    b.login("polsek.kualakampar").await;
    b.goto("/pertemuan/baru").await;
    b.click("input[name=type][value=ngopi_bareng]").await;
    b.click("input[name=type][value=cooling_system]").await;
    b.fill("#title", "Cooling System bersama penyelenggara pemilu")
        .await;
    b.set_value("#date", "2024-11-02").await;
    b.set_value("#time", "19:30").await;
    b.select("#district_code", "14.05.10").await;
    b.fill("#venue_name", "Warung Kopi Teluk Dalam").await;
    for t in ["gudang_logistik", "distribusi_logistik", "netralitas"] {
        b.click(&format!("input[name=topic][value={t}]")).await;
    }
    attendee(&b, 1, &ppk, None, ["Hendri Pandita", "Ketua PPK", ""]).await;
    b.fill("#a1-mem", "3").await;
    attendee(
        &b,
        2,
        &panwas,
        None,
        ["Ahmadi", "Ketua Panwaslu Kecamatan", ""],
    )
    .await;
    // three more rows, added in place: the page does not reload or jump to the top
    for n in 3..6 {
        b.click("fieldset.attendees button[data-add-row]").await;
        b.wait(&format!("#a{n}-inst")).await;
        assert!(
            scroll_y(&b).await > 500.0,
            "still at the rows after adding #a{n}"
        );
    }
    // the Koramil and the Camat of the kecamatan are in the list without any data entry
    attendee(
        &b,
        3,
        "koramil:14.05.10",
        None,
        ["Kapt. Inf. Suharto", "Danramil", ""],
    )
    .await;
    attendee(
        &b,
        4,
        "camat:14.05.10",
        None,
        ["Syafrizal", "Sekretaris Camat", "Camat Kuala Kampar"],
    )
    .await;
    let leader = Some(("tokoh_agama", "Ustaz Abdul Hamid"));
    attendee(&b, 5, "new", leader, ["Abdul Hamid", "Tokoh agama", ""]).await;

    follow_up(
        &b,
        0,
        &ppk,
        "Daftar petugas KPPS diserahkan ke Polsek",
        "",
        "H-10",
        "ya",
    )
    .await;
    b.click("fieldset.followups button[data-add-row]").await;
    follow_up(
        &b,
        1,
        &polsek,
        "Patroli gudang PPK setiap malam",
        "2024-11-02",
        "H+1",
        "tidak",
    )
    .await;
    b.click("fieldset.followups button[data-add-row]").await;
    follow_up(
        &b,
        2,
        &panwas,
        "Jadwal pengawasan distribusi logistik",
        "",
        "2024-11-20",
        "tidak",
    )
    .await;
    b.fill(
        "#minutes",
        "Keamanan gudang logistik PPK dan distribusi dibahas bersama.",
    )
    .await;
    b.click("button.save").await;

    b.expect_text("h1", "Cooling System bersama penyelenggara pemilu")
        .await;
    let saved = b.text(".saved-notice").await;
    let lines = b.texts("tr.attendee td.inst").await;
    let follow_ups = b.texts(".commitments li.commitment").await;
    let badge = b.text(".confirm-badge").await;
    let wide = b
        .client
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .expect("width");
    if follow_ups.len() != 3 || lines.len() != 6 {
        b.evidence("scenario").await;
    }
    b.stop().await;
    assert_eq!(saved, "Pertemuan tersimpan dengan 3 tindak lanjut.");
    assert_eq!(lines.len(), 6, "{lines:?}");
    for name in [
        "Koramil Kuala Kampar",
        "Camat Kuala Kampar",
        "Ustaz Abdul Hamid",
    ] {
        assert!(lines.iter().any(|l| l.contains(name)), "{name}: {lines:?}");
    }
    assert_eq!(follow_ups.len(), 3, "{follow_ups:?}");
    assert!(
        follow_ups
            .iter()
            .any(|c| c.contains("Patroli gudang PPK setiap malam")
                && c.contains("setiap hari 2–28 November 2024 (H+1)")),
        "{follow_ups:?}"
    );
    assert!(
        follow_ups
            .iter()
            .any(|c| c.contains("Daftar petugas KPPS") && c.contains("Selesai")),
        "recorded late as already done: {follow_ups:?}"
    );
    assert!(
        !follow_ups.iter().any(|c| c.contains("terlambat")),
        "no false alarm on the day it is recorded: {follow_ups:?}"
    );
    assert_eq!(
        badge, "dikonfirmasi 0 dari 2 lembaga",
        "the PPK and the Panwascam are asked; TNI, Camat and the leader are not counted"
    );
    assert!(
        wide.as_f64().unwrap_or(999.0) <= 390.0,
        "no sideways scroll: {wide}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_keeps_its_follow_up_rows_through_a_reload() {
    let b = Browser::start_phone().await;
    let ppk = b.institution_id("ppk", "14.05.10").await.to_string();
    b.login("polsek.kualakampar").await;
    b.goto("/pertemuan/baru").await;
    b.wait("fieldset.followups").await;
    b.fill("#title", "Draf dengan tindak lanjut").await;
    follow_up(&b, 0, &ppk, "Serah terima kunci gudang", "", "H-1", "").await;
    b.click("fieldset.followups button[data-add-row]").await;
    b.wait("#c1-what").await;
    assert_eq!(
        b.texts(".followup").await.len(),
        2,
        "one row added in place"
    );
    follow_up(
        &b,
        1,
        &ppk,
        "Patroli gudang setiap malam",
        "H-3",
        "H+1",
        "tidak",
    )
    .await;
    // the draft is saved a moment after the last keystroke
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let hash: String = b
        .client
        .execute("return location.hash", vec![])
        .await
        .expect("hash")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(hash.starts_with("#draf="), "{hash}");
    b.client.refresh().await.expect("reload");
    b.wait("#c1-what").await;
    let value = |css: &'static str| {
        let b = &b;
        async move {
            b.client
                .execute(
                    "return document.querySelector(arguments[0]).value",
                    vec![css.into()],
                )
                .await
                .expect("value")
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    };
    let restored = [
        value("#c0-what").await,
        value("#c1-what").await,
        value("#c1-from").await,
        value("#c1-due").await,
        value("#c1-done").await,
        value("#c1-owner").await,
    ];
    b.stop().await;
    assert_eq!(
        restored,
        [
            "Serah terima kunci gudang".to_string(),
            "Patroli gudang setiap malam".to_string(),
            "H-3".to_string(),
            "H+1".to_string(),
            "tidak".to_string(),
            ppk,
        ]
    );
}
