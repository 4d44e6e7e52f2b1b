//! Rebuilds the binary when a migration is added or changed: `sqlx::migrate!()` (src/db/mod.rs)
//! embeds the folder at compile time.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
