-- Summary tables for the commander dashboard, kept current by the writes.
--
-- Every meeting counts towards each unit in its `unit_path` (Mabes, Polda, Polres, Polsek), per
-- local calendar day (the day in the meeting district's zone, as the meeting list filters). A
-- dashboard for unit U then reads a few hundred rows keyed by U or its children, never the
-- meetings themselves. Types and topics are summarised for Mabes and the Polda only: a Polres or
-- Polsek has few enough meetings to count them directly. Coverage is kept exactly per kecamatan,
-- day and host (`dash_cov_day`), and for reading as one row per unit, kecamatan and month whose
-- bits say on which days the kecamatan's PPK / Panwascam were met (`dash_cov_month`): a window
-- of up to 31 days touches two rows per kecamatan, however many meetings there were.
--
-- How the tables stay current: row triggers on meeting, meeting_meeting_type, meeting_topic and
-- attendee only note the meeting id in `dash_dirty`; a deferred trigger recomputes each noted
-- meeting's facts once at commit (`dash_apply_meeting`), subtracts what the meeting contributed
-- before (kept in `dash_meeting`) and adds what it contributes now. Open commitments are counted
-- directly by a row trigger. Bulk loaders (`sinergi generate`) set `sinergi.dash_bulk = on` to
-- skip the triggers and call `dash_rebuild()` at the end. `dash_version` moves on every change,
-- so a cached dashboard knows whether it is still current.

create sequence dash_version;

-- Which unit answers for each kecamatan: the deepest unit whose wilayah hukum covers it (the
-- lowest id on a tie); its path attributes the kecamatan to each level above.
create table dash_district (
    district_code text primary key references region (code) on delete cascade,
    unit_id bigint references police_unit (id) on delete set null,
    unit_path bigint[] not null default '{}'
);
create index dash_district_path on dash_district using gin (unit_path);

-- What each meeting contributes, as last applied (no foreign key: it must outlive a deleted
-- meeting until the meeting's contribution has been taken away).
create table dash_meeting (
    meeting_id bigint primary key,
    unit_path bigint[] not null,
    day date not null,
    district_code text not null,
    status text not null,
    types text[] not null,
    topics text[] not null,
    -- attendee lines of other institutions present at a held or reported meeting
    lines int not null,
    -- … of which the institution has answered (confirmed, denied or disputed)
    confirmed int not null,
    -- disputes nobody has answered yet
    disputed_open int not null,
    -- the kecamatan's own PPK / Panwascam present at a held or reported meeting in it
    ppk boolean not null,
    panwas boolean not null
);

create table dash_day (
    unit_id bigint not null,
    day date not null,
    meetings int not null default 0,
    cancelled int not null default 0,
    lines int not null default 0,
    confirmed int not null default 0,
    disputed_open int not null default 0,
    primary key (unit_id, day)
);

-- Meetings per type (dim 'type') and per topic (dim 'topic'), for Mabes and the Polda.
create table dash_tag (
    unit_id bigint not null,
    day date not null,
    dim text not null check (dim in ('type', 'topic')),
    code text not null,
    n int not null,
    primary key (unit_id, day, dim, code)
);

-- Held or reported meetings in a kecamatan with its PPK / Panwascam present, per day and host.
create table dash_cov_day (
    district_code text not null,
    day date not null,
    host_path bigint[] not null,
    ppk int not null default 0,
    panwas int not null default 0,
    primary key (district_code, day, host_path)
);

-- The same per unit (every ancestor of the host), kecamatan and month: bit d-1 is set when the
-- body was met on day d of the month.
create table dash_cov_month (
    unit_id bigint not null,
    district_code text not null,
    month date not null,
    ppk_days int not null default 0,
    panwas_days int not null default 0,
    primary key (unit_id, month, district_code)
);
create index dash_cov_month_district on dash_cov_month (unit_id, district_code, month);

-- Open commitments (open, in progress) per due day and the zone that day is read in.
create table dash_open (
    unit_id bigint not null,
    due_on date not null,
    due_tz text not null,
    n int not null,
    primary key (unit_id, due_on, due_tz)
);

create table dash_dirty (
    meeting_id bigint primary key
);

-- A meeting's facts, computed from the base tables (empty when the meeting is gone).
create view dash_meeting_source as
select m.id as meeting_id,
       m.unit_path,
       (m.starts_at at time zone d.tz)::date as day,
       m.district_code,
       m.status,
       coalesce(t.codes, '{}') as types,
       coalesce(p.codes, '{}') as topics,
       case when m.status in ('held', 'reported') then coalesce(a.lines, 0) else 0 end::int as lines,
       case when m.status in ('held', 'reported') then coalesce(a.confirmed, 0) else 0 end::int as confirmed,
       coalesce(a.disputed_open, 0)::int as disputed_open,
       m.status in ('held', 'reported') and m.district_code = any(coalesce(a.ppk, '{}')) as ppk,
       m.status in ('held', 'reported') and m.district_code = any(coalesce(a.panwas, '{}')) as panwas
from meeting m
join region d on d.code = m.district_code
left join (
    select meeting_id, array_agg(type_code order by type_code) as codes
    from meeting_meeting_type group by meeting_id
) t on t.meeting_id = m.id
left join (
    select meeting_id, array_agg(topic_code order by topic_code) as codes
    from meeting_topic group by meeting_id
) p on p.meeting_id = m.id
left join (
    select a.meeting_id,
           count(*) filter (where i.kind <> 'polri' and a.attendance = 'present') as lines,
           count(*) filter (where i.kind <> 'polri' and a.attendance = 'present' and a.confirmation <> 'pending') as confirmed,
           count(*) filter (where a.confirmation = 'disputed' and a.dispute_response is null) as disputed_open,
           array_agg(i.region_code) filter (where i.kind = 'ppk' and a.attendance = 'present') as ppk,
           array_agg(i.region_code) filter (where i.kind = 'panwascam' and a.attendance = 'present') as panwas
    from attendee a
    join institution i on i.id = a.institution_id
    group by a.meeting_id
) a on a.meeting_id = m.id;

-- Adds (sign 1) or takes away (sign -1) one meeting's contribution.
create function dash_contribute(f dash_meeting, s int) returns void
language plpgsql set plan_cache_mode = auto as $$
begin
    insert into dash_day as x (unit_id, day, meetings, cancelled, lines, confirmed, disputed_open)
    select u, f.day, s, s * (f.status = 'cancelled')::int, s * f.lines, s * f.confirmed,
           s * f.disputed_open
    from unnest(f.unit_path) u
    order by u
    on conflict (unit_id, day) do update set
        meetings = x.meetings + excluded.meetings,
        cancelled = x.cancelled + excluded.cancelled,
        lines = x.lines + excluded.lines,
        confirmed = x.confirmed + excluded.confirmed,
        disputed_open = x.disputed_open + excluded.disputed_open;

    insert into dash_tag as x (unit_id, day, dim, code, n)
    select u, f.day, c.dim, c.code, s
    from unnest(f.unit_path[1:2]) u,
         (select 'type' as dim, unnest(f.types) as code
          union all select 'topic', unnest(f.topics)) c
    order by u, c.dim, c.code
    on conflict (unit_id, day, dim, code) do update set n = x.n + excluded.n;

    if f.ppk or f.panwas then
        insert into dash_cov_day as x (district_code, day, host_path, ppk, panwas)
        values (f.district_code, f.day, f.unit_path, s * f.ppk::int, s * f.panwas::int)
        on conflict (district_code, day, host_path) do update set
            ppk = x.ppk + excluded.ppk, panwas = x.panwas + excluded.panwas;
        delete from dash_cov_day where district_code = f.district_code and day = f.day and host_path = f.unit_path
                                   and ppk = 0 and panwas = 0;
        insert into dash_cov_month as x (unit_id, district_code, month, ppk_days, panwas_days)
        select u, f.district_code, date_trunc('month', f.day)::date,
               coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.ppk > 0), 0),
               coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.panwas > 0), 0)
        from unnest(f.unit_path) u
        left join dash_cov_day c on c.district_code = f.district_code and c.host_path @> array[u]
                                and c.day >= date_trunc('month', f.day)::date
                                and c.day < (date_trunc('month', f.day) + interval '1 month')::date
        group by u
        order by u
        on conflict (unit_id, month, district_code) do update set
            ppk_days = excluded.ppk_days, panwas_days = excluded.panwas_days;
        delete from dash_cov_month where unit_id = any(f.unit_path) and district_code = f.district_code
                                     and month = date_trunc('month', f.day)::date
                                     and ppk_days = 0 and panwas_days = 0;
    end if;

    if s < 0 then
        delete from dash_day where unit_id = any(f.unit_path) and day = f.day and meetings = 0;
        delete from dash_tag where unit_id = any(f.unit_path[1:2]) and day = f.day and n = 0;
    end if;
end;
$$;

-- Brings one meeting's contribution up to date.
create function dash_apply_meeting(mid bigint) returns void
language plpgsql set plan_cache_mode = auto as $$
declare
    o dash_meeting;
    n dash_meeting;
begin
    select * into o from dash_meeting where meeting_id = mid;
    select * into n from dash_meeting_source where meeting_id = mid;
    if o.meeting_id is null and n.meeting_id is null then
        return;
    end if;
    if o.meeting_id is not null and n.meeting_id is not null and o = n then
        return;
    end if;
    if o.meeting_id is not null then
        perform dash_contribute(o, -1);
        delete from dash_meeting where meeting_id = mid;
    end if;
    if n.meeting_id is not null then
        perform dash_contribute(n, 1);
        insert into dash_meeting select n.*;
    end if;
    perform nextval('dash_version');
end;
$$;

create function dash_bulk() returns boolean language sql stable as $$
    select coalesce(current_setting('sinergi.dash_bulk', true), '') = 'on'
$$;

-- Row triggers on the meeting tables: note the meeting, recompute it once at commit.
create function dash_note_meeting() returns trigger
language plpgsql set plan_cache_mode = auto as $$
declare
    mid bigint;
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_table_name = 'meeting' then
        if tg_op = 'UPDATE' and (new.unit_path, new.starts_at, new.district_code, new.status)
                is not distinct from (old.unit_path, old.starts_at, old.district_code, old.status) then
            return null;
        end if;
        mid := case when tg_op = 'DELETE' then old.id else new.id end;
    else
        if tg_op = 'UPDATE' and old.meeting_id <> new.meeting_id then
            insert into dash_dirty values (old.meeting_id) on conflict do nothing;
        end if;
        mid := case when tg_op = 'DELETE' then old.meeting_id else new.meeting_id end;
    end if;
    insert into dash_dirty values (mid) on conflict do nothing;
    return null;
end;
$$;

create trigger dash_meeting after insert or update or delete on meeting
    for each row execute function dash_note_meeting();
create trigger dash_meeting_type after insert or update or delete on meeting_meeting_type
    for each row execute function dash_note_meeting();
create trigger dash_meeting_topic after insert or update or delete on meeting_topic
    for each row execute function dash_note_meeting();
create trigger dash_attendee after insert or update or delete on attendee
    for each row execute function dash_note_meeting();

create function dash_flush() returns trigger
language plpgsql set plan_cache_mode = auto as $$
begin
    perform dash_apply_meeting(new.meeting_id);
    delete from dash_dirty where meeting_id = new.meeting_id;
    return null;
end;
$$;

create constraint trigger dash_flush after insert on dash_dirty
    deferrable initially deferred
    for each row execute function dash_flush();

-- Open commitments: counted directly.
create function dash_commitment() returns trigger
language plpgsql set plan_cache_mode = auto as $$
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_op = 'UPDATE' and (new.unit_path, new.due_on, new.due_tz, new.status in ('open', 'in_progress'))
            is not distinct from (old.unit_path, old.due_on, old.due_tz, old.status in ('open', 'in_progress')) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.status in ('open', 'in_progress') then
        update dash_open set n = n - 1
        where unit_id = any(old.unit_path) and due_on = old.due_on and due_tz = old.due_tz;
        delete from dash_open
        where unit_id = any(old.unit_path) and due_on = old.due_on and due_tz = old.due_tz and n = 0;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status in ('open', 'in_progress') then
        insert into dash_open as x (unit_id, due_on, due_tz, n)
        select u, new.due_on, new.due_tz, 1 from unnest(new.unit_path) u order by u
        on conflict (unit_id, due_on, due_tz) do update set n = x.n + 1;
    end if;
    perform nextval('dash_version');
    return null;
end;
$$;

create trigger dash_commitment after insert or update or delete on commitment
    for each row execute function dash_commitment();

-- Recomputes the answering unit of the given kecamatan.
create function dash_refresh_districts(codes text[]) returns void
language plpgsql set plan_cache_mode = auto as $$
begin
    insert into dash_district as x (district_code, unit_id, unit_path)
    select d.code, r.id, coalesce(r.path, '{}')
    from region d
    left join lateral (
        select u.id, u.path
        from unit_region ur join police_unit u on u.id = ur.unit_id
        where ur.region_code in (d.code, left(d.code, 5), left(d.code, 2))
        order by array_length(u.path, 1) desc, u.id
        limit 1
    ) r on true
    where d.level = 'district' and (codes is null or d.code = any(codes))
    on conflict (district_code) do update set unit_id = excluded.unit_id, unit_path = excluded.unit_path
    where (x.unit_id, x.unit_path) is distinct from (excluded.unit_id, excluded.unit_path);
    perform nextval('dash_version');
end;
$$;

create function dash_region_added() returns trigger
language plpgsql as $$
begin
    if not dash_bulk() then
        perform dash_refresh_districts(array(select code from added where level = 'district'));
    end if;
    return null;
end;
$$;
create trigger dash_region_added after insert on region
    referencing new table as added
    for each statement execute function dash_region_added();

-- A change of wilayah hukum: recompute the kecamatan inside the regions named.
create function dash_unit_region_changed() returns trigger
language plpgsql as $$
declare
    changed text[];
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_op = 'INSERT' then
        changed := array(select region_code from new_rows);
    elsif tg_op = 'DELETE' then
        changed := array(select region_code from old_rows);
    else
        changed := array(select region_code from new_rows union select region_code from old_rows);
    end if;
    perform dash_refresh_districts(array(
        select d.code from region d
        where d.level = 'district'
          and (d.code = any(changed) or left(d.code, 5) = any(changed) or left(d.code, 2) = any(changed))));
    return null;
end;
$$;
create trigger dash_unit_region_insert after insert on unit_region
    referencing new table as new_rows
    for each statement execute function dash_unit_region_changed();
create trigger dash_unit_region_update after update on unit_region
    referencing new table as new_rows old table as old_rows
    for each statement execute function dash_unit_region_changed();
create trigger dash_unit_region_delete after delete on unit_region
    referencing old table as old_rows
    for each statement execute function dash_unit_region_changed();

-- Recomputes every summary from the base tables (after a bulk load; also safe at any time).
-- Rows go in key order: appending to the indexes is much cheaper than inserting at random.
create function dash_rebuild() returns void
language plpgsql as $$
begin
    lock table dash_meeting, dash_day, dash_tag, dash_cov_day, dash_cov_month, dash_open in exclusive mode;
    delete from dash_dirty;
    truncate dash_meeting, dash_day, dash_tag, dash_cov_day, dash_cov_month, dash_open;
    insert into dash_meeting select * from dash_meeting_source order by meeting_id;
    insert into dash_day (unit_id, day, meetings, cancelled, lines, confirmed, disputed_open)
    select u, f.day, count(*), count(*) filter (where f.status = 'cancelled'),
           sum(f.lines), sum(f.confirmed), sum(f.disputed_open)
    from dash_meeting f, unnest(f.unit_path) u
    group by u, f.day
    order by u, f.day;
    insert into dash_tag (unit_id, day, dim, code, n)
    select u, f.day, c.dim, c.code, count(*)
    from dash_meeting f, unnest(f.unit_path[1:2]) u,
         lateral (select 'type' as dim, unnest(f.types) as code
                  union all select 'topic', unnest(f.topics)) c
    group by u, f.day, c.dim, c.code
    order by u, f.day, c.dim, c.code;
    insert into dash_cov_day (district_code, day, host_path, ppk, panwas)
    select f.district_code, f.day, f.unit_path, count(*) filter (where f.ppk), count(*) filter (where f.panwas)
    from dash_meeting f
    where f.ppk or f.panwas
    group by f.district_code, f.day, f.unit_path
    order by f.district_code, f.day, f.unit_path;
    insert into dash_cov_month (unit_id, district_code, month, ppk_days, panwas_days)
    select u, c.district_code, date_trunc('month', c.day)::date,
           coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.ppk > 0), 0),
           coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.panwas > 0), 0)
    from dash_cov_day c, unnest(c.host_path) u
    group by u, date_trunc('month', c.day)::date, c.district_code
    order by 1, 3, 2;
    insert into dash_open (unit_id, due_on, due_tz, n)
    select u, c.due_on, c.due_tz, count(*)
    from commitment c, unnest(c.unit_path) u
    where c.status in ('open', 'in_progress')
    group by u, c.due_on, c.due_tz
    order by u, c.due_on, c.due_tz;
    perform dash_refresh_districts(null);
    delete from dash_district d where not exists (select 1 from region r where r.code = d.district_code);
    perform nextval('dash_version');
end;
$$;

select dash_rebuild();
