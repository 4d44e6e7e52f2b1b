//! Confirmation handlers, one job a file: the officer's desk (links, states, sanggahan), the
//! public link page, and "Pertemuan saya" for officials with an account; the answer form they
//! share.

mod account;
mod answer;
mod link;
mod officer;

pub use account::{answer_with_account, my_meetings};
pub use link::{answer_with_link, link_page};
pub use officer::{create_link, officer_page, respond_dispute, revoke_link};
