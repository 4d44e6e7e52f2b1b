//! Configuration from the environment (docs/CONTRACT.md): typed once at start, then read-only.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What the environment says, checked.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    pub public_url: String,
    /// Load the demo data on start when there are no units yet.
    pub demo: bool,
    /// Mark cookies `Secure` (set when the public URL is https).
    pub secure_cookies: bool,
    /// Days overdue after which a commitment climbs one level up the chain (`SINERGI_ESCALATE_DAYS`).
    pub escalate_days: i64,
    /// Keep read caches (`crate::cache`); `SINERGI_CACHE=0` computes every page on every request.
    pub cache: bool,
    /// Bearer token for `/metrics` (`SINERGI_METRICS_TOKEN`); unset: no metrics (404).
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers are believed
    /// (`SINERGI_TRUSTED_PROXIES`, CIDRs; empty: the connection's peer is the client).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// A streaming replica for dashboards, meeting lists and CSV exports (`SINERGI_READ_URL`).
    pub read_url: Option<String>,
    /// Replay lag beyond which reads go to the primary (`SINERGI_READ_MAX_LAG`, seconds).
    pub read_max_lag: std::time::Duration,
}

impl Config {
    /// Reads `DATABASE_URL`, `SINERGI_DATA_DIR`, `SINERGI_ADDR`, `SINERGI_PUBLIC_URL`, `SINERGI_DEMO`, … (README, "Configuration").
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let database_url = var("DATABASE_URL");
        let data_dir =
            PathBuf::from(var("SINERGI_DATA_DIR").unwrap_or_else(|| "./.sinergi".into()));
        let addr_text = var("SINERGI_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr: SocketAddr = addr_text.parse().map_err(|_| {
            anyhow::anyhow!("SINERGI_ADDR={addr_text:?} is not an address like 127.0.0.1:8080")
        })?;
        let public_url = var("SINERGI_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("SINERGI_PUBLIC_URL={public_url:?} must start with http:// or https://");
        }
        let demo = match var("SINERGI_DEMO").as_deref() {
            None => database_url.is_none(),
            Some("1" | "true" | "yes") => true,
            Some("0" | "false" | "no") => false,
            Some(other) => anyhow::bail!("SINERGI_DEMO={other:?} must be 1 or 0"),
        };
        let secure_cookies = public_url.starts_with("https://");
        let escalate_days = match var("SINERGI_ESCALATE_DAYS") {
            None => 7,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=365).contains(d))
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "SINERGI_ESCALATE_DAYS={v:?} must be a number of days from 1 to 365"
                    )
                })?,
        };
        let cache = match var("SINERGI_CACHE").as_deref() {
            None | Some("1" | "true" | "yes") => true,
            Some("0" | "false" | "no") => false,
            Some(other) => anyhow::bail!("SINERGI_CACHE={other:?} must be 1 or 0"),
        };
        let trusted_proxies = match var("SINERGI_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(v) => parse_cidrs(&v).map_err(|bad| {
                anyhow::anyhow!(
                    "SINERGI_TRUSTED_PROXIES: {bad:?} is not an address or CIDR range like 10.0.0.0/8"
                )
            })?,
        };
        let read_max_lag = match var("SINERGI_READ_MAX_LAG") {
            None => 30,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|s| (1..=86_400).contains(s))
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "SINERGI_READ_MAX_LAG={v:?} must be a number of seconds from 1 to 86400"
                    )
                })?,
        };
        Ok(Self {
            database_url,
            data_dir,
            addr,
            public_url,
            demo,
            secure_cookies,
            escalate_days,
            cache,
            metrics_token: var("SINERGI_METRICS_TOKEN"),
            trusted_proxies,
            read_url: var("SINERGI_READ_URL"),
            read_max_lag: std::time::Duration::from_secs(read_max_lag),
        })
    }

    /// Whether people reach the server over https (then cookies are `Secure` and HSTS is sent).
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// A configuration for tests and tools: no demo, an in-memory address.
    pub fn for_tests() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("/tmp/sinergi-test"),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: "http://127.0.0.1:8080".into(),
            demo: false,
            secure_cookies: false,
            escalate_days: 7,
            cache: true,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            read_url: None,
            read_max_lag: std::time::Duration::from_secs(30),
        }
    }
}

/// A list of CIDR ranges separated by commas or spaces; a bare address is a range of one.
/// On failure, the entry that is not one.
pub fn parse_cidrs(text: &str) -> Result<Vec<ipnet::IpNet>, String> {
    text.split([',', ' ', '\t', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| s.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_are_cidrs_or_single_addresses() {
        let nets = parse_cidrs("10.0.0.0/8, 192.168.1.7 ::1").expect("valid");
        assert_eq!(nets.len(), 3);
        assert!(nets[0].contains(&"10.200.3.4".parse::<std::net::IpAddr>().expect("ip")));
        assert!(nets[1].contains(&"192.168.1.7".parse::<std::net::IpAddr>().expect("ip")));
        assert!(!nets[1].contains(&"192.168.1.8".parse::<std::net::IpAddr>().expect("ip")));
        assert_eq!(parse_cidrs("10.0.0.0/8,evil").err(), Some("evil".into()));
        assert_eq!(parse_cidrs("10.0.0.0/33").err(), Some("10.0.0.0/33".into()));
    }
}
