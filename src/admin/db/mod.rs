//! Admin queries. Each takes the admin's [`Scope`] and applies it in SQL: `$national`, or the
//! admin's unit subtree (`path @> array[$unit]`), or — for institutions and the officials who
//! speak for them — a region inside the province of the admin's unit.

mod institutions;
mod units;
mod users;

pub use institutions::*;
pub use units::*;
pub use users::*;

/// The constraint a unique violation broke, when `e` is one.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            Some(d.constraint().unwrap_or_default().to_string())
        }
        _ => None,
    }
}
