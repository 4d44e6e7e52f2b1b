//! The shared kit every feature may use (and that uses no feature): field parsing and its
//! errors, typed states, the one CSV writer, photo processing, audit recording and the unit hierarchy's lookups.

pub mod audit;
pub mod csv;
pub mod fields;
pub mod followups;
pub mod labels;
pub mod photos;
pub mod qr;
pub mod states;
pub mod units;
pub mod write_behind;
