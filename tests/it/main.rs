//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod helpers;
mod live;

mod admin;
mod auth;
mod browser;
mod caches;
mod cluster;
mod commitments;
mod confirmations;
mod dashboard;
mod deploy;
mod directory;
mod meetings;
mod ops;
mod regions;
mod routes;
mod tls;
