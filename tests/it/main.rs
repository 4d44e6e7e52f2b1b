//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod helpers;

mod admin;
mod audit_chain;
mod auth;
mod browser;
mod caches;
mod cluster;
mod commitments;
mod confirmations;
mod dashboard;
mod directory;
mod meetings;
mod regions;
mod routes;
mod trust;
