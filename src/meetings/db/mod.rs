//! Meeting queries. Every read binds the caller's `Scope`: `$national or unit_path @> array[$unit]
//! or <the institution attended>`, so a meeting outside it is simply not found. The list binds the
//! same scope as the columns that index it (`Within`).

mod choices;
mod codes;
mod list;
mod read;
mod report;
mod within;
mod write;

pub use choices::*;
pub use codes::*;
pub use list::*;
pub use read::*;
pub use report::*;
pub use within::*;
pub use write::*;
