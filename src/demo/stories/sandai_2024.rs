//! Seed story "demo-sandai-2024" (docs/SEED-STORIES.md).

use super::{Inst, Seed};

pub const SEED: Seed = Seed {
    key: "demo-sandai-2024",
    host: "Polsek Sandai",
    title: "Doa Bersama menjelang Pilkada 2024",
    purpose: "Doa bersama lintas agama agar Pilkada Serentak 2024 di Kecamatan Sandai berjalan aman dan damai.",
    date: (2024, 11, 22),
    time: (19, 0),
    duration: 90,
    district: "61.04.05",
    venue: "Mapolsek Sandai",
    address: "Sandai",
    types: &["doa_bersama", "cooling_system"],
    topics: &["potensi_konflik"],
    minutes: "Doa bersama dipimpin tokoh agama, dihadiri PPK dan Panwaslu Kecamatan Sandai.",
    outcome: "Pesan damai disampaikan kepada masyarakat Kecamatan Sandai.",
    status: "held",
    attendees: &[
        (
            Inst::Unit("Polsek Sandai"),
            "",
            "Kapolsek Sandai",
            "",
            5,
            "",
            "present",
        ),
        (
            Inst::Body("ppk", "61.04.05"),
            "",
            "Ketua PPK Kecamatan Sandai",
            "",
            0,
            "",
            "present",
        ),
        (
            Inst::Body("panwascam", "61.04.05"),
            "",
            "Ketua Panwaslu Kecamatan Sandai",
            "",
            0,
            "",
            "invited",
        ),
    ],
};
