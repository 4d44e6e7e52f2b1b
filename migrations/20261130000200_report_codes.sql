-- Verifiable printed report (issue #13, item 14): each printed Laporan Hasil Kegiatan carries a
-- random code; /verifikasi/<code> compares the SHA-256 of what it printed with the report now.
-- title, starts_at and tz are kept as printed, so the page never shows a later value.
create table report_code (
    code text primary key,
    meeting_id bigint not null references meeting(id) on delete cascade,
    meeting_version int not null,
    content_hash text not null,
    title text not null,
    starts_at timestamptz not null,
    tz text not null,
    issued_at timestamptz not null default now(),
    issued_by bigint references app_user(id),
    unique (meeting_id, meeting_version, content_hash)
);
