-- Vulnerability (kerawanan) figures as data: Bawaslu's IKP per province or regency, TPS rawan per
-- kecamatan, or a Polres' own assessment. A row names its region (province, regency or
-- kecamatan), election, source and as-of date; a re-import of a source replaces that source.
-- `is_sample` marks the demo's invented figures, shown as such on every page.
create table kerawanan (
    id bigserial primary key,
    region_code text not null references region (code),
    election_id bigint not null references election (id) on delete cascade,
    source text not null check (length(source) between 2 and 120),
    as_of date not null,
    score numeric(5, 2) check (score between 0 and 100),
    tier text not null check (tier in ('rendah', 'sedang', 'tinggi')),
    tps_total int check (tps_total >= 0),
    tps_rawan int check (tps_rawan >= 0),
    is_sample boolean not null default false,
    updated_by bigint references app_user (id),
    updated_at timestamptz not null default now(),
    check (tps_rawan is null or tps_total is null or tps_rawan <= tps_total),
    unique (source, election_id, region_code)
);
create index kerawanan_region on kerawanan (region_code, election_id);

create constraint trigger kerawanan_data_version after insert or update or delete on kerawanan
    deferrable initially deferred for each row execute function data_version_touch();
