//! What goes into a person's calendar: meetings as timed events in the place's zone, due dates
//! as all-day events, each with a stable UID and the page's link in DESCRIPTION (calendar apps
//! ignore URL). Feed tokens: 256 random bits, stored only as a hash.

use chrono::{Days, Duration};

use super::db::{DueEvent, MeetingEvent};
use super::ics::{Event, When};

/// The host part of the public URL, for UIDs ("sinergi.polres.example").
pub fn uid_host(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "sinergi".into()
    } else {
        host.to_string()
    }
}

/// The hash a feed token is stored and looked up by.
pub fn token_hash(token: &str) -> String {
    crate::web::sha256_hex(&[b"calendar-feed", token.as_bytes()])
}

/// A token from a feed file name (`<64 hex>.ics`); anything else is not one.
pub fn token_of(file: &str) -> Option<&str> {
    let t = file.strip_suffix(".ics")?;
    (t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())).then_some(t)
}

pub fn meeting_event(m: &MeetingEvent, base: &str, host: &str) -> Event {
    let tz: chrono_tz::Tz = m.tz.parse().unwrap_or(chrono_tz::Asia::Jakarta);
    let start = m.starts_at.with_timezone(&tz).naive_local();
    let end = start + Duration::minutes(i64::from(m.duration_minutes));
    let link = format!("{base}/pertemuan/{}", m.id);
    let place = if m.venue_address.is_empty() {
        m.venue_name.clone()
    } else {
        format!("{}, {}", m.venue_name, m.venue_address)
    };
    Event {
        uid: format!("pertemuan-{}@{host}", m.id),
        stamp: m.updated_at,
        start: When::Local(start, m.tz.clone()),
        end: When::Local(end, m.tz.clone()),
        summary: m.title.clone(),
        location: Some(place.clone()),
        description: format!("Tuan rumah: {}\n{place}\nRincian: {link}", m.host_name),
        url: link,
        status: match m.status.as_str() {
            "planned" => "TENTATIVE",
            "cancelled" => "CANCELLED",
            _ => "CONFIRMED",
        },
    }
}

pub fn due_event(d: &DueEvent, base: &str, host: &str) -> Event {
    let link = format!("{base}/tindak-lanjut/{}", d.id);
    let done = if d.status == "done" {
        "Sudah ditandai selesai, menunggu verifikasi.\n"
    } else {
        ""
    };
    let role = if d.verifies {
        "Anda memverifikasi tindak lanjut ini."
    } else {
        "Tindak lanjut ini tanggung jawab Anda."
    };
    Event {
        uid: format!("tindak-lanjut-{}@{host}", d.id),
        stamp: d.updated_at,
        start: When::Date(d.due_on),
        end: When::Date(d.due_on + Days::new(1)),
        summary: format!("Tenggat: {} ({})", d.what, d.owner_name),
        location: None,
        description: format!("{done}{role}\nRincian: {link}"),
        url: link,
        status: "CONFIRMED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_file_names_carry_a_64_hex_token() {
        let t = "ab".repeat(32);
        assert_eq!(token_of(&format!("{t}.ics")), Some(t.as_str()));
        assert_eq!(token_of(&t), None);
        assert_eq!(token_of("zz.ics"), None);
        assert_eq!(token_hash(&t).len(), 64);
    }

    #[test]
    fn uids_use_the_public_host() {
        assert_eq!(
            uid_host("https://sinergi.polri.example/"),
            "sinergi.polri.example"
        );
        assert_eq!(uid_host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(uid_host(""), "sinergi");
    }
}
