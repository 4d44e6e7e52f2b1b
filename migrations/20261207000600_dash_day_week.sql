-- Meetings, lines and confirmations per unit and week, next to the daily rows of `dash_day`, as
-- `dash_tag_week` (migration 20261207000500) is to `dash_tag`: a dashboard's activity per child
-- sums the whole weeks of its long windows (the period, the stage, the silence window) from these
-- rows and only the days at their ends from `dash_day` (dashboard::db::activity). The national
-- dashboard summed ≈ 6,700 day rows for Mabes and 34 Polda there.

create table dash_day_week (
    unit_id bigint not null,
    -- the Monday of the week
    week date not null check (extract(isodow from week) = 1),
    meetings int not null,
    cancelled int not null,
    lines int not null,
    confirmed int not null,
    disputed_open int not null,
    primary key (unit_id, week)
);

insert into dash_day_week (unit_id, week, meetings, cancelled, lines, confirmed, disputed_open)
select unit_id, date_trunc('week', day)::date,
       sum(meetings), sum(cancelled), sum(lines), sum(confirmed), sum(disputed_open)
from dash_day
group by 1, 2
order by 1, 2;

-- Adds the changes of one statement on `dash_day`: its new rows, less its old ones.
create function dash_day_week_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into dash_day_week as x (unit_id, week, meetings, cancelled, lines, confirmed, disputed_open)
        select unit_id, date_trunc('week', day)::date,
               sum(meetings), sum(cancelled), sum(lines), sum(confirmed), sum(disputed_open)
        from new_rows group by 1, 2 order by 1, 2
        on conflict (unit_id, week) do update set
            meetings = x.meetings + excluded.meetings, cancelled = x.cancelled + excluded.cancelled,
            lines = x.lines + excluded.lines, confirmed = x.confirmed + excluded.confirmed,
            disputed_open = x.disputed_open + excluded.disputed_open;
    elsif tg_op = 'UPDATE' then
        insert into dash_day_week as x (unit_id, week, meetings, cancelled, lines, confirmed, disputed_open)
        select unit_id, date_trunc('week', day)::date,
               sum(meetings), sum(cancelled), sum(lines), sum(confirmed), sum(disputed_open)
        from (select unit_id, day, meetings, cancelled, lines, confirmed, disputed_open from new_rows
              union all
              select unit_id, day, -meetings, -cancelled, -lines, -confirmed, -disputed_open from old_rows) c
        group by 1, 2 order by 1, 2
        on conflict (unit_id, week) do update set
            meetings = x.meetings + excluded.meetings, cancelled = x.cancelled + excluded.cancelled,
            lines = x.lines + excluded.lines, confirmed = x.confirmed + excluded.confirmed,
            disputed_open = x.disputed_open + excluded.disputed_open;
    else
        insert into dash_day_week as x (unit_id, week, meetings, cancelled, lines, confirmed, disputed_open)
        select unit_id, date_trunc('week', day)::date,
               -sum(meetings), -sum(cancelled), -sum(lines), -sum(confirmed), -sum(disputed_open)
        from old_rows group by 1, 2 order by 1, 2
        on conflict (unit_id, week) do update set
            meetings = x.meetings + excluded.meetings, cancelled = x.cancelled + excluded.cancelled,
            lines = x.lines + excluded.lines, confirmed = x.confirmed + excluded.confirmed,
            disputed_open = x.disputed_open + excluded.disputed_open;
    end if;
    return null;
end;
$$;

create trigger dash_day_week_insert after insert on dash_day
    referencing new table as new_rows
    for each statement execute function dash_day_week_follow();
create trigger dash_day_week_update after update on dash_day
    referencing old table as old_rows new table as new_rows
    for each statement execute function dash_day_week_follow();
create trigger dash_day_week_delete after delete on dash_day
    referencing old table as old_rows
    for each statement execute function dash_day_week_follow();

create function dash_day_week_truncate() returns trigger
language plpgsql as $$
begin
    truncate dash_day_week;
    return null;
end;
$$;

create trigger dash_day_week_truncate after truncate on dash_day
    for each statement execute function dash_day_week_truncate();
