-- #18 points 5 and 6. A standing duty runs from `starts_on` until `due_on` (it is due at its end).
-- A commitment recorded after its due date (a meeting logged late) that was not yet done counts
-- its lateness from the day it was recorded (`late_from`), not from the due date: `reckon_on`
-- is the one day every overdue and escalation rule counts from.
alter table commitment
    add column starts_on date check (starts_on <= due_on),
    add column late_from date,
    add column reckon_on date generated always as (greatest(due_on, late_from)) stored;
create index commitment_open_reckon on commitment (reckon_on) where status in ('open', 'in_progress');

-- The dashboard's open counts are kept by the day lateness counts from (`dash_open.due_on`
-- holds `reckon_on`), so its overdue and escalated sums follow the same rule.
create or replace function dash_commitment() returns trigger
language plpgsql set plan_cache_mode = auto as $$
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_op = 'UPDATE' and (new.unit_path, new.reckon_on, new.due_tz, new.status in ('open', 'in_progress'))
            is not distinct from (old.unit_path, old.reckon_on, old.due_tz, old.status in ('open', 'in_progress')) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.status in ('open', 'in_progress') then
        update dash_open set n = n - 1
        where unit_id = any(old.unit_path) and due_on = old.reckon_on and due_tz = old.due_tz;
        delete from dash_open
        where unit_id = any(old.unit_path) and due_on = old.reckon_on and due_tz = old.due_tz and n = 0;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status in ('open', 'in_progress') then
        insert into dash_open as x (unit_id, due_on, due_tz, n)
        select u, new.reckon_on, new.due_tz, 1 from unnest(new.unit_path) u order by u
        on conflict (unit_id, due_on, due_tz) do update set n = x.n + 1;
    end if;
    perform nextval('dash_version');
    return null;
end;
$$;

create or replace function dash_rebuild() returns void
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
    select u, c.reckon_on, c.due_tz, count(*)
    from commitment c, unnest(c.unit_path) u
    where c.status in ('open', 'in_progress')
    group by u, c.reckon_on, c.due_tz
    order by u, c.reckon_on, c.due_tz;
    perform dash_refresh_districts(null);
    delete from dash_district d where not exists (select 1 from region r where r.code = d.district_code);
    perform nextval('dash_version');
end;
$$;
