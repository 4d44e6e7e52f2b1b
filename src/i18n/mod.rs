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

    /// The word for `key` with its `{}` replaced by `arg`, for phrases whose word order differs
    /// between the languages ("terlambat 3 hari" / "3 days overdue").
    pub fn f(&self, key: &str, arg: impl std::fmt::Display) -> String {
        self.s(key).replacen("{}", &arg.to_string(), 1)
    }
}

mod messages;

tokio::task_local! {
    /// The language of the request being answered (set by `web::middleware::language`).
    static CURRENT: Lang;
}

/// The current request's language; Indonesian outside a request (command line, unit tests).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// Runs `f` with `lang` as the current language.
pub async fn scope<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    CURRENT.scope(lang, f).await
}

/// The language named by a request's `lang` cookie.
pub fn from_cookies(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang=").map(Lang::from_code))
        .unwrap_or_default()
}

impl Lang {
    /// A message built in Rust (validation, notices, error pages), given in Indonesian, in this
    /// language: looked up in `messages::MESSAGES`, with `{}` matching a value; Indonesian when
    /// there is no entry.
    pub fn m(&self, text: &str) -> String {
        match self {
            Lang::Id => text.to_string(),
            Lang::En => english(text).unwrap_or_else(|| text.to_string()),
        }
    }
}

fn exact(text: &str) -> Option<&'static str> {
    let all = messages::MESSAGES;
    all.binary_search_by(|(k, _)| (*k).cmp(text))
        .ok()
        .map(|i| all[i].1)
}

fn english(text: &str) -> Option<String> {
    if let Some(en) = exact(text) {
        return Some(en.to_string());
    }
    messages::MESSAGES
        .iter()
        .filter(|(id, _)| id.contains("{}"))
        .find_map(|(id, en)| {
            let values = captures(id, text)?;
            let mut out = String::new();
            let mut rest = *en;
            for v in values {
                let (head, tail) = rest.split_once("{}")?;
                out.push_str(head);
                out.push_str(exact(&v).unwrap_or(&v));
                rest = tail;
            }
            out.push_str(rest);
            Some(out)
        })
}

/// The values standing for each `{}` of `pattern` in `text`, if `text` has its shape.
fn captures(pattern: &str, text: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut values = Vec::new();
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        if i == pieces.len() - 1 {
            values.push(rest.strip_suffix(piece)?.to_string());
        } else {
            if piece.is_empty() {
                return None;
            }
            let at = rest.find(piece)?;
            values.push(rest[..at].to_string());
            rest = &rest[at + piece.len()..];
        }
    }
    Some(values)
}

/// (key, Indonesian, English), sorted by key (a test checks the order).
pub static STRINGS: &[(&str, &str, &str)] = &[
    ("admin.active", "Aktif", "Active"),
    ("admin.dir_page", "halaman direktori", "directory page"),
    (
        "admin.f.choose_kind",
        "— Pilih jenis —",
        "— Choose a type —",
    ),
    (
        "admin.f.choose_unit",
        "— Pilih satuan —",
        "— Choose a unit —",
    ),
    ("admin.f.institution", "Nomor lembaga", "Institution number"),
    (
        "admin.f.institution_hint",
        "Untuk penyelenggara pemilu: angka di akhir alamat halaman lembaganya di",
        "For election officials: the number at the end of the address of their institution's page in the",
    ),
    ("admin.f.kind", "Jenis", "Type"),
    ("admin.f.none", "— Tidak ada —", "— None —"),
    ("admin.f.role", "Peran", "Role"),
    ("admin.f.unit", "Satuan", "Unit"),
    (
        "admin.f.unit_hint",
        "Untuk pimpinan dan petugas penghubung: satuannya. Untuk admin: Polda-nya",
        "For commanders and liaison officers: their unit. For admins: their Polda",
    ),
    (
        "admin.f.unit_hint_national",
        ", atau kosong untuk admin nasional",
        ", or empty for a national admin",
    ),
    ("admin.inactive", "Nonaktif", "Inactive"),
    ("admin.inst.add", "Tambah lembaga", "Add an institution"),
    (
        "admin.inst.empty",
        "Belum ada lembaga.",
        "No institutions yet.",
    ),
    (
        "admin.inst.help",
        "KPU, Bawaslu, PPK dan Panwaslu Kecamatan sudah tersedia untuk setiap wilayah; satuan Polri dibuat di halaman Satuan.",
        "KPU, Bawaslu, PPK and Panwaslu Kecamatan already exist for every area; police units are created on the Police units page.",
    ),
    ("admin.inst.kind", "Jenis lembaga", "Type of institution"),
    (
        "admin.inst.latest",
        "Terbaru di wilayah Anda",
        "Latest in your area",
    ),
    ("admin.inst.name", "Nama lembaga", "Name of the institution"),
    (
        "admin.inst.name_hint",
        "Lengkap, mis. Koramil 02/Pangkalan Kuras.",
        "In full, e.g. Koramil 02/Pangkalan Kuras.",
    ),
    ("admin.inst.number", "nomor", "no."),
    ("admin.inst.region", "Kode wilayah", "Region code"),
    (
        "admin.inst.region_hint",
        "Provinsi, kabupaten/kota, kecamatan atau desa, mis. 14.05.01; lihat Direktori.",
        "Province, regency/city, district or village, e.g. 14.05.01; see the Directory.",
    ),
    ("admin.inst.save", "Simpan lembaga", "Save institution"),
    ("admin.institutions", "Lembaga", "Institutions"),
    ("admin.national", "Nasional", "National"),
    ("admin.nav", "Administrasi", "Administration"),
    ("admin.save_changes", "Simpan perubahan", "Save changes"),
    ("admin.unit.add", "Tambah satuan", "Add a unit"),
    (
        "admin.unit.add_long",
        "Tambah Polres atau Polsek",
        "Add a Polres or Polsek",
    ),
    (
        "admin.unit.add_polsek",
        "tambah Polsek di bawahnya",
        "add a Polsek under it",
    ),
    (
        "admin.unit.add_region",
        "Tambah kabupaten/kota atau kecamatan (kode wilayah)",
        "Add a regency/city or district (region code)",
    ),
    ("admin.unit.add_region_btn", "Tambah wilayah", "Add area"),
    (
        "admin.unit.address_opt",
        "Alamat (tidak wajib)",
        "Address (optional)",
    ),
    (
        "admin.unit.choose_parent",
        "— Pilih induk —",
        "— Choose the parent unit —",
    ),
    (
        "admin.unit.code_hint",
        "Ketik kode atau pilih dari saran, mis. 14.05.01. Kode ada di halaman wilayah di",
        "Type a code or pick a suggestion, e.g. 14.05.01. Codes are shown on each region's page in the",
    ),
    (
        "admin.unit.edit",
        "Nama, jenis dan alamat",
        "Name, type and address",
    ),
    ("admin.unit.name", "Nama satuan", "Unit name"),
    (
        "admin.unit.name_hint",
        "Lengkap, mis. Polsek Pangkalan Kuras.",
        "In full, e.g. Polsek Pangkalan Kuras.",
    ),
    (
        "admin.unit.no_regions",
        "Belum ada wilayah yang dipetakan.",
        "No areas mapped yet.",
    ),
    ("admin.unit.parent", "Satuan induk", "Parent unit"),
    (
        "admin.unit.parent_hint",
        "Polres berada di bawah Polda; Polsek di bawah Polres.",
        "A Polres sits under a Polda; a Polsek under a Polres.",
    ),
    ("admin.unit.save", "Simpan satuan", "Save unit"),
    ("admin.unit.under_polda", "Di bawah Polda", "Under a Polda"),
    (
        "admin.unit.under_polres",
        "Di bawah Polres",
        "Under a Polres",
    ),
    ("admin.units", "Satuan", "Police units"),
    ("admin.units.empty", "Tidak ada satuan.", "No units."),
    (
        "admin.units.regions",
        "{} wilayah hukum",
        "{} jurisdiction area(s)",
    ),
    ("admin.user.add", "Tambah pengguna", "Add a user"),
    ("admin.user.created", "Dibuat", "Created"),
    (
        "admin.user.deactivate",
        "Nonaktifkan akun",
        "Deactivate account",
    ),
    (
        "admin.user.deactivate_help",
        "Menonaktifkan akun mengakhiri sesinya yang sedang berjalan. Data yang sudah dicatat tetap ada.",
        "Deactivating the account ends its current sessions. Data already recorded is kept.",
    ),
    ("admin.user.display_name", "Nama lengkap", "Full name"),
    (
        "admin.user.inactive_help",
        "Akun ini nonaktif: pemiliknya tidak dapat masuk.",
        "This account is inactive: its owner cannot log in.",
    ),
    (
        "admin.user.initial_hint",
        "Minimal 10 karakter. Sampaikan langsung kepada pemilik akun.",
        "At least 10 characters. Give it to the account owner in person.",
    ),
    (
        "admin.user.initial_password",
        "Kata sandi awal",
        "Initial password",
    ),
    ("admin.user.new_password", "Kata sandi baru", "New password"),
    (
        "admin.user.own",
        "Ini akun Anda sendiri: peran, status dan kata sandinya diubah oleh admin lain. Ganti kata sandi Anda di",
        "This is your own account: another admin changes its role, status and password. Change your password under",
    ),
    (
        "admin.user.password_changed",
        "Kata sandi diganti",
        "Password changed",
    ),
    (
        "admin.user.phone",
        "Nomor telepon (tidak wajib)",
        "Phone number (optional)",
    ),
    ("admin.user.placement", "Penempatan", "Placement"),
    (
        "admin.user.placement_h",
        "Peran dan penempatan",
        "Role and placement",
    ),
    (
        "admin.user.rank",
        "Pangkat (tidak wajib)",
        "Rank (optional)",
    ),
    ("admin.user.reactivate", "Aktifkan kembali", "Reactivate"),
    ("admin.user.reset", "Reset kata sandi", "Reset password"),
    (
        "admin.user.reset_hint",
        "Minimal 10 karakter. Sampaikan langsung kepada pemilik akun; sesi yang sedang berjalan berakhir.",
        "At least 10 characters. Give it to the account owner in person; their current sessions end.",
    ),
    ("admin.user.save", "Simpan pengguna", "Save user"),
    (
        "admin.user.save_placement",
        "Simpan penempatan",
        "Save placement",
    ),
    ("admin.user.status", "Status akun", "Account status"),
    (
        "admin.user.username_hint",
        "Huruf kecil, angka, titik atau tanda hubung, mis. polsek.kempas.",
        "Lower-case letters, digits, dots or hyphens, e.g. polsek.kempas.",
    ),
    ("admin.users", "Pengguna", "Users"),
    ("admin.users.empty", "Tidak ada pengguna.", "No users."),
    (
        "admin.users.q",
        "Nama atau nama pengguna",
        "Name or username",
    ),
    (
        "app.tagline",
        "Koordinasi Polri dan penyelenggara pemilu",
        "Police ↔ election-body coordination",
    ),
    ("audit.empty", "Belum ada catatan.", "No entries yet."),
    (
        "audit.filter.record",
        "Data (mis. meeting #12)",
        "Record (e.g. meeting #12)",
    ),
    ("audit.filter.user", "Pengguna", "User"),
    ("audit.older", "Lebih lama →", "Older →"),
    ("audit.title", "Jejak audit", "Audit log"),
    (
        "auth.change_password",
        "Ganti kata sandi",
        "Change password",
    ),
    ("auth.login", "Masuk", "Log in"),
    (
        "auth.login.help",
        "Pejabat penyelenggara pemilu dapat mengonfirmasi kehadiran lewat tautan yang dikirim petugas, tanpa akun.",
        "Election officials can confirm their attendance through the link an officer sends them, without an account.",
    ),
    ("auth.logout", "Keluar", "Log out"),
    ("auth.password", "Kata sandi", "Password"),
    ("auth.pw.current", "Kata sandi saat ini", "Current password"),
    (
        "auth.pw.done",
        "Kata sandi sudah diganti.",
        "Your password has been changed.",
    ),
    (
        "auth.pw.new",
        "Kata sandi baru (minimal 10 karakter)",
        "New password (at least 10 characters)",
    ),
    (
        "auth.pw.repeat",
        "Ulangi kata sandi baru",
        "Repeat the new password",
    ),
    ("auth.username", "Nama pengguna", "Username"),
    ("commit.act.done", "Tandai selesai", "Mark as done"),
    (
        "commit.act.drop",
        "Batalkan tindak lanjut",
        "Cancel this follow-up",
    ),
    ("commit.act.in_progress", "Sedang dikerjakan", "In progress"),
    ("commit.act.note", "Tambah catatan", "Add note"),
    ("commit.act.reject", "Belum sesuai", "Not yet satisfactory"),
    (
        "commit.act.verify",
        "Verifikasi: benar sudah dilaksanakan",
        "Verify: it has indeed been carried out",
    ),
    (
        "commit.drop_reason",
        "Alasan pembatalan",
        "Reason for cancelling",
    ),
    (
        "commit.drop_reason_shown",
        "Alasan dibatalkan",
        "Reason for cancellation",
    ),
    ("commit.due", "Tenggat", "Due"),
    ("commit.due_lc", "tenggat", "due"),
    (
        "commit.escalated",
        "dieskalasi {} tingkat",
        "escalated {} level(s) up",
    ),
    ("commit.filter.escalated", "Dieskalasi", "Escalated"),
    (
        "commit.filter.mine",
        "Milik satuan saya + eskalasi dari jajaran",
        "Owned by my unit + escalated from subordinate units",
    ),
    ("commit.filter.overdue", "Terlambat", "Overdue"),
    (
        "commit.filter.within",
        "Jatuh tempo dalam (hari)",
        "Due within (days)",
    ),
    ("commit.group.community", "Masyarakat", "Community"),
    (
        "commit.group.election",
        "Penyelenggara pemilu",
        "Election bodies",
    ),
    (
        "commit.group.forum",
        "Forkopimda/cam",
        "Leadership forums (Forkopimda/cam)",
    ),
    (
        "commit.group.local_gov",
        "Pemerintah daerah",
        "Local government",
    ),
    (
        "commit.group.politics",
        "Partai/paslon",
        "Parties/candidates",
    ),
    (
        "commit.group.prosecutor",
        "Kejaksaan",
        "Prosecutor's office",
    ),
    (
        "commit.list.empty",
        "Tidak ada tindak lanjut yang cocok.",
        "No follow-ups match.",
    ),
    ("commit.no_notes", "Belum ada catatan.", "No notes yet."),
    ("commit.overdue", "terlambat {} hari", "{} days overdue"),
    ("commit.owner", "Pemilik", "Owner"),
    (
        "commit.photo",
        "Foto (tidak wajib; JPEG, PNG atau WebP, paling besar 10 MB)",
        "Photo (optional; JPEG, PNG or WebP, at most 10 MB)",
    ),
    ("commit.photo_alt", "Foto perkembangan", "Progress photo"),
    ("commit.progress", "Perkembangan", "Progress"),
    (
        "commit.progress_note",
        "Catatan perkembangan",
        "Progress note",
    ),
    ("commit.to", "Dijanjikan kepada", "Promised to"),
    (
        "commit.unverified",
        "belum diverifikasi",
        "not yet verified",
    ),
    (
        "commit.unverified_other",
        "belum diverifikasi pihak lawan",
        "not yet verified by the other party",
    ),
    ("commit.verified_by", "Diverifikasi", "Verified by"),
    ("common.address", "Alamat", "Address"),
    ("common.all", "Semua", "All"),
    ("common.apply", "Terapkan", "Apply"),
    ("common.breadcrumb", "Jejak", "Breadcrumb"),
    ("common.cancel", "Batal", "Cancel"),
    (
        "common.check_fields",
        "Periksa isian yang ditandai.",
        "Please check the marked fields.",
    ),
    ("common.choose", "— pilih —", "— choose —"),
    ("common.clear_filters", "Hapus saringan", "Clear filters"),
    ("common.csv", "Unduh CSV", "Download CSV"),
    ("common.csv_note", "sesuai saringan", "matching the filters"),
    ("common.edit", "Ubah", "Edit"),
    ("common.filter", "Saring", "Filter"),
    ("common.host", "Penyelenggara", "Host"),
    ("common.institution", "Lembaga", "Institution"),
    ("common.minutes", "menit", "minutes"),
    ("common.name", "Nama", "Name"),
    ("common.next", "Berikutnya →", "Next →"),
    ("common.note", "Catatan", "Note"),
    ("common.person", "Orang", "Person"),
    ("common.phone", "Telepon", "Phone"),
    ("common.position", "Jabatan", "Position"),
    ("common.prev", "← Sebelumnya", "← Previous"),
    ("common.rank", "Pangkat", "Rank"),
    ("common.remove", "Hapus", "Remove"),
    ("common.save", "Simpan", "Save"),
    ("common.send", "Kirim", "Send"),
    ("common.status", "Status", "Status"),
    ("common.under", "di bawah", "under"),
    ("confirm.attendees", "Peserta", "Attendees"),
    ("confirm.c.done", "Sudah selesai", "It is done"),
    (
        "confirm.c.note_placeholder",
        "Catatan perkembangan (tidak wajib)",
        "Progress note (optional)",
    ),
    (
        "confirm.c.verify",
        "Benar sudah dilaksanakan",
        "Yes, it has been carried out",
    ),
    (
        "confirm.c.verify_note",
        "Catatan verifikasi",
        "Verification note",
    ),
    (
        "confirm.c.verify_placeholder",
        "Catatan (wajib bila belum sesuai)",
        "Note (required if not yet satisfactory)",
    ),
    (
        "confirm.closed",
        "Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.",
        "This meeting is closed; answers can no longer be changed.",
    ),
    (
        "confirm.comment",
        "Catatan (wajib bila catatan tidak sesuai)",
        "Note (required if the record is not accurate)",
    ),
    ("confirm.copy", "Salin tautan", "Copy link"),
    (
        "confirm.current_status",
        "Status saat ini",
        "Current status",
    ),
    ("confirm.disputes", "Sanggahan", "Objections"),
    (
        "confirm.fix_name",
        "Perbaikan nama (bila perlu)",
        "Correction to your name (if needed)",
    ),
    (
        "confirm.fix_position",
        "Perbaikan jabatan (bila perlu)",
        "Correction to your position (if needed)",
    ),
    ("confirm.history", "Riwayat jawaban", "Answer history"),
    (
        "confirm.invalid.text",
        "Tautan konfirmasi ini tidak dikenal, sudah kedaluwarsa, atau sudah dicabut. Mintalah tautan baru kepada petugas Polri yang mengundang Anda.",
        "This confirmation link is unknown, has expired or has been revoked. Please ask the police officer who invited you for a new link.",
    ),
    (
        "confirm.invalid.title",
        "Tautan tidak berlaku",
        "Link not valid",
    ),
    (
        "confirm.link_label",
        "Tautan konfirmasi",
        "Confirmation link",
    ),
    ("confirm.links", "Tautan", "Links"),
    ("confirm.make_link", "Buat tautan", "Create link"),
    (
        "confirm.make_team_link",
        "Buat tautan tim",
        "Create team link",
    ),
    (
        "confirm.mine.empty",
        "Belum ada pertemuan yang melibatkan lembaga Anda.",
        "No meetings involving your institution yet.",
    ),
    (
        "confirm.minutes_summary",
        "Ringkasan notulen",
        "Summary of the minutes",
    ),
    (
        "confirm.new_link",
        "Tautan baru untuk {}",
        "New link for {}",
    ),
    (
        "confirm.once",
        "Tautan ini hanya ditampilkan sekali. Bagikan sekarang.",
        "This link is shown only once. Share it now.",
    ),
    (
        "confirm.qr_alt",
        "Kode QR tautan konfirmasi",
        "QR code of the confirmation link",
    ),
    (
        "confirm.recorded_as",
        "Anda tercatat sebagai",
        "You are recorded as",
    ),
    ("confirm.response", "Tanggapan", "Response"),
    (
        "confirm.response_label",
        "Tanggapan tertulis",
        "Written response",
    ),
    ("confirm.revoke", "Cabut", "Revoke"),
    (
        "confirm.saved",
        "Terima kasih, jawaban Anda sudah tercatat.",
        "Thank you, your answer has been recorded.",
    ),
    ("confirm.send", "Kirim jawaban", "Send answer"),
    ("confirm.send_response", "Kirim tanggapan", "Send response"),
    ("confirm.status_lc", "status", "status"),
    ("confirm.team", "tautan tim", "team link"),
    ("confirm.team_for", "Tautan tim untuk", "Team link for"),
    (
        "confirm.team_links",
        "Tautan tim per lembaga",
        "Team links per institution",
    ),
    (
        "confirm.team_links_help",
        "Satu tautan untuk semua yang hadir dari satu lembaga: masing-masing memilih namanya sendiri lalu menjawab.",
        "One link for everyone who came from one institution: each picks their own name, then answers.",
    ),
    (
        "confirm.title",
        "Konfirmasi kehadiran",
        "Attendance confirmation",
    ),
    (
        "confirm.unanswered",
        "Belum ditanggapi.",
        "No response yet.",
    ),
    ("confirm.valid_until", "berlaku s.d.", "valid until"),
    ("confirm.via_account", "lewat akun", "via account"),
    ("confirm.via_link", "lewat tautan", "via link"),
    (
        "confirm.whatsapp",
        "Bagikan lewat WhatsApp",
        "Share via WhatsApp",
    ),
    (
        "confirm.who_are_you",
        "Nama Anda dalam daftar hadir",
        "Your line in the attendance list",
    ),
    ("confirm.your_answer", "Jawaban Anda", "Your answer"),
    ("dir.code", "Kode", "Code"),
    ("dir.districts", "Kecamatan", "Districts"),
    ("dir.institutions", "Lembaga", "Institutions"),
    ("dir.jurisdiction", "Wilayah hukum", "Jurisdiction"),
    (
        "dir.no_units",
        "Belum ada satuan Polri yang dipetakan ke wilayah ini.",
        "No police unit is mapped to this area yet.",
    ),
    ("dir.provinces", "Provinsi", "Provinces"),
    ("dir.regencies", "Kabupaten/Kota", "Regencies/cities"),
    ("dir.regencies_short", "kab/kota", "regencies/cities"),
    (
        "dir.search",
        "Cari wilayah, satuan, lembaga",
        "Search regions, units, institutions",
    ),
    ("dir.subunits", "Satuan di bawahnya", "Subordinate units"),
    ("dir.title", "Direktori", "Directory"),
    ("dir.unit_page", "Halaman satuan", "Unit page"),
    ("dir.units", "Satuan Polri", "Police units"),
    ("dir.villages", "Desa/Kelurahan", "Villages"),
    ("err.back", "Kembali ke beranda", "Back to the start page"),
    ("err.reference", "Nomor referensi", "Reference"),
    ("footer.by", "oleh", "by"),
    ("footer.from", "dari", "from"),
    ("footer.region_data", "Data wilayah", "Region data"),
    (
        "home.card.admin",
        "pengguna, satuan, lembaga",
        "users, units, institutions",
    ),
    ("home.card.audit", "siapa mengubah apa", "who changed what"),
    (
        "home.card.dashboard",
        "kegiatan, kecamatan yang belum ditemui, tindak lanjut terlambat",
        "activity, kecamatan not yet met, overdue follow-ups",
    ),
    (
        "home.card.directory",
        "wilayah, satuan Polri dan lembaga",
        "regions, police units and institutions",
    ),
    (
        "home.card.followups",
        "siapa menjanjikan apa, sampai kapan, sudah atau belum",
        "who promised what, by when, done or not",
    ),
    (
        "home.card.meetings",
        "pertemuan koordinasi di wilayah Anda",
        "coordination meetings in your area",
    ),
    (
        "home.card.mine",
        "konfirmasi kehadiran, perbarui tindak lanjut lembaga Anda",
        "confirm attendance, update your body's follow-ups",
    ),
    (
        "home.card.new",
        "dari ponsel, langsung di lokasi",
        "from your phone, right at the venue",
    ),
    (
        "home.hero",
        "catat pertemuan koordinasi keamanan pemilu, konfirmasi kehadiran oleh penyelenggara, dan pantau tindak lanjutnya.",
        "record election-security coordination meetings, let the election bodies confirm who attended, and follow up on what was agreed.",
    ),
    ("home.title", "Beranda", "Home"),
    ("home.welcome", "Selamat datang, {}", "Welcome, {}"),
    ("meetings.edit", "Ubah pertemuan", "Edit meeting"),
    ("meetings.f.activity", "Kegiatan", "Activity"),
    (
        "meetings.f.add_row",
        "Tambah baris peserta",
        "Add an attendee row",
    ),
    ("meetings.f.attendance", "Kehadiran", "Attendance"),
    ("meetings.f.attendees", "Yang hadir", "Attendees"),
    (
        "meetings.f.attendees_help",
        "Satu baris per lembaga dan orang. \"Ketua PPK beserta anggota\" = satu orang + jumlah anggota. Pilih \"Lembaga baru\" bila tidak ada di daftar.",
        "One row per institution and person. \"PPK chair with members\" = one person + the number of members. Choose \"New institution\" if it is not in the list.",
    ),
    (
        "meetings.f.cancel_reason",
        "Alasan pembatalan (bila dibatalkan)",
        "Reason for cancellation (if cancelled)",
    ),
    (
        "meetings.f.choose_district",
        "— pilih kecamatan —",
        "— choose a district —",
    ),
    (
        "meetings.f.choose_institution",
        "— pilih lembaga —",
        "— choose an institution —",
    ),
    ("meetings.f.clock", "Jam (waktu setempat)", "Time (local)"),
    ("meetings.f.coordinates", "Koordinat", "Coordinates"),
    ("meetings.f.date", "Tanggal", "Date"),
    ("meetings.f.district", "Kecamatan", "District (kecamatan)"),
    (
        "meetings.f.district_other",
        "…atau kode kecamatan di luar wilayah satuan",
        "…or the code of a district outside the unit's area",
    ),
    (
        "meetings.f.duration",
        "Durasi (menit)",
        "Duration (minutes)",
    ),
    ("meetings.f.election", "Pemilihan", "Election"),
    (
        "meetings.f.election_auto",
        "Otomatis dari tanggal dan wilayah",
        "Automatic from the date and area",
    ),
    (
        "meetings.f.election_none",
        "Tidak terkait pemilihan",
        "Not related to an election",
    ),
    (
        "meetings.f.election_stage",
        "Pemilihan dan tahapan",
        "Election and stage",
    ),
    (
        "meetings.f.election_topics",
        "Pemilihan dan topik",
        "Election and topics",
    ),
    (
        "meetings.f.geolocate",
        "Isi dari lokasi ponsel",
        "Fill in from the phone's location",
    ),
    ("meetings.f.host_unit", "Satuan penyelenggara", "Host unit"),
    ("meetings.f.latitude", "Lintang", "Latitude"),
    ("meetings.f.longitude", "Bujur", "Longitude"),
    (
        "meetings.f.members",
        "Beserta anggota",
        "Accompanying members",
    ),
    ("meetings.f.minutes", "Notulen", "Minutes"),
    (
        "meetings.f.minutes_help",
        "Notulen (hal-hal yang dibahas)",
        "Minutes (what was discussed)",
    ),
    (
        "meetings.f.new_institution",
        "Lembaga baru…",
        "New institution…",
    ),
    (
        "meetings.f.new_kind",
        "Jenis lembaga baru",
        "Type of the new institution",
    ),
    (
        "meetings.f.new_name",
        "Nama lembaga baru",
        "Name of the new institution",
    ),
    ("meetings.f.outcome", "Hasil", "Outcome"),
    (
        "meetings.f.outcome_help",
        "Hasil yang dicapai",
        "Results achieved",
    ),
    (
        "meetings.f.phone",
        "Telepon (tidak wajib)",
        "Phone (optional)",
    ),
    ("meetings.f.proceedings", "Jalannya kegiatan", "Proceedings"),
    ("meetings.f.purpose", "Maksud dan tujuan", "Purpose"),
    (
        "meetings.f.purpose_help",
        "Maksud dan tujuan (\"dalam rangka …\")",
        "Purpose and aim (\"in the context of …\")",
    ),
    (
        "meetings.f.rank",
        "Pangkat (Polri/TNI)",
        "Rank (police/military)",
    ),
    (
        "meetings.f.represents",
        "Mewakili (mis. \"Bupati Ketapang\")",
        "Representing (e.g. \"Regent of Ketapang\")",
    ),
    ("meetings.f.time", "Waktu", "Time"),
    (
        "meetings.f.time_place",
        "Waktu dan tempat",
        "Time and place",
    ),
    ("meetings.f.title", "Judul", "Title"),
    (
        "meetings.f.title_placeholder",
        "Coffee morning bersama PPK dan Panwascam",
        "Coffee morning with the PPK and Panwascam",
    ),
    ("meetings.f.topics", "Topik", "Topics"),
    (
        "meetings.f.topics_discussed",
        "Topik yang dibahas",
        "Topics discussed",
    ),
    ("meetings.f.type", "Jenis kegiatan", "Type of activity"),
    (
        "meetings.f.type_help",
        "boleh lebih dari satu",
        "more than one allowed",
    ),
    ("meetings.f.venue", "Tempat", "Venue"),
    ("meetings.f.venue_name", "Nama tempat", "Venue name"),
    (
        "meetings.filter.district",
        "Kode kecamatan",
        "District code",
    ),
    ("meetings.filter.from", "Dari tanggal", "From date"),
    (
        "meetings.filter.institution",
        "Lembaga hadir (id)",
        "Institution present (id)",
    ),
    (
        "meetings.filter.q",
        "Cari (judul, notulen)",
        "Search (title, minutes)",
    ),
    ("meetings.filter.stage", "Tahapan", "Stage"),
    ("meetings.filter.to", "Sampai tanggal", "To date"),
    ("meetings.filter.topic", "Topik", "Topic"),
    ("meetings.filter.type", "Jenis", "Type"),
    (
        "meetings.filter.unconfirmed",
        "Belum dikonfirmasi",
        "Not yet confirmed",
    ),
    (
        "meetings.filter.unit",
        "Satuan (dengan jajarannya)",
        "Unit (including subordinate units)",
    ),
    ("meetings.form.changed_by", "diubah", "changed by"),
    (
        "meetings.form.check",
        "Periksa isian yang ditandai ({}).",
        "Please check the marked fields ({}).",
    ),
    (
        "meetings.form.latest",
        "Data terbaru",
        "Latest saved version",
    ),
    (
        "meetings.list.empty",
        "Tidak ada pertemuan yang cocok.",
        "No meetings match.",
    ),
    (
        "meetings.list.present",
        "{} lembaga hadir",
        "{} institutions present",
    ),
    ("meetings.new", "Catat pertemuan", "Record a meeting"),
    (
        "meetings.show.add_followup",
        "Tambah tindak lanjut",
        "Add a follow-up",
    ),
    (
        "meetings.show.add_photo",
        "Tambah foto (JPEG, PNG atau WebP, paling besar 10 MB)",
        "Add a photo (JPEG, PNG or WebP, at most 10 MB)",
    ),
    ("meetings.show.cancelled", "Dibatalkan", "Cancelled"),
    ("meetings.show.caption", "Keterangan", "Caption"),
    (
        "meetings.show.carry",
        "Tindak lanjut terbuka dari pertemuan sebelumnya dengan lembaga yang sama",
        "Open follow-ups from earlier meetings with the same institutions",
    ),
    (
        "meetings.show.check_followup",
        "Periksa isian tindak lanjut.",
        "Please check the follow-up fields.",
    ),
    ("meetings.show.confirmation", "Konfirmasi", "Confirmation"),
    (
        "meetings.show.disputes",
        "Sanggahan peserta",
        "Objections from attendees",
    ),
    (
        "meetings.show.due",
        "Tenggat (tanggal 2024-11-24, atau H-3 / H+1 dari hari pemungutan suara)",
        "Due (a date such as 2024-11-24, or H-3 / H+1 counted from polling day)",
    ),
    ("meetings.show.history", "Riwayat", "History"),
    (
        "meetings.show.no_attendees",
        "Belum ada peserta dicatat.",
        "No attendees recorded yet.",
    ),
    (
        "meetings.show.no_followups",
        "Belum ada tindak lanjut dicatat.",
        "No follow-ups recorded yet.",
    ),
    (
        "meetings.show.owner",
        "Pemilik (lembaga)",
        "Owner (institution)",
    ),
    (
        "meetings.show.owner_person",
        "Penanggung jawab (tidak wajib)",
        "Person responsible (optional)",
    ),
    ("meetings.show.photos", "Dokumentasi", "Photos"),
    ("meetings.show.priority", "Prioritas", "Priority"),
    ("meetings.show.report", "Laporan (cetak)", "Report (print)"),
    ("meetings.show.response", "tanggapan", "response"),
    ("meetings.show.rows", "baris", "rows"),
    (
        "meetings.show.save_followup",
        "Simpan tindak lanjut",
        "Save follow-up",
    ),
    ("meetings.show.stage", "tahap", "stage"),
    (
        "meetings.show.to",
        "Bila pemiliknya Polri: dijanjikan kepada (yang memverifikasi)",
        "If the owner is the police: promised to (the one who verifies)",
    ),
    (
        "meetings.show.unanswered",
        "belum ditanggapi",
        "no response yet",
    ),
    ("meetings.show.upload", "Unggah", "Upload"),
    (
        "meetings.show.what",
        "Apa yang dijanjikan",
        "What was promised",
    ),
    ("nav.admin", "Admin", "Admin"),
    ("nav.dashboard", "Dasbor", "Dashboard"),
    ("nav.directory", "Direktori", "Directory"),
    ("nav.followups", "Tindak lanjut", "Follow-ups"),
    ("nav.meetings", "Pertemuan", "Meetings"),
    ("nav.mine", "Pertemuan saya", "My meetings"),
    ("nav.privacy", "Privasi", "Privacy"),
    (
        "privacy.basis",
        "Dasar pemrosesan adalah pelaksanaan tugas dan kewenangan Polri memelihara keamanan dan ketertiban masyarakat (UU 2/2002), termasuk pengamanan tahapan pemilu. Data hanya dipakai untuk koordinasi, konfirmasi kehadiran dan tindak lanjut pertemuan.",
        "The data is processed to carry out the duty and authority of the Indonesian National Police to maintain public security and order (Law 2/2002), including securing the stages of elections. It is used only for coordination, attendance confirmation and meeting follow-ups.",
    ),
    (
        "privacy.basis.h",
        "Dasar dan tujuan",
        "Legal basis and purpose",
    ),
    (
        "privacy.intro",
        "Sinergi dikelola oleh satuan Polri pengguna untuk mencatat pertemuan koordinasi keamanan pemilu. Pemberitahuan ini disusun sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP).",
        "Sinergi is operated by the police units that use it, to record election-security coordination meetings. This notice follows Law No. 27 of 2022 on Personal Data Protection (UU PDP).",
    ),
    (
        "privacy.retention",
        "Data pertemuan disimpan selama lima tahun setelah hari pemungutan suara pemilu terkait, kemudian dihapus atau dianonimkan. Catatan audit disimpan dengan jangka waktu yang sama.",
        "Meeting data is kept for five years after the polling day of the election concerned, then deleted or anonymised. The audit log is kept for the same period.",
    ),
    ("privacy.retention.h", "Berapa lama", "How long"),
    (
        "privacy.rights",
        "Anda dapat meminta akses, perbaikan, atau penghapusan data diri Anda kepada satuan Polri yang mencatat pertemuan. Bila terjadi kegagalan pelindungan data, satuan pengelola memberi tahu pihak yang terdampak paling lambat 3 × 24 jam.",
        "You can ask the police unit that recorded the meeting for access to, correction of, or deletion of your personal data. If a data protection failure occurs, the unit in charge informs those affected within 3 × 24 hours.",
    ),
    ("privacy.rights.h", "Hak Anda", "Your rights"),
    (
        "privacy.stored.account",
        "Akun: nama, jabatan, pangkat, nomor telepon (tidak wajib), peran dan satuan/lembaga.",
        "Accounts: name, position, rank, phone number (optional), role and unit/institution.",
    ),
    (
        "privacy.stored.attendees",
        "Peserta pertemuan: nama, jabatan, lembaga, nomor telepon (tidak wajib), dan status kehadiran.",
        "Meeting attendees: name, position, institution, phone number (optional) and attendance status.",
    ),
    ("privacy.stored.h", "Data yang disimpan", "What is stored"),
    (
        "privacy.stored.meetings",
        "Isi pertemuan: waktu, tempat, topik, notulen, foto dokumentasi, dan tindak lanjut.",
        "Meeting content: time, place, topics, minutes, photos and follow-ups.",
    ),
    (
        "privacy.stored.security",
        "Catatan keamanan: waktu, jenis perubahan, dan sidik (hash) alamat IP yang diberi garam — bukan alamat IP aslinya.",
        "Security log: time, kind of change, and a salted hash of the IP address — not the IP address itself.",
    ),
    ("privacy.title", "Pemberitahuan privasi", "Privacy notice"),
    (
        "privacy.who.bodies",
        "Penyelenggara pemilu hanya melihat pertemuan yang melibatkan lembaganya.",
        "Election officials see only the meetings that involve their own institution.",
    ),
    (
        "privacy.who.h",
        "Siapa yang dapat melihat",
        "Who can see it",
    ),
    (
        "privacy.who.phones",
        "Nomor telepon disamarkan pada daftar.",
        "Phone numbers are masked in lists.",
    ),
    (
        "privacy.who.police",
        "Petugas dan pimpinan satuan penyelenggara pertemuan, serta satuan atasnya (Polres, Polda).",
        "Officers and commanders of the unit that held the meeting, and the units above it (Polres, Polda).",
    ),
    ("search.go", "Cari", "Search"),
    ("tz.zone", "Zona waktu", "Time zone"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_keys_are_unique() {
        for w in STRINGS.windows(2) {
            assert!(
                w[0].0 < w[1].0,
                "{:?} must come before {:?}",
                w[1].0,
                w[0].0
            );
        }
    }

    #[test]
    fn both_languages_are_filled_in() {
        for (k, id, en) in STRINGS {
            assert!(!id.is_empty() && !en.is_empty(), "{k}");
            assert_eq!(id.matches("{}").count(), en.matches("{}").count(), "{k}");
        }
    }

    #[test]
    fn lookup_and_format() {
        assert_eq!(Lang::Id.s("auth.login"), "Masuk");
        assert_eq!(Lang::En.s("auth.login"), "Log in");
        assert_eq!(Lang::En.s("no.such.key"), "⟨?⟩");
        assert_eq!(Lang::Id.f("commit.overdue", 3), "terlambat 3 hari");
        assert_eq!(Lang::En.f("commit.overdue", 3), "3 days overdue");
    }

    #[test]
    fn messages_are_sorted_unique_and_keep_their_values() {
        for w in messages::MESSAGES.windows(2) {
            assert!(
                w[0].0 < w[1].0,
                "{:?} must come before {:?}",
                w[1].0,
                w[0].0
            );
        }
        for (id, en) in messages::MESSAGES {
            assert!(!en.is_empty(), "{id}");
            assert_eq!(id.matches("{}").count(), en.matches("{}").count(), "{id}");
        }
    }

    #[test]
    fn messages_built_in_rust_read_in_english_with_their_values() {
        assert_eq!(Lang::En.m("Wajib diisi."), "Required.");
        assert_eq!(
            Lang::En.m("Judul terlalu panjang: 300 karakter, paling banyak 200."),
            "Title is too long: 300 characters, at most 200."
        );
        assert_eq!(
            Lang::En.m("Status \"open\" tidak dapat diubah menjadi \"verified\"."),
            "Status \"open\" cannot become \"verified\"."
        );
        assert_eq!(
            Lang::En.m("Tanggal awal \"27-11\" tidak valid: tulis seperti 2024-11-27."),
            "Invalid start date \"27-11\": write it like 2024-11-27."
        );
        assert_eq!(Lang::En.m("Pesan yang belum ada."), "Pesan yang belum ada.");
        assert_eq!(Lang::Id.m("Wajib diisi."), "Wajib diisi.");
    }

    #[tokio::test]
    async fn the_current_language_is_the_requests_and_indonesian_outside_one() {
        assert_eq!(current(), Lang::Id);
        assert_eq!(scope(Lang::En, async { current() }).await, Lang::En);
    }

    /// Every message a form adds as a literal (`….add(field, "…")`) has its English.
    #[test]
    fn form_messages_have_english() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut missing = Vec::new();
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in text.lines().filter(|l| l.contains(".add(")) {
                let Some(start) = line.find(", \"").map(|i| i + 3) else {
                    continue;
                };
                let Some(len) = line[start..].find('"') else {
                    continue;
                };
                let lit = &line[start..start + len];
                if !lit.ends_with('.') {
                    continue;
                }
                // format! arguments such as {label} or {n} become sample values.
                let mut sample = String::new();
                let mut in_arg = false;
                for c in lit.chars() {
                    match c {
                        '{' => in_arg = true,
                        '}' if in_arg => {
                            in_arg = false;
                            sample.push_str("Judul");
                        }
                        _ if in_arg => {}
                        _ => sample.push(c),
                    }
                }
                seen += 1;
                if Lang::En.m(&sample) == sample {
                    missing.push(format!("{}: {lit}", f.display()));
                }
            }
        }
        assert!(seen >= 30, "the scan finds the form messages ({seen})");
        assert!(
            missing.is_empty(),
            "no English for:\n{}",
            missing.join("\n")
        );
    }

    /// Every literal phrase a template translates (`ctx.t.m("…")`) has its English.
    #[test]
    fn template_phrases_have_english() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/dashboard");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for part in text.split("ctx.t.m(\"").skip(1) {
                let phrase = &part[..part.find('"').unwrap()];
                seen += 1;
                assert_ne!(Lang::En.m(phrase), phrase, "no English for {phrase:?}");
            }
        }
        assert!(seen >= 50, "the dashboard's phrases are found ({seen})");
    }

    /// Every literal key a template asks for exists in the table.
    #[test]
    fn templates_use_known_keys() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
            &mut files,
        );
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for pat in ["t.s(\"", "t.f(\""] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    assert!(
                        STRINGS.binary_search_by(|(k, _, _)| (*k).cmp(key)).is_ok(),
                        "{}: unknown key {key:?}",
                        f.display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 100, "only {seen} keys found in templates");
    }
}
