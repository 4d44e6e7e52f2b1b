//! Bad requests (issue #13): every route of the route × role matrix (`routes::MATRIX`), as a
//! person who may use it, with bad values in each path segment, query key and form field. None
//! gets a 5xx, no payload comes back unescaped, a refused form keeps what was typed, and a
//! refused post writes nothing.

use std::collections::{BTreeSet, HashMap};

use crate::build::Lookup;
use crate::helpers::{Page, TestApp};
use crate::routes::{E, MATRIX, PEOPLE, concrete};

/// Stands for bytes that are not UTF-8 (sent as `%FF%FE`).
const NOT_UTF8: &str = "\u{0}not-utf8";
const SCRIPT: &str = "<script>alert(1)</script>";

fn payloads() -> Vec<String> {
    [
        "",
        "-1",
        "99999999999999999999999",
        "abc",
        "2024-02-31",
        "-5000-01-01",
        "\u{1}\u{7f}\r\nX",
        NOT_UTF8,
        SCRIPT,
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once("a".repeat(20_000)))
    .collect()
}

fn encode(v: &str) -> String {
    if v == NOT_UTF8 {
        "%FF%FE".into()
    } else {
        sinergi::web::url_encode(v)
    }
}

/// Query keys every list may read, besides those its filter form names.
const QUERY_KEYS: &[&str] = &[
    "from", "to", "before", "days", "unit", "election", "q", "page",
];

/// The rows a refused post must not have written.
const COUNTED: &str = "select concat_ws(',', (select count(*) from meeting), (select count(*) from attendee),
    (select count(*) from commitment), (select count(*) from commitment_note), (select count(*) from confirmation),
    (select count(*) from confirmation_link), (select count(*) from photo), (select count(*) from app_user),
    (select count(*) from police_unit), (select count(*) from institution), (select count(*) from unit_region),
    (select count(*) from kerawanan), (select count(*) from reminder_rule), (select count(*) from calendar_feed),
    (select count(*) from audit_log))";

/// A form on a page: its fields as the browser would send them unchanged, and which of them a
/// person types into (text inputs and text areas).
#[derive(Clone, Default)]
struct FormSeen {
    fields: Vec<(String, String)>,
    typed: BTreeSet<String>,
}

fn forms(page: &Page, path: &str, into: &mut HashMap<String, FormSeen>) {
    let doc = page.doc();
    let form_sel = scraper::Selector::parse("form").expect("sel");
    let field_sel =
        scraper::Selector::parse("input[name], textarea[name], select[name]").expect("sel");
    let opt = scraper::Selector::parse("option[selected], option").expect("sel");
    for form in doc.select(&form_sel) {
        let method = form.value().attr("method").unwrap_or("get").to_lowercase();
        let action = form.value().attr("action").unwrap_or(path);
        let action = if action.is_empty() { path } else { action };
        let key = format!("{method} {}", action.split('?').next().unwrap_or(action));
        let mut seen = FormSeen::default();
        for e in form.select(&field_sel) {
            let name = e.value().attr("name").unwrap_or("").to_string();
            let ty = e.value().attr("type").unwrap_or("text");
            let value = match e.value().name() {
                "textarea" => e.text().collect(),
                "select" => e
                    .select(&opt)
                    .next()
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or("")
                    .to_string(),
                _ => {
                    if (ty == "checkbox" || ty == "radio") && e.value().attr("checked").is_none() {
                        continue;
                    }
                    e.value().attr("value").unwrap_or("").to_string()
                }
            };
            if e.value().name() == "textarea"
                || (e.value().name() == "input"
                    && matches!(
                        ty,
                        "text" | "search" | "tel" | "email" | "date" | "time" | "number"
                    ))
            {
                seen.typed.insert(name.clone());
            }
            seen.fields.push((name, value));
        }
        into.entry(key).or_insert(seen);
    }
}

/// People by privilege, least first: anonymous, official, liaison, commander, admin (indexes
/// into `PEOPLE`). A national admin's dashboards read the whole country (seconds each in a debug
/// build), so a route is tried as the least privileged person who reaches it.
const LEAST_FIRST: [usize; 5] = [0, 4, 3, 2, 1];

/// The person a route is tried as: the least privileged who gets the page, else one who is told
/// "not found".
fn tried_as(expected: &[E; 5]) -> usize {
    let pick = |want: E| LEAST_FIRST.into_iter().find(|i| expected[*i] == want);
    pick(E::Ok).or(pick(E::NotFound)).unwrap_or(0)
}

/// The handler family a route's query string goes to: every dashboard page reads the same
/// question (`dashboard::Ask`), so a bad value of a dashboard key is tried in full once, and
/// once (one value) on each other dashboard page.
fn family(route: &str) -> &str {
    if route.starts_with("/dasbor") && route != "/dasbor/kerawanan" {
        "/dasbor"
    } else {
        route
    }
}

async fn client(app: &TestApp, who: usize) -> TestApp {
    let mut c = TestApp::with_pool(app.pool.clone()).await;
    if let Some(p) = PEOPLE[who] {
        c.login_as(p).await;
    }
    c
}

struct Checker {
    failures: Vec<String>,
    requests: usize,
}

impl Checker {
    fn check(&mut self, what: &str, page: &Page) {
        self.requests += 1;
        if page.status.is_server_error() {
            eprintln!("FAIL {what}: {}", page.status);
            self.failures.push(format!("{what}: {}", page.status));
        }
        if page.body.contains("<script>alert(") {
            self.failures
                .push(format!("{what}: the script payload came back unescaped"));
        }
    }
}

/// `path` with each `{param}` of `route` replaced in turn by each payload (the others concrete).
fn bad_paths(route: &str, path: &str) -> Vec<String> {
    let (r, p): (Vec<&str>, Vec<&str>) = (route.split('/').collect(), path.split('/').collect());
    let mut out = Vec::new();
    for (i, seg) in r.iter().enumerate() {
        if !seg.starts_with('{') || seg.starts_with("{*") || r.len() != p.len() {
            continue;
        }
        for v in payloads() {
            let mut parts: Vec<String> = p.iter().map(|s| s.to_string()).collect();
            // a path segment cannot be empty: try "%20" instead
            parts[i] = if v.is_empty() {
                "%20".into()
            } else {
                encode(&v)
            };
            out.push(parts.join("/"));
        }
    }
    out
}

/// `cargo test --test it bad_requests -- --nocapture` prints progress.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_values_in_every_path_query_and_form_field_never_get_a_5xx_nor_write() {
    let started = std::time::Instant::now();
    let app = TestApp::new().await;
    add_photo(&app).await;
    let mut chk = Checker {
        failures: Vec::new(),
        requests: 0,
    };
    // The forms each person's pages show, by "method action".
    let mut seen: Vec<HashMap<String, FormSeen>> = vec![HashMap::new(); PEOPLE.len()];
    // One signed-in browser per person for the GETs (a GET does not sign anyone out).
    let mut browsers: Vec<Option<TestApp>> = (0..PEOPLE.len()).map(|_| None).collect();
    // (family, key) pairs already tried with every payload.
    let mut tried: BTreeSet<(String, String)> = BTreeSet::new();
    // The concrete paths, found before any post renames what they are found by.
    let mut paths = HashMap::new();
    for (_, route, _) in MATRIX {
        paths.insert(*route, concrete(&app, route).await);
    }
    for (method, route, expected) in MATRIX.iter().filter(|r| r.0 == "GET") {
        eprintln!("{:?} {} GET {route}", started.elapsed(), chk.requests);
        let who = tried_as(expected);
        if browsers[who].is_none() {
            browsers[who] = Some(client(&app, who).await);
        }
        let c = browsers[who].as_mut().expect("browser");
        let path = paths[route].clone();
        let page = c.get(&path).await;
        chk.check(&format!("GET {path}"), &page);
        forms(&page, &path, &mut seen[who]);
        for bad in bad_paths(route, &path) {
            let page = c.get(&bad).await;
            chk.check(&format!("{method} {}", &bad[..bad.len().min(80)]), &page);
        }
        let mut keys: BTreeSet<String> = QUERY_KEYS.iter().map(|k| k.to_string()).collect();
        if let Some(f) = seen[who].get(&format!("get {path}")) {
            keys.extend(f.fields.iter().map(|(k, _)| k.clone()));
        }
        for key in &keys {
            let values = if tried.insert((family(route).to_string(), key.clone())) {
                payloads()
            } else {
                vec![SCRIPT.to_string()]
            };
            for v in values {
                let url = format!("{path}?{}={}", encode(key), encode(&v));
                let page = c.get(&url).await;
                chk.check(
                    &format!("GET {path}?{key}={}", &v[..v.len().min(20)]),
                    &page,
                );
            }
        }
    }
    for (_, route, expected) in MATRIX.iter().filter(|r| r.0 == "POST") {
        if *route == "/logout" {
            continue;
        }
        eprintln!("{:?} {} POST {route}", started.elapsed(), chk.requests);
        let who = tried_as(expected);
        let path = paths[route].clone();
        let mut c = client(&app, who).await;
        for bad in bad_paths(route, &path) {
            let before = app_rows(&app).await;
            let page = c
                .post_raw(&bad, "application/x-www-form-urlencoded", Vec::new())
                .await;
            chk.check(&format!("POST {}", &bad[..bad.len().min(80)]), &page);
            if page.status.as_u16() >= 400 && app_rows(&app).await != before {
                chk.failures.push(format!("POST {bad}: refused but wrote"));
            }
        }
        let form = seen[who]
            .get(&format!("post {path}"))
            .cloned()
            .unwrap_or_else(|| FormSeen {
                fields: ["id", "action", "version", "body"]
                    .iter()
                    .map(|k| (k.to_string(), String::new()))
                    .collect(),
                typed: BTreeSet::new(),
            });
        let names: BTreeSet<String> = form.fields.iter().map(|(k, _)| k.clone()).collect();
        for name in names.iter().filter(|n| n.as_str() != "csrf") {
            for v in payloads() {
                // a fresh session now and then: a post may have signed the person out
                let body = form
                    .fields
                    .iter()
                    .map(|(k, old)| {
                        let value = if k == name { v.as_str() } else { old.as_str() };
                        format!("{}={}", encode(k), encode(value))
                    })
                    .collect::<Vec<_>>()
                    .join("&");
                let before = app_rows(&app).await;
                let page = c
                    .post_raw(
                        &path,
                        "application/x-www-form-urlencoded",
                        body.into_bytes(),
                    )
                    .await;
                let what = format!("POST {path} {name}={}", &v[..v.len().min(20)]);
                chk.check(&what, &page);
                let refused = page.status.as_u16() >= 400;
                if refused && app_rows(&app).await != before {
                    chk.failures.push(format!("{what}: refused but wrote"));
                }
                if page.status.as_u16() == 422
                    && form.typed.contains(name)
                    && kept_worthy(&v)
                    && !kept(&page, name, &v)
                {
                    chk.failures.push(format!("{what}: the input was not kept"));
                }
            }
        }
    }
    let took = started.elapsed();
    assert!(
        chk.failures.is_empty(),
        "{} of {} requests failed:\n{}",
        chk.failures.len(),
        chk.requests,
        chk.failures.join("\n")
    );
    assert!(chk.requests > 1_000, "only {} requests", chk.requests);
    eprintln!("{} bad requests in {took:?}", chk.requests);
}

async fn app_rows(app: &TestApp) -> String {
    sqlx::query_scalar(COUNTED)
        .fetch_one(&app.pool)
        .await
        .expect("counts")
}

/// Values a form shows back as typed (not ones it may normalise: blanks, control characters).
fn kept_worthy(v: &str) -> bool {
    ["-1", "abc", "2024-02-31", "-5000-01-01", SCRIPT].contains(&v)
}

/// Whether the re-shown form has `v` in a field named `name`.
fn kept(page: &Page, name: &str, v: &str) -> bool {
    let doc = page.doc();
    let sel = scraper::Selector::parse(&format!("[name=\"{name}\"]")).expect("sel");
    doc.select(&sel).any(|e| {
        let value: String = match e.value().name() {
            "textarea" => e.text().collect(),
            _ => e.value().attr("value").unwrap_or("").to_string(),
        };
        value.trim() == v
    })
}

/// A photo on the demo meeting, so photo routes have one to find.
async fn add_photo(app: &TestApp) {
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    app.exec_with("insert into photo (meeting_id, width, height, image, thumb, sha256)
                 select id, 4, 4, $1, $1, 'x' from meeting where idempotency_key = 'demo-kuala-kampar-2024'", &png).await;
}

/// The "stall" of the first run: every request of a national admin's `/dasbor/kecamatan.csv`
/// reads the whole country (seconds each in a debug build), tried with every bad value of every
/// key. Bad values themselves are refused at once with a message, before any data is read.
#[tokio::test]
async fn bad_values_on_the_kecamatan_csv_are_refused_with_a_message_before_reading_data() {
    let app = TestApp::new().await;
    let mut c = client(&app, 3).await;
    for (query, says) in [
        ("from=-5000-01-01", "tidak valid"),
        ("to=2024-02-31", "tidak valid"),
        ("from=2000-01-01&to=2100-12-31", "paling panjang"),
        ("gap=99999999999999999999999", "Jendela cakupan"),
        ("silent=-1", "Batas nihil"),
        ("anak=-1", "Satuan anak"),
        ("show=abc", "Tampilan"),
        ("unit=abc", "Satuan"),
    ] {
        let started = std::time::Instant::now();
        let page = c.get(&format!("/dasbor/kecamatan.csv?{query}")).await;
        assert_eq!(page.status.as_u16(), 400, "{query}");
        assert!(page.body.contains(says), "{query}: {}", page.body);
        assert!(
            started.elapsed().as_secs() < 5,
            "{query} took {:?}",
            started.elapsed()
        );
    }
}

/// A year the database cannot hold (before 4713 BC) was a 500 on the coverage page.
#[tokio::test]
async fn a_far_away_end_date_on_the_coverage_page_is_a_400_with_a_message() {
    let app = TestApp::new().await;
    let mut c = client(&app, 3).await;
    for day in ["-5000-01-01", "9999-12-31", "2024-02-31"] {
        let page = c.get(&format!("/dasbor/kerawanan?sampai={day}")).await;
        assert_eq!(page.status.as_u16(), 400, "{day}");
        assert!(page.body.contains("Tanggal akhir tidak valid"), "{day}");
    }
}
