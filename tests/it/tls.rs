//! TLS to a remote database: a throw-away PostgreSQL on a loopback TCP port with a certificate
//! from a throw-away CA (openssl); sqlx (rustls) honours `sslmode` from `DATABASE_URL`.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::live::{assert_ran, sinergi};

/// A PostgreSQL with `ssl=on`; stopped when dropped.
struct TlsServer {
    dir: PathBuf,
    port: u16,
    bin: PathBuf,
    user: Option<(u32, u32)>,
}

pub(crate) fn postgres_user() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").expect("passwd");
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f[0] == "postgres").then(|| (f[2].parse().expect("uid"), f[3].parse().expect("gid")))
    })
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A certificate authority `name`.key / `name`.crt in `dir`, valid for two days.
fn self_signed_ca(dir: &Path, name: &str, subject: &str) {
    let (key, crt) = (format!("{name}.key"), format!("{name}.crt"));
    openssl(
        dir,
        &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &crt,
            "-days", "2", "-subj", subject,
        ],
    );
}

impl TlsServer {
    fn start() -> Self {
        let dir = std::env::temp_dir().join(format!("sinergi-tls-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let days = "2";
        self_signed_ca(&dir, "ca", "/CN=Sinergi test CA");
        self_signed_ca(&dir, "other", "/CN=Another CA");
        openssl(
            &dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        );
        std::fs::write(
            dir.join("ext.cnf"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext");
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                days,
                "-extfile",
                "ext.cnf",
            ],
        );
        let user = postgres_user();
        let data = dir.join("pg");
        std::fs::create_dir_all(&data).expect("data");
        for f in ["server.crt", "server.key"] {
            std::fs::copy(dir.join(f), data.join(f)).expect("copy");
        }
        std::fs::set_permissions(
            data.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .expect("chmod");
        if let Some((uid, gid)) = user {
            for p in [&data, &data.join("server.crt"), &data.join("server.key")] {
                std::os::unix::fs::chown(p, Some(uid), Some(gid)).expect("chown");
            }
        }
        let init = tempdir_init(&data);
        let bin = sinergi::db::embedded::find_bindir().expect("PostgreSQL binaries");
        let run = |mut c: Command| {
            if let Some((uid, gid)) = user {
                c.uid(uid).gid(gid);
            }
            let out = c.output().expect("run");
            assert_ran(&out);
        };
        let mut c = Command::new(bin.join("initdb"));
        c.arg("-D").arg(&init).args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "--no-instructions",
        ]);
        if let Some((uid, gid)) = user {
            std::fs::create_dir_all(&init).expect("init");
            std::os::unix::fs::chown(&init, Some(uid), Some(gid)).expect("chown");
        }
        run(c);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let opts = format!(
            "-k {init} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on -c ssl_cert_file={crt} -c ssl_key_file={key}",
            init = init.display(),
            crt = data.join("server.crt").display(),
            key = data.join("server.key").display()
        );
        let mut c = Command::new(bin.join("pg_ctl"));
        c.arg("-D")
            .arg(&init)
            .args(["-w", "-o", &opts, "-l"])
            .arg(init.join("log"))
            .arg("start");
        run(c);
        Self {
            dir,
            port,
            bin,
            user,
        }
    }

    fn url(&self, query: &str) -> String {
        format!(
            "postgres://postgres@localhost:{}/postgres?{query}",
            self.port
        )
    }
}

fn tempdir_init(data: &Path) -> PathBuf {
    data.join("cluster")
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let mut c = Command::new(self.bin.join("pg_ctl"));
        c.arg("-D")
            .arg(tempdir_init(&self.dir.join("pg")))
            .args(["-m", "immediate", "stop"]);
        if let Some((uid, gid)) = self.user {
            c.uid(uid).gid(gid);
        }
        let _ = c.output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn sslmode_require_encrypts_and_verify_full_refuses_a_certificate_from_another_ca() {
    let server = TlsServer::start();
    let ca = server.dir.join("ca.crt");
    let other = server.dir.join("other.crt");

    let required = sinergi::db::connect(&server.url("sslmode=require"), 1).await;
    let verified = sinergi::db::connect(
        &server.url(&format!("sslmode=verify-full&sslrootcert={}", ca.display())),
        1,
    )
    .await;
    let wrong_ca = sinergi::db::connect(
        &server.url(&format!(
            "sslmode=verify-full&sslrootcert={}",
            other.display()
        )),
        1,
    )
    .await;
    let by_binary = sinergi()
        .arg("migrate")
        .env(
            "DATABASE_URL",
            server.url(&format!(
                "sslmode=verify-full&sslrootcert={}",
                other.display()
            )),
        )
        .output()
        .expect("run");

    let pool = required.expect("sslmode=require connects");
    let ssl: bool = sqlx::query_scalar("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
        .fetch_one(&pool)
        .await
        .expect("pg_stat_ssl");
    assert!(ssl, "the connection is encrypted");
    let pool = verified.expect("verify-full with the right CA connects");
    let ssl: bool = sqlx::query_scalar("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
        .fetch_one(&pool)
        .await
        .expect("pg_stat_ssl");
    assert!(ssl);
    let err = wrong_ca.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        err.contains("cannot reach PostgreSQL"),
        "verify-full with another CA must fail: {err:?}"
    );
    assert_eq!(by_binary.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&by_binary.stderr).contains("cannot reach PostgreSQL"));
}
