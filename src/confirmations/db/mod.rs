//! Confirmation queries, one job a file: links, answers (with their claims) and sanggahan, and
//! what the confirmation pages read of a meeting (their own small queries, not another feature's).

mod answers;
mod links;
mod meeting;

pub use answers::*;
pub use links::*;
pub use meeting::*;
