//! Commitment handlers, one job a file: the list and its CSV, one commitment's page and its
//! actions, actions through a confirmation link, and adding a commitment to a meeting (called
//! by the meeting page in `pages`).

pub mod add;
mod apply;
mod link;
mod list;
mod show;

pub use link::act_with_link;
pub use list::{csv, list};
pub use show::{act, note_photo, show};
