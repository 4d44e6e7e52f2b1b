//! Seed story "demo-kuala-kampar-2024" (docs/SEED-STORIES.md).

use super::{Inst, Seed};

pub const SEED: Seed = Seed {
    key: "demo-kuala-kampar-2024",
    host: "Polsek Kuala Kampar",
    title: "Coffe Bareng Yuk bersama PPK dan Panwaslu Kecamatan Kuala Kampar",
    purpose: "Dalam rangka Cooling System menjelang Pilkada Serentak 2024: mempererat hubungan dan koordinasi Polsek dengan penyelenggara pemilihan di Kecamatan Kuala Kampar.",
    date: (2024, 10, 26),
    time: (10, 0),
    duration: 120,
    district: "14.05.10",
    venue: "D'Dion Coffee",
    address: "Teluk Dalam, Kecamatan Kuala Kampar",
    types: &["ngopi_bareng", "cooling_system"],
    topics: &["pam_tps", "gudang_logistik", "patroli", "potensi_konflik"],
    minutes: "1. Kapolsek AKP Rhino Handoyo, S.H. membuka kegiatan dan menyampaikan kesiapan Polsek mengamankan seluruh tahapan Pilkada 2024.\n2. Ketua PPK Hendri Pandita memaparkan persiapan TPS dan pengamanan gudang logistik PPK.\n3. Ketua Panwaslu Kecamatan Ahmadi menyampaikan langkah pengawasan dan pencegahan selama masa kampanye.\n4. Disepakati antisipasi gangguan kamtibmas dan komunikasi intensif untuk meminimalkan potensi konflik.",
    outcome: "Hubungan Polsek dengan penyelenggara semakin erat; semua pihak berkomitmen terus berkoordinasi agar Pilkada 2024 aman dan jujur.",
    status: "reported",
    attendees: &[
        (
            Inst::Unit("Polsek Kuala Kampar"),
            "Rhino Handoyo, S.H.",
            "Kapolsek Kuala Kampar",
            "AKP",
            0,
            "",
            "present",
        ),
        (
            Inst::Body("ppk", "14.05.10"),
            "Hendri Pandita",
            "Ketua PPK Kecamatan Kuala Kampar",
            "",
            4,
            "",
            "present",
        ),
        (
            Inst::Body("panwascam", "14.05.10"),
            "Ahmadi",
            "Ketua Panwaslu Kecamatan Kuala Kampar",
            "",
            2,
            "",
            "present",
        ),
    ],
};
