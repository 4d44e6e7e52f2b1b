//! The seed meetings as data, one file per story (docs/SEED-STORIES.md): hosts, venues, local
//! times and zones, every named person and institution, topics and minutes written from the
//! stories.

mod kempas_2024;
mod ketapang_2024;
mod kuala_kampar_2024;
mod purwakarta_2024;
mod sandai_2024;
mod tanah_laut_2023;

/// Who attended, by institution: (institution, person, position, rank, members, represents, attendance)
type Row = (
    Inst,
    &'static str,
    &'static str,
    &'static str,
    i32,
    &'static str,
    &'static str,
);

#[derive(Clone, Copy)]
pub enum Inst {
    Unit(&'static str),
    Body(&'static str, &'static str),
    Named(&'static str),
}

pub struct Seed {
    pub key: &'static str,
    pub host: &'static str,
    pub title: &'static str,
    pub purpose: &'static str,
    pub date: (i32, u32, u32),
    pub time: (u32, u32),
    pub duration: i32,
    pub district: &'static str,
    pub venue: &'static str,
    pub address: &'static str,
    pub types: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub minutes: &'static str,
    pub outcome: &'static str,
    pub status: &'static str,
    pub attendees: &'static [Row],
}

/// Every seed meeting, in the order they are loaded.
pub const SEEDS: &[Seed] = &[
    kuala_kampar_2024::SEED,
    ketapang_2024::SEED,
    tanah_laut_2023::SEED,
    purwakarta_2024::SEED,
    kempas_2024::SEED,
    sandai_2024::SEED,
];
