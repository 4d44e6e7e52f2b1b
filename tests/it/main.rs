//! Sinergi's integration tests: one binary, one fresh database per test, read like specs.

mod build;
mod helpers;
mod live;

mod admin;
mod audit_chain;
mod auth;
mod bad_requests;
mod browser;
mod caches;
mod caches_scope;
mod calendar;
mod cluster;
mod commitments;
mod confirmations;
mod dashboard;
mod deploy;
mod directory;
mod form_followups;
mod kerawanan;
mod local_bodies;
mod local_profile;
mod meeting_form;
mod meetings;
mod offline;
mod offline_more;
mod ops;
mod regions;
mod reminders;
mod replica;
mod routes;
mod small_screens;
mod tls;
mod trust;
mod verify_chain_load;
mod verify_report;
