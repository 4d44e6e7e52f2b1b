-- Accounts, sessions, the audit log and the server secret.

-- Every unit's ancestors and itself, top first: "in the subtree of U" is `path @> array[U]`.
alter table police_unit add column path bigint[] not null default '{}';
create index police_unit_path on police_unit using gin (path);

create table app_user (
    id bigserial primary key,
    username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name text not null check (length(display_name) between 1 and 120),
    position text not null default '' check (length(position) <= 160),
    rank text check (length(rank) <= 40),
    phone text check (phone ~ '^\+?[0-9 -]{6,20}$'),
    role text not null check (role in ('admin', 'commander', 'liaison', 'official')),
    -- admin: null (national) or a Polda; commander/liaison: their unit
    unit_id bigint references police_unit (id),
    -- official: the institution they speak for
    institution_id bigint references institution (id),
    password_hash text not null,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    password_changed_at timestamptz not null default now(),
    check (role <> 'official' or (institution_id is not null and unit_id is null)),
    check (role not in ('commander', 'liaison') or (unit_id is not null and institution_id is null)),
    check (role <> 'admin' or institution_id is null)
);
create index app_user_unit on app_user (unit_id);
create index app_user_institution on app_user (institution_id);

-- tower-sessions records: data as jsonb, id and expiry in columns.
create table session (
    id text primary key,
    data jsonb not null,
    expires_at timestamptz not null
);
create index session_expires on session (expires_at);

-- Append-only record of every write.
create table audit_log (
    id bigserial primary key,
    at timestamptz not null default now(),
    user_id bigint references app_user (id),
    -- who acted when there is no account (a confirmation link), e.g. "tautan konfirmasi: Ahmadi"
    actor text not null,
    role text not null,
    action text not null,
    record_type text not null,
    record_id bigint,
    -- the unit whose subtree may read this entry (null: national only)
    unit_id bigint references police_unit (id),
    unit_path bigint[] not null default '{}',
    before jsonb,
    after jsonb,
    request_id text,
    ip_hash text
);
create index audit_log_at on audit_log (at desc);
create index audit_log_record on audit_log (record_type, record_id);
create index audit_log_user on audit_log (user_id, at desc);
create index audit_log_unit_path on audit_log using gin (unit_path);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();

-- One random secret per installation: signs login-form tokens and salts IP hashes.
create table app_secret (
    id int primary key check (id = 1),
    secret text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
);
insert into app_secret (id) values (1);

-- A unit's path and ancestor columns follow from its parent; units do not move between parents.
create function police_unit_derive() returns trigger language plpgsql as $$
declare
    p police_unit;
begin
    if tg_op = 'UPDATE' and new.parent_id is distinct from old.parent_id then
        raise exception 'a police unit cannot move to another parent';
    end if;
    if new.parent_id is null then
        new.path := array[new.id];
        new.polda_id := null;
        new.polres_id := null;
    else
        select * into p from police_unit where id = new.parent_id;
        new.path := p.path || new.id;
        if p.level = 'mabes' then
            new.polda_id := null;
            new.polres_id := null;
        elsif p.level = 'polda' then
            new.polda_id := p.id;
            new.polres_id := null;
        else
            new.polda_id := p.polda_id;
            new.polres_id := p.id;
        end if;
    end if;
    return new;
end;
$$;
create trigger police_unit_derive before insert or update on police_unit
    for each row execute function police_unit_derive();

-- Every police unit is also an institution, so it can attend meetings and own commitments.
create function police_unit_institution() returns trigger language plpgsql as $$
begin
    insert into institution (kind, name, region_code, police_unit_id)
    values ('polri', new.name, new.province_code, new.id)
    on conflict (police_unit_id) do update set name = excluded.name, region_code = excluded.region_code;
    return new;
end;
$$;
create trigger police_unit_institution after insert or update of name, province_code on police_unit
    for each row execute function police_unit_institution();
