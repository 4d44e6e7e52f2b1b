//! `sinergi serve` as a real process on a real port, and a small cookie-keeping HTTP client for
//! it: what the operations tests (logs, several servers) need beyond the in-process `TestApp`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::helpers::{Page, login_fields};

/// The binary with a clean environment for one test.
pub fn sinergi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sinergi"));
    c.env_remove("DATABASE_URL")
        .env_remove("SINERGI_LOG_FORMAT")
        .env_remove("SINERGI_METRICS_TOKEN")
        .env("RUST_LOG", "warn");
    c
}

/// `sinergi migrate` with the environment variable `key` set to `value`, run to its end.
pub fn migrate_with(key: &str, value: impl AsRef<std::ffi::OsStr>) -> Output {
    sinergi()
        .arg("migrate")
        .env(key, value)
        .output()
        .expect("run sinergi migrate")
}

/// `sinergi args…` against the database `url`, run to its end.
pub fn run_on(url: &str, args: &[&str]) -> Output {
    sinergi()
        .args(args)
        .env("DATABASE_URL", url)
        .output()
        .expect("run sinergi")
}

/// The run succeeded; else what it printed on stderr is the message.
#[track_caller]
pub fn assert_ran(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The run was refused (exit code 1) saying `words` on stderr.
pub fn assert_refused(out: &Output, words: &str) {
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(words), "{err}");
}

/// A running `sinergi serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// Every line the server printed after "listening", as it comes.
    pub lines: mpsc::Receiver<String>,
    /// What it printed up to and including "listening".
    pub startup: Vec<String>,
}

impl Server {
    /// Starts `sinergi serve` on a free port against `database_url`, with `env` added.
    pub fn start(database_url: &str, env: &[(&str, &str)]) -> Self {
        let mut cmd = sinergi();
        cmd.arg("serve")
            .env("DATABASE_URL", database_url)
            .env("SINERGI_ADDR", "127.0.0.1:0")
            .env("SINERGI_DEMO", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn sinergi serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut startup = Vec::new();
        let base = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the server printed where it listens");
            startup.push(line.clone());
            if let Some(rest) = line.strip_prefix("Sinergi listening on ") {
                break rest.split_whitespace().next().expect("address").to_string();
            }
        };
        Self {
            child,
            base,
            lines: rx,
            startup,
        }
    }

    /// A signed-out browser for this server.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser: a base URL and a cookie jar (which may be carried to another server).
pub struct Browser {
    pub base: String,
    pub cookies: HashMap<String, String>,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_string(),
            cookies: HashMap::new(),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// The same cookies (the same session) against another server.
    pub fn on(&self, base: &str) -> Self {
        let mut b = Self::new(base);
        b.cookies = self.cookies.clone();
        b
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Page {
        self.try_send(method, path, headers, body)
            .await
            .expect("the server answers")
    }

    /// Like `send`, but a server that is gone is an error, not a panic.
    pub async fn try_send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Page, String> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Full::new(Bytes::from(body))).expect("request");
        let resp = self.client.request(req).await.map_err(|e| e.to_string())?;
        crate::helpers::keep_cookies(&mut self.cookies, resp.headers());
        let status: StatusCode = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).to_string(),
        })
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(Method::GET, path, &[], Vec::new()).await
    }

    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.try_post_form(path, fields)
            .await
            .expect("the server answers")
    }

    /// A form post that reports a vanished server as an error.
    pub async fn try_post_form<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        path: &str,
        fields: &[(K, V)],
    ) -> Result<Page, String> {
        let body = crate::helpers::form_body(fields);
        self.try_send(
            Method::POST,
            path,
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("sec-fetch-site", "same-origin"),
            ],
            body.into_bytes(),
        )
        .await
    }

    pub async fn login_as(&mut self, username: &str) -> Page {
        let form = self.get("/login").await;
        let fields = login_fields(&form, username, sinergi::demo::DEMO_PASSWORD);
        self.try_post_form("/login", &fields)
            .await
            .expect("the server answers")
    }
}
