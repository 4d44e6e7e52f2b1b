-- Meetings: who met whom, where, when (stored as timestamptz, shown in the place's zone), about
-- what, and the photos that document it.

create table meeting_type (
    code text primary key,
    label text not null,
    sort int not null
);
insert into meeting_type (code, label, sort) values
    ('ngopi_bareng', 'Ngopi Bareng / Coffee Morning', 1),
    ('cooling_system', 'Cooling System', 2),
    ('rakor', 'Rapat Koordinasi (Rakor)', 3),
    ('deklarasi_damai', 'Deklarasi Kampanye Damai', 4),
    ('doa_bersama', 'Doa Bersama', 5),
    ('apel_kesiapan', 'Apel Kesiapan', 6),
    ('silaturahmi', 'Silaturahmi / Sambang', 7),
    ('patroli_dialogis', 'Patroli Dialogis', 8),
    ('jumat_curhat', 'Jumat Curhat', 9),
    ('sosialisasi', 'Sosialisasi', 10),
    ('lainnya', 'Lainnya', 99);

create table topic (
    code text primary key,
    label text not null,
    sort int not null
);
insert into topic (code, label, sort) values
    ('pam_tps', 'Pengamanan TPS', 1),
    ('gudang_logistik', 'Keamanan gudang logistik', 2),
    ('distribusi_logistik', 'Distribusi logistik', 3),
    ('patroli', 'Patroli', 4),
    ('hoaks', 'Hoaks', 5),
    ('sara', 'SARA', 6),
    ('politik_uang', 'Politik uang', 7),
    ('netralitas', 'Netralitas', 8),
    ('kampanye', 'Jadwal dan lokasi kampanye', 9),
    ('potensi_konflik', 'Potensi konflik', 10),
    ('lainnya', 'Lainnya', 99);

create table meeting (
    id bigserial primary key,
    host_unit_id bigint not null references police_unit (id),
    -- the host's path (ancestors and itself): "visible to unit U" is `unit_path @> array[U]`
    unit_path bigint[] not null,
    polda_id bigint references police_unit (id),
    polres_id bigint references police_unit (id),
    title text not null check (length(title) between 3 and 200),
    purpose text not null default '' check (length(purpose) <= 2000),
    starts_at timestamptz not null,
    duration_minutes int not null default 120 check (duration_minutes between 5 and 1440),
    district_code text not null references region (code),
    venue_name text not null check (length(venue_name) between 2 and 200),
    venue_address text not null default '' check (length(venue_address) <= 500),
    latitude double precision check (latitude between -12 and 7),
    longitude double precision check (longitude between 94 and 142),
    election_id bigint references election (id),
    stage_id bigint references election_stage (id),
    minutes text not null default '' check (length(minutes) <= 20000),
    outcome text not null default '' check (length(outcome) <= 5000),
    status text not null default 'held' check (status in ('planned', 'held', 'reported', 'cancelled')),
    cancel_reason text not null default '' check (length(cancel_reason) <= 1000),
    version int not null default 1,
    idempotency_key text unique check (length(idempotency_key) <= 64),
    created_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    search tsvector generated always as (
        to_tsvector('indonesian', title || ' ' || purpose || ' ' || venue_name || ' ' || minutes || ' ' || outcome)) stored,
    check ((latitude is null) = (longitude is null)),
    check (status <> 'cancelled' or length(cancel_reason) > 0),
    check (stage_id is null or election_id is not null)
);
create index meeting_unit_path on meeting using gin (unit_path);
create index meeting_starts on meeting (starts_at desc, id desc);
create index meeting_host_starts on meeting (host_unit_id, starts_at desc, id desc);
create index meeting_polres_starts on meeting (polres_id, starts_at desc, id desc);
create index meeting_polda_starts on meeting (polda_id, starts_at desc, id desc);
create index meeting_district on meeting (district_code, starts_at desc);
create index meeting_election on meeting (election_id, stage_id);
create index meeting_search on meeting using gin (search);

create table meeting_meeting_type (
    meeting_id bigint not null references meeting (id) on delete cascade,
    type_code text not null references meeting_type (code),
    primary key (meeting_id, type_code)
);
create index meeting_meeting_type_code on meeting_meeting_type (type_code, meeting_id);

create table meeting_topic (
    meeting_id bigint not null references meeting (id) on delete cascade,
    topic_code text not null references topic (code),
    primary key (meeting_id, topic_code)
);
create index meeting_topic_code on meeting_topic (topic_code, meeting_id);

-- Institutions first, people second: "Ketua PPK … beserta anggota" is one person plus a count.
create table attendee (
    id bigserial primary key,
    meeting_id bigint not null references meeting (id) on delete cascade,
    institution_id bigint not null references institution (id),
    person_name text not null default '' check (length(person_name) <= 120),
    position text not null default '' check (length(position) <= 160),
    rank text not null default '' check (length(rank) <= 40),
    members int not null default 0 check (members between 0 and 10000),
    -- whom this person stands in for: "Bupati Ketapang" (diwakili …)
    represents text not null default '' check (length(represents) <= 160),
    phone text check (phone ~ '^\+?[0-9 -]{6,20}$'),
    attendance text not null default 'present' check (attendance in ('invited', 'present', 'absent')),
    sort int not null default 0
);
create index attendee_meeting on attendee (meeting_id, sort);
create index attendee_institution on attendee (institution_id, meeting_id);

-- Photos live in PostgreSQL, so one pg_dump backs up everything.
create table photo (
    id bigserial primary key,
    meeting_id bigint not null references meeting (id) on delete cascade,
    caption text not null default '' check (length(caption) <= 300),
    width int not null,
    height int not null,
    image bytea not null,
    thumb bytea not null,
    sha256 text not null,
    uploaded_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    unique (meeting_id, sha256)
);
create index photo_meeting on photo (meeting_id, id);
