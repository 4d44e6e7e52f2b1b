-- Foundation: regions (Kemendagri codes), police units, institutions and elections.

create extension if not exists pg_trgm;
create extension if not exists btree_gist;

-- One table for all four levels so that units, institutions and meetings can point at any of them.
create table region (
    code text primary key,
    parent_code text references region (code),
    level text not null check (level in ('province', 'regency', 'district', 'village')),
    name text not null check (length(name) between 1 and 200),
    -- IANA zone and its Indonesian abbreviation, from the province code (Keppres 41/1987)
    tz text not null check (tz in ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')),
    tz_abbr text not null check (tz_abbr in ('WIB', 'WITA', 'WIT')),
    check (
        (level = 'province' and parent_code is null and code ~ '^\d{2}$')
        or (level = 'regency' and code ~ '^\d{2}\.\d{2}$' and parent_code = left(code, 2))
        or (level = 'district' and code ~ '^\d{2}\.\d{2}\.\d{2}$' and parent_code = left(code, 5))
        or (level = 'village' and code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$' and parent_code = left(code, 8))
    )
);
create index region_parent on region (parent_code, name);
create index region_name_trgm on region using gin (name gin_trgm_ops) where level <> 'village';

-- Police units: Mabes › Polda › Polres › Polsek. The ancestors are kept in columns so that
-- "this unit's subtree" is a plain equality on an indexed column.
create table police_unit (
    id bigserial primary key,
    kind text not null check (kind in (
        'mabes', 'polda', 'polres', 'polresta', 'polrestabes', 'polres_metro', 'polsek', 'polsekta', 'polsubsektor')),
    level text not null generated always as (
        case
            when kind = 'mabes' then 'mabes'
            when kind = 'polda' then 'polda'
            when kind in ('polres', 'polresta', 'polrestabes', 'polres_metro') then 'polres'
            else 'polsek'
        end) stored,
    name text not null unique check (length(name) between 3 and 200),
    parent_id bigint references police_unit (id),
    polda_id bigint references police_unit (id),
    polres_id bigint references police_unit (id),
    -- the province whose zone the unit's own times are shown in
    province_code text references region (code),
    address text not null default '',
    created_at timestamptz not null default now(),
    check ((kind = 'mabes') = (parent_id is null)),
    check (kind <> 'polda' or (polda_id is null and polres_id is null)),
    check (level <> 'polres' or (polda_id = parent_id and polres_id is null)),
    check (level <> 'polsek' or (polres_id = parent_id and polda_id is not null))
);
create index police_unit_parent on police_unit (parent_id);
create index police_unit_polda on police_unit (polda_id);
create index police_unit_polres on police_unit (polres_id);
create index police_unit_name_trgm on police_unit using gin (name gin_trgm_ops);

-- Wilayah hukum: which regencies/districts a unit covers (not one-to-one with administration).
create table unit_region (
    unit_id bigint not null references police_unit (id) on delete cascade,
    region_code text not null references region (code),
    primary key (unit_id, region_code)
);
create index unit_region_region on unit_region (region_code);

-- Kinds of institution are data: the election bodies, TNI, local government, parties and the rest.
create table institution_kind (
    code text primary key,
    label text not null,
    category text not null check (category in ('polri', 'penyelenggara', 'tni', 'pemda', 'forum', 'hukum', 'politik', 'masyarakat')),
    sort int not null default 100
);

insert into institution_kind (code, label, category, sort) values
    ('polri', 'Polri', 'polri', 1),
    ('kpu', 'KPU', 'penyelenggara', 10),
    ('ppk', 'PPK', 'penyelenggara', 11),
    ('pps', 'PPS', 'penyelenggara', 12),
    ('bawaslu', 'Bawaslu', 'penyelenggara', 13),
    ('panwascam', 'Panwaslu Kecamatan', 'penyelenggara', 14),
    ('pkd', 'PKD', 'penyelenggara', 15),
    ('kodam', 'Kodam', 'tni', 20),
    ('korem', 'Korem', 'tni', 21),
    ('kodim', 'Kodim', 'tni', 22),
    ('koramil', 'Koramil', 'tni', 23),
    ('pemprov', 'Pemerintah Provinsi', 'pemda', 30),
    ('pemkab', 'Pemerintah Kabupaten', 'pemda', 31),
    ('pemkot', 'Pemerintah Kota', 'pemda', 32),
    ('kecamatan', 'Pemerintah Kecamatan', 'pemda', 33),
    ('desa', 'Pemerintah Desa/Kelurahan', 'pemda', 34),
    ('satpol_pp', 'Satpol PP', 'pemda', 35),
    ('linmas', 'Linmas', 'pemda', 36),
    ('bpbd', 'BPBD', 'pemda', 37),
    ('dishub', 'Dinas Perhubungan', 'pemda', 38),
    ('kesbangpol', 'Kesbangpol', 'pemda', 39),
    ('forkopimda', 'Forkopimda', 'forum', 40),
    ('forkopimcam', 'Forkopimcam', 'forum', 41),
    ('kejaksaan', 'Kejaksaan', 'hukum', 50),
    ('partai', 'Partai politik', 'politik', 60),
    ('paslon', 'Pasangan calon', 'politik', 61),
    ('tim_kampanye', 'Tim kampanye', 'politik', 62),
    ('fkub', 'FKUB', 'masyarakat', 70),
    ('ormas', 'Ormas', 'masyarakat', 71),
    ('tokoh', 'Tokoh agama/masyarakat', 'masyarakat', 72);

create table institution (
    id bigserial primary key,
    kind text not null references institution_kind (code),
    name text not null check (length(name) between 2 and 200),
    -- null only for national bodies (KPU RI, Bawaslu RI)
    region_code text references region (code),
    -- set for kind 'polri': the police unit this institution row stands for
    police_unit_id bigint unique references police_unit (id) on delete cascade,
    created_at timestamptz not null default now(),
    check ((kind = 'polri') = (police_unit_id is not null))
);
-- One KPU/Bawaslu per level and region, one PPK/Panwascam per kecamatan, one PPS/PKD per village.
create unique index institution_election_body on institution (kind, coalesce(region_code, ''))
    where kind in ('kpu', 'bawaslu', 'ppk', 'panwascam', 'pps', 'pkd');
create unique index institution_kind_region_name on institution (kind, coalesce(region_code, ''), lower(name));
create index institution_region on institution (region_code);
create index institution_name_trgm on institution using gin (name gin_trgm_ops);

-- Elections are data: the next one is added, not coded.
create table election (
    id bigserial primary key,
    slug text not null unique check (slug ~ '^[a-z0-9-]{3,60}$'),
    name text not null,
    kind text not null check (kind in ('pemilu', 'pilkada', 'psu')),
    voting_day date not null,
    -- a national election takes part everywhere; otherwise see election_region
    national boolean not null default false
);

create table election_region (
    election_id bigint not null references election (id) on delete cascade,
    region_code text not null references region (code),
    primary key (election_id, region_code)
);

create table election_stage (
    id bigserial primary key,
    election_id bigint not null references election (id) on delete cascade,
    ordinal int not null,
    name text not null,
    starts_on date not null,
    ends_on date not null,
    check (starts_on <= ends_on),
    unique (election_id, ordinal),
    exclude using gist (election_id with =, daterange(starts_on, ends_on, '[]') with &&)
);
