//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod helpers;
mod live;

mod admin;
mod audit_chain;
mod auth;
mod browser;
mod caches;
mod calendar;
mod cluster;
mod commitments;
mod confirmations;
mod dashboard;
mod deploy;
mod directory;
mod form_followups;
mod kerawanan;
mod meeting_form;
mod meetings;
mod offline;
mod ops;
mod regions;
mod reminders;
mod routes;
mod scenario;
mod small_screens;
mod tls;
mod trust;
