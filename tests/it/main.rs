//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod helpers;

mod auth;
mod browser;
mod cluster;
mod dashboard;
mod directory;
mod meetings;
mod regions;
