//! Messages built in Rust (validation, notices, error pages), keyed by their Indonesian text.
//! `{}` stands for a value (a number, a name, a date); a value that is itself a label here (a
//! field name such as "Judul") is translated too. Lookups fall back to the Indonesian text, so a
//! message missing here still reads correctly in Indonesian. Sorted by the Indonesian text (a test
//! checks it).

pub static MESSAGES: &[(&str, &str)] = &[
    (
        "3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung; diawali huruf atau angka.",
        "3–64 characters: lower-case letters, digits, dot, underscore or hyphen; starting with a letter or digit.",
    ),
    (
        "Admin bertugas di tingkat Polda: pilih Polda.",
        "An administrator works at Polda level: choose a Polda.",
    ),
    ("Akses ditolak", "Access denied"),
    (
        "Akun Anda sendiri hanya dapat dinonaktifkan oleh admin lain.",
        "Only another administrator can deactivate your own account.",
    ),
    (
        "Akun Anda tidak berwenang membuka atau mengubah data ini.",
        "Your account may not open or change this data.",
    ),
    ("Akun diaktifkan kembali.", "Account reactivated."),
    (
        "Akun dibuat. Sampaikan nama pengguna dan kata sandi awal langsung kepada pemiliknya.",
        "Account created. Give the username and first password to its owner in person.",
    ),
    (
        "Akun dinonaktifkan. Sesi akun ini yang sedang berjalan berakhir.",
        "Account deactivated. Its running sessions have ended.",
    ),
    (
        "Akun ini sudah dinonaktifkan. Hubungi admin satuan Anda.",
        "This account has been deactivated. Contact your unit's administrator.",
    ),
    ("Alamat", "Address"),
    (
        "Alamat ini tidak ada, atau bukan bagian dari wilayah tugas Anda.",
        "This address does not exist, or is outside your area.",
    ),
    (
        "Alamat ini tidak menerima permintaan seperti itu.",
        "This address does not accept that kind of request.",
    ),
    ("Alasan pembatalan", "Reason for cancelling"),
    (
        "Baris peserta ini bukan milik pertemuan ini.",
        "This attendee line does not belong to this meeting.",
    ),
    ("Batas nihil", "Silence threshold"),
    (
        "Belum ada pemilu yang tercatat.",
        "No election has been recorded yet.",
    ),
    (
        "Belum ada satuan Polri yang tercatat.",
        "No police unit has been recorded yet.",
    ),
    (
        "Berkas atau isian terlalu besar (paling besar 12 MB per kiriman; foto 10 MB).",
        "File or form too large (at most 12 MB per submission; photos 10 MB).",
    ),
    (
        "Berkas ini bukan foto JPEG, PNG atau WebP.",
        "This file is not a JPEG, PNG or WebP photo.",
    ),
    ("Biasa", "Normal"),
    ("Cara akses tidak didukung", "Method not supported"),
    (
        "Catatan paling banyak 2000 karakter, alasan 1000.",
        "Notes at most 2000 characters, reasons 1000.",
    ),
    (
        "Catatan terlalu panjang: paling banyak 2000 karakter.",
        "Note too long: at most 2000 characters.",
    ),
    ("Catatan tidak sesuai", "The record is not right"),
    (
        "Data ini tidak ada, atau bukan bagian dari wilayah tugas Anda.",
        "This record does not exist, or is outside your area.",
    ),
    ("Data sudah berubah", "The data has changed"),
    ("Dibatalkan", "Cancelled"),
    ("Dikerjakan", "In progress"),
    ("Dilaporkan", "Reported"),
    ("Direncanakan", "Planned"),
    ("Diundang", "Invited"),
    ("Durasi 5 sampai 1440 menit.", "Duration 5 to 1440 minutes."),
    (
        "Formulir ini tampaknya dikirim dari situs lain. Muat ulang halaman Sinergi lalu coba lagi.",
        "This form seems to have been sent from another site. Reload the Sinergi page and try again.",
    ),
    (
        "Formulir sudah kedaluwarsa. Silakan coba lagi.",
        "The form has expired. Please try again.",
    ),
    (
        "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi.",
        "The form is incomplete. Reload the page and try again.",
    ),
    (
        "Foto terlalu besar: paling besar 10 MB.",
        "Photo too large: at most 10 MB.",
    ),
    (
        "Foto tidak dapat dibaca (rusak atau terlalu besar ukurannya).",
        "The photo cannot be read (damaged or too large in pixels).",
    ),
    (
        "Ganti kata sandi Anda sendiri lewat halaman Ganti kata sandi.",
        "Change your own password on the Change password page.",
    ),
    ("Hadir", "Present"),
    ("Halaman tidak ditemukan", "Page not found"),
    (
        "Hanya admin nasional yang dapat menetapkan admin nasional. Pilih Polda.",
        "Only a national administrator can appoint a national administrator. Choose a Polda.",
    ),
    ("Hasil", "Outcome"),
    (
        "H{} terlalu jauh dari hari pemungutan suara (paling jauh 365 hari).",
        "H{} is too far from voting day (at most 365 days).",
    ),
    (
        "Isi kode wilayah, mis. 14.05.01.",
        "Enter a region code, e.g. 14.05.01.",
    ),
    ("Isi nama pengguna.", "Enter a username."),
    (
        "Isi nomor lembaga untuk penyelenggara pemilu.",
        "Enter the institution number for an election official.",
    ),
    (
        "Isian formulir tidak dapat dibaca.",
        "The form cannot be read.",
    ),
    (
        "Isian formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.",
        "The form cannot be read. Reload the page and try again.",
    ),
    ("Jabatan", "Position"),
    (
        "Jam tidak valid (contoh 19:30).",
        "Invalid time (e.g. 19:30).",
    ),
    (
        "Jam tidak valid di zona waktu tempat ini.",
        "This time does not exist in the place's time zone.",
    ),
    ("Jatuh tempo dalam 0–365 hari.", "Due within 0–365 days."),
    ("Jendela cakupan", "Coverage window"),
    ("Jenis kegiatan tidak dikenal.", "Unknown activity type."),
    ("Jenis kiriman tidak didukung", "Content type not supported"),
    ("Judul", "Title"),
    ("Jumlah anggota 0 sampai 10000.", "Members 0 to 10000."),
    (
        "Kata sandi direset. Sesi akun ini yang sedang berjalan berakhir.",
        "Password reset. The account's running sessions have ended.",
    ),
    (
        "Kata sandi maksimal 200 karakter.",
        "Password at most 200 characters.",
    ),
    (
        "Kata sandi minimal 10 karakter.",
        "Password at least 10 characters.",
    ),
    (
        "Kata sandi saat ini salah.",
        "The current password is wrong.",
    ),
    (
        "Keadaan \"{}\" tidak dikenal: pilih terbuka, terlambat atau eskalasi.",
        "Unknown state \"{}\": choose open, overdue or escalated.",
    ),
    ("Kiriman terlalu besar", "Submission too large"),
    (
        "Kode kecamatan tidak dikenal (contoh 14.05.10).",
        "Unknown kecamatan code (e.g. 14.05.10).",
    ),
    ("Kode wilayah tidak ditemukan.", "Region code not found."),
    (
        "Koordinat di luar wilayah Indonesia.",
        "Coordinates outside Indonesia.",
    ),
    (
        "Lembaga dengan jenis, wilayah dan nama ini sudah ada.",
        "An institution of this kind, region and name already exists.",
    ),
    ("Lembaga ditambahkan.", "Institution added."),
    (
        "Lembaga ini berada di provinsi lain.",
        "This institution is in another province.",
    ),
    (
        "Lembaga jenis ini sudah ada untuk wilayah tersebut.",
        "An institution of this kind already exists for that region.",
    ),
    ("Lembaga tidak dikenal.", "Unknown institution."),
    (
        "Maaf, sistem gagal memproses permintaan ini. Sebutkan nomor referensi di bawah bila melapor.",
        "Sorry, the system failed to process this request. Quote the reference below when reporting it.",
    ),
    ("Maksimal {} karakter.", "At most {} characters."),
    ("Maksud dan tujuan", "Purpose"),
    ("Masa berlaku 1 sampai 60 hari.", "Valid for 1 to 60 days."),
    (
        "Masih ada sanggahan peserta yang belum ditanggapi secara tertulis. Tanggapi dulu di halaman konfirmasi.",
        "An attendee's dispute still has no written response. Respond on the confirmation page first.",
    ),
    ("Mewakili", "Representing"),
    ("Minimal {} karakter.", "At least {} characters."),
    (
        "Muat ulang halaman lalu coba lagi.",
        "Reload the page and try again.",
    ),
    (
        "Muat ulang halaman lalu kirim formulirnya lagi.",
        "Reload the page and send the form again.",
    ),
    ("Nama", "Name"),
    (
        "Nama paling banyak 120 karakter, jabatan 160 karakter.",
        "Name at most 120 characters, position 160.",
    ),
    (
        "Nama paling banyak 120 karakter.",
        "Name at most 120 characters.",
    ),
    (
        "Nama pengguna atau kata sandi salah.",
        "Wrong username or password.",
    ),
    (
        "Nama pengguna ini sudah dipakai. Pilih yang lain.",
        "This username is taken. Choose another.",
    ),
    ("Nama satuan ini sudah dipakai.", "This unit name is taken."),
    ("Nama tempat", "Venue"),
    (
        "Nomor lembaga berupa angka.",
        "The institution number is a number.",
    ),
    (
        "Nomor telepon tidak valid (contoh 0812-3456-7890).",
        "Invalid phone number (e.g. 0812-3456-7890).",
    ),
    (
        "Nomor telepon tidak valid (contoh: 0812 3456 7890 atau +62812…).",
        "Invalid phone number (e.g. 0812 3456 7890 or +62812…).",
    ),
    ("Notulen", "Minutes"),
    ("Pangkat", "Rank"),
    (
        "Parameter alamat tidak valid.",
        "Invalid address parameters.",
    ),
    ("Pemilihan tidak dikenal.", "Unknown election."),
    (
        "Pemilu \"{}\" tidak dikenal. Pilih salah satu: {}.",
        "Unknown election \"{}\". Choose one of: {}.",
    ),
    (
        "Peran akun Anda sendiri hanya dapat diubah oleh admin lain.",
        "Only another administrator can change your own account's role.",
    ),
    (
        "Peran dan penempatan disimpan.",
        "Role and placement saved.",
    ),
    (
        "Periode paling panjang {} hari; perpendek rentang tanggalnya.",
        "The period is at most {} days; shorten the date range.",
    ),
    ("Permintaan ditolak", "Request refused"),
    (
        "Permintaan tidak dapat diproses",
        "The request cannot be processed",
    ),
    ("Permintaan tidak valid", "Invalid request"),
    (
        "Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.",
        "This meeting is closed; the answer can no longer be changed.",
    ),
    (
        "Pertemuan ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih di bawah; bandingkan dengan data terbaru lalu simpan lagi.",
        "Someone else changed this meeting since you opened it. Your input is still below; compare it with the latest data and save again.",
    ),
    (
        "Pertemuan ini tidak terkait pemilihan; tulis tenggat sebagai tanggal.",
        "This meeting is not tied to an election; write the due date as a date.",
    ),
    ("Perubahan disimpan.", "Changes saved."),
    (
        "Pilih Polda atau Polres induk dari daftar.",
        "Choose the parent Polda or Polres from the list.",
    ),
    (
        "Pilih foto yang akan diunggah.",
        "Choose a photo to upload.",
    ),
    (
        "Pilih jenis lembaga baru.",
        "Choose the new institution's kind.",
    ),
    (
        "Pilih jenis lembaga dari daftar.",
        "Choose an institution kind from the list.",
    ),
    ("Pilih jenis satuan.", "Choose the unit kind."),
    (
        "Pilih kabupaten/kota atau kecamatan, bukan provinsi atau desa.",
        "Choose a regency/city or a kecamatan, not a province or village.",
    ),
    (
        "Pilih kecamatan tempat kegiatan.",
        "Choose the kecamatan of the venue.",
    ),
    (
        "Pilih lembaga dari daftar, atau tulis nama lembaga baru (2–200 karakter).",
        "Choose an institution from the list, or write a new institution's name (2–200 characters).",
    ),
    (
        "Pilih lembaga pemilik tindak lanjut.",
        "Choose the institution that owns this follow-up.",
    ),
    (
        "Pilih lembaga yang hadir di pertemuan ini.",
        "Choose an institution present at this meeting.",
    ),
    ("Pilih peran.", "Choose a role."),
    ("Pilih salah satu jawaban.", "Choose one answer."),
    ("Pilih salah satu: {}.", "Choose one of: {}."),
    ("Pilih satuan dari daftar.", "Choose a unit from the list."),
    (
        "Pilih satuan penyelenggara dari daftar.",
        "Choose the host unit from the list.",
    ),
    (
        "Pilih satuan untuk peran ini.",
        "Choose a unit for this role.",
    ),
    (
        "Pilih sedikitnya satu jenis kegiatan.",
        "Choose at least one activity type.",
    ),
    ("Pilihan tidak dikenal.", "Unknown choice."),
    ("Prioritas tidak dikenal.", "Unknown priority."),
    ("Rendah", "Low"),
    (
        "Satuan \"{}\" tidak dikenal: pilih satuan dari dasbor.",
        "Unknown unit \"{}\": choose a unit from the dashboard.",
    ),
    ("Satuan anak tidak dikenal.", "Unknown child unit."),
    (
        "Satuan dibuat. Petakan wilayah hukumnya di bawah.",
        "Unit created. Map its area below.",
    ),
    (
        "Satuan ini tidak ada atau di luar wilayah tugas Anda. Buka dasbor satuan Anda sendiri atau satuan di bawahnya.",
        "This unit does not exist or is outside your area. Open your own unit's dashboard or one below it.",
    ),
    (
        "Satuan tidak ditemukan di wilayah Anda. Pilih dari daftar.",
        "Unit not found in your area. Choose from the list.",
    ),
    ("Saya hadir", "I attended"),
    ("Saya tidak hadir", "I did not attend"),
    (
        "Selesai (menunggu verifikasi)",
        "Done (awaiting verification)",
    ),
    (
        "Server terlalu lama menjawab. Coba lagi sebentar lagi.",
        "The server took too long to answer. Try again in a moment.",
    ),
    ("Silakan masuk", "Please sign in"),
    (
        "Status \"{}\" tidak dapat diubah menjadi \"{}\".",
        "Status \"{}\" cannot become \"{}\".",
    ),
    ("Status akun tidak dikenal.", "Unknown account status."),
    ("Status kehadiran tidak dikenal.", "Unknown attendance."),
    ("Status tidak dikenal.", "Unknown status."),
    (
        "Tabel \"{}\" tidak ada. Pilih salah satu: {}.",
        "There is no table \"{}\". Choose one of: {}.",
    ),
    (
        "Tahun harus antara 2000 dan 2100.",
        "The year must be between 2000 and 2100.",
    ),
    (
        "Tampilan \"{}\" tidak dikenal: pilih semua atau celah.",
        "Unknown view \"{}\": choose all or gaps.",
    ),
    (
        "Tanggal akhir sebelum tanggal awal.",
        "The end date is before the start date.",
    ),
    (
        "Tanggal awal ({}) sesudah tanggal akhir ({}): tukar keduanya atau kosongkan salah satu.",
        "The start date ({}) is after the end date ({}): swap them or clear one.",
    ),
    (
        "Tanggal tidak valid (contoh 2024-11-20).",
        "Invalid date (e.g. 2024-11-20).",
    ),
    (
        "Tanggal {} \"{}\" tidak valid: tulis seperti 2024-11-27.",
        "Invalid {} date \"{}\": write it like 2024-11-27.",
    ),
    (
        "Tanggapan wajib diisi, paling banyak 2000 karakter.",
        "A response is required, at most 2000 characters.",
    ),
    (
        "Tenggat tidak boleh sebelum tanggal pertemuan.",
        "The due date cannot be before the meeting.",
    ),
    ("Terbuka", "Open"),
    ("Terjadi kesalahan", "Something went wrong"),
    ("Terlaksana", "Held"),
    ("Terlalu banyak percobaan", "Too many attempts"),
    (
        "Terlalu panjang: {} karakter, paling banyak 1000.",
        "Too long: {} characters, at most 1000.",
    ),
    ("Terverifikasi", "Verified"),
    (
        "Tidak ada lembaga dengan nomor ini di wilayah Anda.",
        "No institution with this number in your area.",
    ),
    ("Tidak ada yang cocok.", "Nothing matches."),
    ("Tidak hadir", "Absent"),
    (
        "Tindak lanjut ini sudah diubah orang lain. Catatan Anda masih di bawah; periksa status terbaru lalu kirim lagi.",
        "Someone else changed this follow-up. Your note is still below; check the latest status and send again.",
    ),
    ("Tindakan tidak dikenal.", "Unknown action."),
    ("Tinggi", "High"),
    ("Topik tidak dikenal.", "Unknown topic."),
    (
        "Tulis tenggat sebagai tanggal (2024-11-24) atau H-3 / H+1.",
        "Write the due date as a date (2024-11-24) or H-3 / H+1.",
    ),
    (
        "Tuliskan alasan pembatalan.",
        "Write the reason for dropping it.",
    ),
    (
        "Tuliskan apa yang dijanjikan (minimal 3 karakter).",
        "Write what was promised (at least 3 characters).",
    ),
    (
        "Tuliskan bagian mana yang tidak sesuai.",
        "Write which part is not right.",
    ),
    ("Tuliskan catatannya.", "Write the note."),
    (
        "Tunggu satu menit, lalu coba lagi.",
        "Wait a minute, then try again.",
    ),
    (
        "Ulangan kata sandi baru tidak sama.",
        "The repeated new password does not match.",
    ),
    ("Wajib diisi.", "Required."),
    ("Waktu habis", "Timed out"),
    ("Wilayah hukum diperbarui.", "Area updated."),
    (
        "Wilayah ini di luar provinsi Polda satuan ini.",
        "This region is outside the province of this unit's Polda.",
    ),
    (
        "Wilayah ini sudah dipetakan ke satuan ini.",
        "This region is already mapped to this unit.",
    ),
    ("akhir", "end"),
    ("aktif", "active"),
    ("awal", "start"),
    ("belum dikonfirmasi", "not yet confirmed"),
    ("dibantah", "disputed"),
    ("dicabut", "revoked"),
    (
        "dikonfirmasi {} dari {} lembaga",
        "{} of {} institutions confirmed",
    ),
    ("hadir", "present"),
    ("kedaluwarsa", "expired"),
    ("membuat tautan konfirmasi", "created a confirmation link"),
    ("menambah foto", "added a photo"),
    ("menanggapi sanggahan", "responded to a dispute"),
    ("mencabut tautan konfirmasi", "revoked a confirmation link"),
    ("mencatat pertemuan", "recorded the meeting"),
    ("menghapus foto", "deleted a photo"),
    ("mengubah", "changed"),
    ("mengubah pertemuan", "changed the meeting"),
    (
        "menjawab konfirmasi kehadiran",
        "answered the attendance confirmation",
    ),
    ("tidak hadir", "absent"),
    (
        "{} di luar wilayah Polda Anda.",
        "{} is outside your Polda's area.",
    ),
    (
        "{} harus salah satu dari {} hari (bukan \"{}\").",
        "{} must be one of {} days (not \"{}\").",
    ),
    ("{} minimal {} karakter.", "{}: at least {} characters."),
    (
        "{} terlalu panjang: {} karakter, paling banyak {}.",
        "{} is too long: {} characters, at most {}.",
    ),
    ("{} wajib diisi.", "{} is required."),
];
