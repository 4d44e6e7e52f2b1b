//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod helpers;
mod live;

mod admin;
mod audit_chain;
mod auth;
mod bad_requests;
mod browser;
mod caches;
mod calendar;
mod cluster;
mod commitments;
mod confirmations;
mod dashboard;
mod deploy;
mod directory;
mod kerawanan;
mod meeting_form;
mod meetings;
mod offline;
mod ops;
mod regions;
mod reminders;
mod routes;
mod small_screens;
mod tls;
mod trust;
mod verify_chain_load;
mod verify_report;
