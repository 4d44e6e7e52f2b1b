//! The meeting form's bad values, one table: each gets its message at its field.

use std::collections::HashMap;

use super::*;

fn district() -> District {
    District {
        code: "14.05.10".into(),
        name: "Kuala Kampar".into(),
        tz: chrono_tz::Asia::Jakarta,
        province: "14".into(),
    }
}

fn good() -> MeetingForm {
    MeetingForm {
        host_unit_id: "7".into(),
        types: vec!["ngopi_bareng".into()],
        title: "Coffe Bareng Yuk".into(),
        date: "2024-10-26".into(),
        time: "10:00".into(),
        venue_name: "D'Dion Coffee".into(),
        district_code: "14.05.10".into(),
        a_institution: vec!["100".into()],
        a_name: vec!["Hendri Pandita".into()],
        a_members: vec!["4".into()],
        ..Default::default()
    }
}

fn run(form: &MeetingForm) -> Result<NewMeeting, FieldErrors> {
    let d = district();
    let units = vec![WritableUnit {
        id: 7,
        path: vec![1, 2, 5, 7],
    }];
    let types = vec!["ngopi_bareng".to_string(), "rakor".to_string()];
    let topics = vec!["pam_tps".to_string()];
    let mut inst = HashMap::new();
    inst.insert(100, Some("14.05.10".to_string()));
    inst.insert(200, Some("61.04".to_string()));
    inst.insert(300, None);
    let local = HashMap::from([("14.05.10".to_string(), "Kuala Kampar".to_string())]);
    parse(
        form,
        &Lookups {
            writable_units: &units,
            types: &types,
            topics: &topics,
            elections: &[],
            district: Some(&d),
            institutions: &inst,
            attendee_ids: &[55],
            unit_institutions: &HashMap::from([(7, 700)]),
            today: chrono::NaiveDate::from_ymd_opt(2024, 10, 26).expect("date"),
            local_districts: &local,
        },
    )
}

#[test]
fn a_good_form_parses_with_the_time_in_the_places_zone() {
    let m = run(&good()).expect("valid");
    assert_eq!(m.starts_at.to_rfc3339(), "2024-10-26T03:00:00+00:00");
    assert_eq!(m.attendees.len(), 1);
    assert_eq!(m.attendees[0].members, 4);
    assert_eq!(m.status, MeetingStatus::Held);
}

/// A change to the good form, the field it is about and the message expected there.
type Case = (
    &'static str,
    fn(&mut MeetingForm),
    &'static str,
    &'static str,
);

/// Each case alone on the good form is refused with its message at its field.
fn assert_each_refused(cases: Vec<Case>) {
    for (name, change, field, message) in cases {
        let mut f = good();
        change(&mut f);
        let errors = run(&f).expect_err(name);
        assert_eq!(errors.get(field), Some(message), "{name}: {errors:?}");
    }
}

#[test]
fn each_bad_date_time_title_type_or_topic_gets_its_message_at_its_field() {
    assert_each_refused(vec![
        (
            "31 Feb",
            |f| f.date = "2024-02-31".into(),
            "date",
            "Tanggal tidak valid (contoh 2024-11-20).",
        ),
        (
            "no date",
            |f| f.date = String::new(),
            "date",
            "Tanggal tidak valid (contoh 2024-11-20).",
        ),
        (
            "hour 25",
            |f| f.time = "25:00".into(),
            "time",
            "Jam tidak valid (contoh 19:30).",
        ),
        (
            "time with zone",
            |f| f.time = "19:30 WIB".into(),
            "time",
            "Jam tidak valid (contoh 19:30).",
        ),
        (
            "huge venue",
            |f| f.venue_name = "x".repeat(10_000),
            "venue_name",
            "Nama tempat terlalu panjang: 10000 karakter, paling banyak 200.",
        ),
        (
            "empty title",
            |f| f.title = "  ".into(),
            "title",
            "Judul minimal 3 karakter.",
        ),
        (
            "no type",
            |f| f.types.clear(),
            "type",
            "Pilih sedikitnya satu jenis kegiatan.",
        ),
        (
            "unknown type",
            |f| f.types = vec!["tawuran".into()],
            "type",
            "Jenis kegiatan tidak dikenal.",
        ),
        (
            "unknown topic",
            |f| f.topics = vec!["99".into()],
            "topic",
            "Topik tidak dikenal.",
        ),
    ]);
}

#[test]
fn each_bad_host_duration_status_or_place_gets_its_message_at_its_field() {
    assert_each_refused(vec![
        (
            "forged host",
            |f| f.host_unit_id = "8".into(),
            "host_unit_id",
            "Pilih satuan penyelenggara dari daftar.",
        ),
        (
            "duration",
            |f| f.duration = "0".into(),
            "duration",
            "Durasi 5 sampai 1440 menit.",
        ),
        (
            "cancel without reason",
            |f| f.status = "cancelled".into(),
            "cancel_reason",
            "Tuliskan alasan pembatalan.",
        ),
        (
            "unknown status",
            |f| f.status = "done".into(),
            "status",
            "Status tidak dikenal.",
        ),
        (
            "coordinates abroad",
            |f| {
                f.latitude = "48.8".into();
                f.longitude = "2.3".into();
            },
            "latitude",
            "Koordinat di luar wilayah Indonesia.",
        ),
    ]);
}

#[test]
fn each_bad_attendee_value_gets_its_message_at_its_line() {
    assert_each_refused(vec![
        (
            "institution of another province",
            |f| f.a_institution = vec!["200".into()],
            "a0.institution",
            "Lembaga ini berada di provinsi lain.",
        ),
        (
            "unknown institution",
            |f| f.a_institution = vec!["999".into()],
            "a0.institution",
            "Lembaga tidak dikenal.",
        ),
        (
            "Koramil of a kecamatan outside the area",
            |f| f.a_institution = vec!["koramil:61.04.05".into()],
            "a0.institution",
            "Kecamatan lembaga ini di luar wilayah satuan Anda.",
        ),
        (
            "bogus local body",
            |f| f.a_institution = vec!["koramil:../../x".into()],
            "a0.institution",
            "Lembaga tidak dikenal.",
        ),
        (
            "members",
            |f| f.a_members = vec!["-3".into()],
            "a0.members",
            "Jumlah anggota 0 sampai 10000.",
        ),
        (
            "phone",
            |f| f.a_phone = vec!["call me".into()],
            "a0.phone",
            "Nomor telepon tidak valid (contoh 0812-3456-7890).",
        ),
        (
            "foreign attendee id",
            |f| f.a_id = vec!["56".into()],
            "a0.institution",
            "Baris peserta ini bukan milik pertemuan ini.",
        ),
        (
            "new institution without kind",
            |f| {
                f.a_institution = vec!["new".into()];
                f.a_new_name = vec!["Karang Taruna".into()];
            },
            "a0.new_kind",
            "Pilih jenis lembaga baru.",
        ),
    ]);
}

#[test]
fn national_bodies_and_inline_institutions_are_accepted() {
    let mut f = good();
    f.a_institution = vec!["300".into(), "new".into(), String::new()];
    f.a_new_kind = vec![String::new(), "ormas".into(), String::new()];
    f.a_new_name = vec![
        String::new(),
        "Karang Taruna Teluk Dalam".into(),
        String::new(),
    ];
    let m = run(&f).expect("valid");
    assert_eq!(m.attendees.len(), 2, "the blank third row is skipped");
    assert_eq!(
        m.attendees[1].institution,
        InstitutionRef::New {
            kind: "ormas".into(),
            name: "Karang Taruna Teluk Dalam".into()
        }
    );
}

#[test]
fn the_camat_and_koramil_of_a_kecamatan_in_the_area_are_accepted() {
    let mut f = good();
    f.a_institution = vec!["camat:14.05.10".into(), "koramil:14.05.10".into()];
    let m = run(&f).expect("valid");
    assert_eq!(
        m.attendees[1].institution,
        InstitutionRef::Local {
            body: LocalBody::Koramil,
            code: "14.05.10".into(),
            district: "Kuala Kampar".into()
        }
    );
}

#[test]
fn script_tags_are_kept_as_text_for_the_templates_to_escape() {
    let mut f = good();
    f.title = "<script>alert(1)</script>".into();
    assert_eq!(run(&f).expect("valid").title, "<script>alert(1)</script>");
}

#[test]
fn phones_are_checked_loosely() {
    assert_eq!(
        parse_phone("0812-3456-7890"),
        Ok(Some("0812-3456-7890".into()))
    );
    assert_eq!(
        parse_phone("+62 812 3456 789"),
        Ok(Some("+62 812 3456 789".into()))
    );
    assert_eq!(parse_phone(""), Ok(None));
    assert!(parse_phone("12+34").is_err());
}

#[test]
fn the_audit_copy_of_a_meeting_masks_attendees_phones() {
    let mut f = good();
    f.a_phone = vec!["0812-3456-7890".into()];
    let m = run(&f).expect("valid");
    let audit = m.for_audit().expect("json").to_string();
    assert!(!audit.contains("0812-3456-7890"), "{audit}");
    assert!(audit.contains("0812****890"), "{audit}");
    assert_eq!(m.attendees[0].phone.as_deref(), Some("0812-3456-7890"));
}
