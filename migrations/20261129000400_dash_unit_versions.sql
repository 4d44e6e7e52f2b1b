-- Versions per unit subtree for the dashboard cache (src/cache.rs, src/dashboard/data.rs).
--
-- A dashboard of unit U shows only what happened in U's subtree, so a write there moves the
-- version of every unit on the writer's path (Polsek, Polres, Polda, Mabes) and nothing else: a
-- write in Kuala Kampar leaves Papua's dashboards cached. Row 0 stands for what every dashboard
-- reads outside the summaries (units and their areas, PPK and Panwascam, regions, elections,
-- types and topics, institution names); a change there moves it.
--
-- The versions are rows written in the writer's own transaction, at its commit (deferred
-- triggers, or the deferred summary trigger), so they become visible together with the data and
-- only if it commits: a failed or rolled-back write moves nothing. A reader reads U's version
-- before the data, so what it keeps is never older than the version it keeps it under.

create table dash_unit_version (
    unit_id bigint primary key,
    v bigint not null default 0
);
insert into dash_unit_version (unit_id) values (0);

-- Moves the version of each unit in `path` (lowest id first, as the summary rows are locked).
create function dash_bump(path bigint[]) returns void
language sql as $$
    insert into dash_unit_version as x (unit_id, v)
    select u, 1 from unnest(path) u where u is not null order by u
    on conflict (unit_id) do update set v = x.v + 1
$$;

-- Moves every version (after `dash_rebuild()`).
create function dash_bump_all() returns void
language sql as $$
    insert into dash_unit_version as x (unit_id, v)
    select id, 1 from police_unit union all select 0, 1
    order by 1
    on conflict (unit_id) do update set v = x.v + 1
$$;

-- A meeting's figures changed (20261125000005's function, plus the versions of the old and the
-- new host path).
create or replace function dash_apply_meeting(mid bigint) returns void
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
    perform dash_bump(array(select distinct u from unnest(coalesce(o.unit_path, '{}') || coalesce(n.unit_path, '{}')) u));
    perform nextval('dash_version');
end;
$$;

-- Commitments (the open counts and the overdue list) and meeting titles (shown in that list).
create function dash_version_row() returns trigger
language plpgsql as $$
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_op = 'DELETE' then
        perform dash_bump(old.unit_path);
    elsif tg_op = 'INSERT' or old.unit_path = new.unit_path then
        perform dash_bump(new.unit_path);
    else
        perform dash_bump(array(select distinct u from unnest(old.unit_path || new.unit_path) u));
    end if;
    return null;
end;
$$;

create constraint trigger commitment_dash_version after insert or update or delete on commitment
    deferrable initially deferred for each row execute function dash_version_row();
create constraint trigger meeting_title_dash_version after update of title on meeting
    deferrable initially deferred for each row
    when (old.title is distinct from new.title)
    execute function dash_version_row();

-- Everything else a dashboard reads: row 0.
create function dash_version_structure() returns trigger
language plpgsql as $$
begin
    perform dash_bump(array[0::bigint]);
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array[
        'police_unit', 'unit_region', 'region', 'election', 'election_region', 'election_stage',
        'meeting_type', 'topic'
    ] loop
        execute format(
            'create trigger %I after insert or update or delete or truncate on %I
                 for each statement execute function dash_version_structure()',
            t || '_dash_structure', t);
    end loop;
end;
$$;

-- Institutions: names (owners in the overdue list) and the PPK and Panwascam of each kecamatan.
-- A body added while logging a meeting changes no dashboard.
create trigger institution_dash_structure after update or delete or truncate on institution
    for each statement execute function dash_version_structure();
create trigger institution_dash_structure_insert after insert on institution
    for each row when (new.kind in ('ppk', 'panwascam'))
    execute function dash_version_structure();
