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
        let demo = bool_var("SINERGI_DEMO", database_url.is_none())?;
        let secure_cookies = public_url.starts_with("https://");
        let escalate_days = number_var("SINERGI_ESCALATE_DAYS", 7, 1..=365, "days")?;
        let cache = bool_var("SINERGI_CACHE", true)?;
        let trusted_proxies = match var("SINERGI_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(v) => parse_cidrs(&v).map_err(|bad| {
                anyhow::anyhow!(
                    "SINERGI_TRUSTED_PROXIES: {bad:?} is not an address or CIDR range like 10.0.0.0/8"
                )
            })?,
        };
        let read_max_lag = number_var("SINERGI_READ_MAX_LAG", 30, 1..=86_400, "seconds")?;
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

/// A variable of the environment; `None` when it is unset or blank.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The yes/no variable `name`, or `default` when it is unset.
fn bool_var(name: &str, default: bool) -> anyhow::Result<bool> {
    match var(name).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes") => Ok(true),
        Some("0" | "false" | "no") => Ok(false),
        Some(other) => anyhow::bail!("{name}={other:?} must be 1 or 0"),
    }
}

/// The variable `name`, a whole number of `unit` in `range`, or `default` when it is unset.
fn number_var<T>(
    name: &str,
    default: T,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> anyhow::Result<T>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let Some(v) = var(name) else {
        return Ok(default);
    };
    v.parse::<T>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{name}={v:?} must be a number of {unit} from {} to {}",
                range.start(),
                range.end()
            )
        })
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
