-- Types and topics per unit and week, next to the daily rows of `dash_tag`. A dashboard's types
-- and topics summed every day of its period (a Polda's or the nation's: ≈ 2,000–4,000 rows of
-- days × codes, the largest statement of those dashboards); it now sums the whole weeks inside the
-- period from these rows and only the days at either end from `dash_tag` (dashboard::db::tags).
--
-- The rows follow `dash_tag` by its own triggers, whatever writes it (the batched apply of
-- meetings, the rebuild, the generator): each statement's changes are added per week in one
-- statement, in key order (the order the summary rows are locked in), and a truncate empties them.

create table dash_tag_week (
    unit_id bigint not null,
    -- the Monday of the week
    week date not null check (extract(isodow from week) = 1),
    dim text not null,
    code text not null,
    n int not null,
    primary key (unit_id, week, dim, code)
);

insert into dash_tag_week (unit_id, week, dim, code, n)
select unit_id, date_trunc('week', day)::date, dim, code, sum(n)
from dash_tag
group by 1, 2, 3, 4
order by 1, 2, 3, 4;

create function dash_tag_week_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into dash_tag_week as x (unit_id, week, dim, code, n)
        select unit_id, date_trunc('week', day)::date, dim, code, sum(n)
        from new_rows group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
        on conflict (unit_id, week, dim, code) do update set n = x.n + excluded.n;
    elsif tg_op = 'UPDATE' then
        insert into dash_tag_week as x (unit_id, week, dim, code, n)
        select unit_id, date_trunc('week', day)::date, dim, code, sum(n)
        from (select unit_id, day, dim, code, n from new_rows
              union all
              select unit_id, day, dim, code, -n from old_rows) c
        group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
        on conflict (unit_id, week, dim, code) do update set n = x.n + excluded.n;
    else
        insert into dash_tag_week as x (unit_id, week, dim, code, n)
        select unit_id, date_trunc('week', day)::date, dim, code, -sum(n)
        from old_rows group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
        on conflict (unit_id, week, dim, code) do update set n = x.n + excluded.n;
    end if;
    return null;
end;
$$;

create trigger dash_tag_week_insert after insert on dash_tag
    referencing new table as new_rows
    for each statement execute function dash_tag_week_follow();
create trigger dash_tag_week_update after update on dash_tag
    referencing old table as old_rows new table as new_rows
    for each statement execute function dash_tag_week_follow();
create trigger dash_tag_week_delete after delete on dash_tag
    referencing old table as old_rows
    for each statement execute function dash_tag_week_follow();

create function dash_tag_week_truncate() returns trigger
language plpgsql as $$
begin
    truncate dash_tag_week;
    return null;
end;
$$;

create trigger dash_tag_week_truncate after truncate on dash_tag
    for each statement execute function dash_tag_week_truncate();
