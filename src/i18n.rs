//! The one place user-facing words come from. Bahasa Indonesia is the reference language;
//! English follows key by key. Templates call `t.s("key")`; an unknown key shows itself, so a
//! missing translation is visible rather than silent.

/// The interface language, chosen by the `lang` cookie (default Indonesian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Self {
        if code == "en" { Lang::En } else { Lang::Id }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The word for `key` in this language.
    pub fn s(&self, key: &str) -> &'static str {
        match STRINGS.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
            Ok(i) => match self {
                Lang::Id => STRINGS[i].1,
                Lang::En => STRINGS[i].2,
            },
            Err(_) => "⟨?⟩",
        }
    }
}

/// (key, Indonesian, English), sorted by key (a test checks the order).
pub static STRINGS: &[(&str, &str, &str)] = &[
    ("admin.institutions", "Lembaga", "Institutions"),
    ("admin.units", "Satuan", "Police units"),
    ("admin.users", "Pengguna", "Users"),
    (
        "app.tagline",
        "Koordinasi Polri dan penyelenggara pemilu",
        "Police ↔ election-body coordination",
    ),
    ("audit.title", "Jejak audit", "Audit log"),
    (
        "auth.change_password",
        "Ganti kata sandi",
        "Change password",
    ),
    ("auth.login", "Masuk", "Log in"),
    ("auth.logout", "Keluar", "Log out"),
    ("auth.password", "Kata sandi", "Password"),
    ("auth.username", "Nama pengguna", "Username"),
    ("dir.districts", "Kecamatan", "Districts"),
    ("dir.institutions", "Lembaga", "Institutions"),
    (
        "dir.no_units",
        "Belum ada satuan Polri yang dipetakan ke wilayah ini.",
        "No police unit is mapped to this area yet.",
    ),
    ("dir.provinces", "Provinsi", "Provinces"),
    ("dir.regencies", "Kabupaten/Kota", "Regencies/cities"),
    (
        "dir.search",
        "Cari wilayah, satuan, lembaga",
        "Search regions, units, institutions",
    ),
    ("dir.title", "Direktori", "Directory"),
    ("dir.units", "Satuan Polri", "Police units"),
    ("dir.villages", "Desa/Kelurahan", "Villages"),
    ("err.back", "Kembali ke beranda", "Back to the start page"),
    ("err.reference", "Nomor referensi", "Reference"),
    ("nav.admin", "Admin", "Admin"),
    ("nav.dashboard", "Dasbor", "Dashboard"),
    ("nav.directory", "Direktori", "Directory"),
    ("nav.followups", "Tindak lanjut", "Follow-ups"),
    ("nav.meetings", "Pertemuan", "Meetings"),
    ("nav.mine", "Pertemuan saya", "My meetings"),
    ("nav.privacy", "Privasi", "Privacy"),
    ("search.go", "Cari", "Search"),
    ("tz.zone", "Zona waktu", "Time zone"),
];
