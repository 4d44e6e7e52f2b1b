//! `deploy/` (systemd unit, environment file, nginx) and the code agree on the environment: every
//! variable the code reads is mentioned there, and every variable set there is one the code reads.

use std::collections::BTreeSet;
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap_or_default(),
                ));
            }
        }
    }
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
}

/// Names in `var("NAME")` / `var_os("NAME")` calls in src/, plus `RUST_LOG` (read by
/// tracing-subscriber's `EnvFilter::try_from_default_env`).
fn read_by_code() -> BTreeSet<String> {
    let mut names = BTreeSet::from(["RUST_LOG".to_string()]);
    for (_, text) in files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        for pat in ["var(\"", "var_os(\""] {
            for piece in text.split(pat).skip(1) {
                let name: String = piece.chars().take_while(|c| is_name_char(*c)).collect();
                if piece[name.len()..].starts_with('"') && !name.is_empty() {
                    names.insert(name);
                }
            }
        }
    }
    names
}

/// `NAME=` assignments in the deploy files (commented-out defaults included).
fn set_in(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '=' {
            continue;
        }
        let start = (0..i).rev().take_while(|j| is_name_char(chars[*j])).last();
        if let Some(s) = start {
            let before = if s == 0 { ' ' } else { chars[s - 1] };
            let name: String = chars[s..i].iter().collect();
            let upper = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if upper && name.contains('_') && !before.is_ascii_alphanumeric() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn the_deploy_files_mention_every_variable_the_code_reads_and_set_no_other() {
    let code = read_by_code();
    let deploy = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy"));
    let all: String = deploy
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let names: Vec<&str> = deploy.iter().map(|(p, _)| p.as_str()).collect();

    assert!(
        code.contains("SINERGI_METRICS_TOKEN") && code.contains("DATABASE_URL"),
        "{code:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("sinergi.service")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("nginx.conf")), "{names:?}");
    let unmentioned: Vec<_> = code.iter().filter(|v| !all.contains(v.as_str())).collect();
    assert!(
        unmentioned.is_empty(),
        "read by the code, missing from deploy/: {unmentioned:?}"
    );
    let set = set_in(&all);
    assert!(
        set.contains("DATABASE_URL") && set.contains("SINERGI_ADDR"),
        "{set:?}"
    );
    let unknown: Vec<_> = set.iter().filter(|v| !code.contains(*v)).collect();
    assert!(
        unknown.is_empty(),
        "set in deploy/ but never read by the code: {unknown:?}"
    );
}

#[test]
fn an_assignment_is_found_only_where_a_name_stands_before_the_equals_sign() {
    let set =
        set_in("Environment=SINERGI_ADDR=1\n#PG_BIN=/x\nurl?sslmode=require KillSignal=SIGTERM");
    assert_eq!(
        set.into_iter().collect::<Vec<_>>(),
        vec!["PG_BIN", "SINERGI_ADDR"]
    );
}
