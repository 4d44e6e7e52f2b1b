//! Log output: human-readable lines by default, one JSON object a line with
//! `SINERGI_LOG_FORMAT=json` (for journald → Loki/Elasticsearch and the like). `RUST_LOG`
//! filters either way.

use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    /// `SINERGI_LOG_FORMAT`: unset or `text`, or `json`.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::parse(std::env::var("SINERGI_LOG_FORMAT").ok().as_deref())
    }

    pub fn parse(value: Option<&str>) -> anyhow::Result<Self> {
        match value.map(str::trim) {
            None | Some("" | "text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => anyhow::bail!("SINERGI_LOG_FORMAT={other:?} must be text or json"),
        }
    }
}

/// Installs the global subscriber: `RUST_LOG`, else `sinergi=info,tower_http=info`.
pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| "sinergi=info,tower_http=info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_format_is_text_unless_json_is_asked_for() {
        assert_eq!(LogFormat::parse(None).ok(), Some(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some("text")).ok(), Some(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some("json")).ok(), Some(LogFormat::Json));
        let err = LogFormat::parse(Some("xml")).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("SINERGI_LOG_FORMAT")));
    }
}
