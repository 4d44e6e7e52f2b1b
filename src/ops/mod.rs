//! Operating Sinergi: backups and restores, structured logs and Prometheus metrics.

pub mod backup;
pub mod logs;
pub mod metrics;
