-- Brings the summaries of many meetings up to date in one pass (#14 item 3): their facts are read
-- once (`dash_meeting_source` for all of them), what they contributed before is taken from
-- `dash_meeting`, and the differences are summed per summary key, one statement per table, rows
-- in key order. A batch of twenty meetings costs about what one cost meeting by meeting.
-- `dash_apply_meeting(mid)` (the deferred trigger's, and the write-behind applier's, unit of
-- work) is now this with one id. No temporary tables: the changes travel as an array.

create type dash_change as (s int, m dash_meeting);

create function dash_apply_meetings(ids bigint[]) returns void
language plpgsql set plan_cache_mode = auto as $$
declare
    olds dash_meeting[];
    news dash_meeting[];
    changes dash_change[];
    mid bigint;
    fresh dash_meeting;
begin
    select array_agg(m order by m.meeting_id) into olds from dash_meeting m where m.meeting_id = any(ids);
    -- one meeting at a time: `meeting_id = any(ids)` does not reach into the view's grouped
    -- subqueries (a full aggregation of every attendee line), `meeting_id = mid` does
    foreach mid in array ids loop
        select s.* into fresh from dash_meeting_source s where s.meeting_id = mid;
        if fresh.meeting_id is not null then
            news := news || fresh;
        end if;
    end loop;
    -- a meeting whose facts did not change contributes nothing either way
    select array_agg(x) into changes from (
        select row(-1, o)::dash_change as x from unnest(olds) o where not (o = any(coalesce(news, '{}')))
        union all
        select row(1, n)::dash_change from unnest(news) n where not (n = any(coalesce(olds, '{}')))
    ) t;
    if changes is null then
        return;
    end if;

    insert into dash_day as x (unit_id, day, meetings, cancelled, lines, confirmed, disputed_open)
    select u, c.day, sum(c.s), sum(c.s * (c.status = 'cancelled')::int), sum(c.s * c.lines),
           sum(c.s * c.confirmed), sum(c.s * c.disputed_open)
    from (select x.s, (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u
    group by u, c.day
    order by u, c.day
    on conflict (unit_id, day) do update set
        meetings = x.meetings + excluded.meetings,
        cancelled = x.cancelled + excluded.cancelled,
        lines = x.lines + excluded.lines,
        confirmed = x.confirmed + excluded.confirmed,
        disputed_open = x.disputed_open + excluded.disputed_open;
    delete from dash_day x
    using (select distinct u, c.day from (select (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u) k
    where x.unit_id = k.u and x.day = k.day and x.meetings = 0;

    insert into dash_tag as x (unit_id, day, dim, code, n)
    select u, c.day, t.dim, t.code, sum(c.s)
    from (select x.s, (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u,
         lateral (select 'type' as dim, unnest(c.types) as code
                  union all select 'topic', unnest(c.topics)) t
    group by u, c.day, t.dim, t.code
    having sum(c.s) <> 0
    order by u, c.day, t.dim, t.code
    on conflict (unit_id, day, dim, code) do update set n = x.n + excluded.n;
    delete from dash_tag x
    using (select distinct u, c.day from (select (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u
           where cardinality(c.types) + cardinality(c.topics) > 0) k
    where x.unit_id = k.u and x.day = k.day and x.n = 0;

    if exists (select 1 from unnest(changes) x where (x.m).ppk or (x.m).panwas) then
        perform dash_apply_coverage(changes);
    end if;

    delete from dash_meeting m
    where m.meeting_id in (select (x.m).meeting_id from unnest(changes) x where x.s < 0);
    insert into dash_meeting
    select (x.m).* from unnest(changes) x where x.s > 0 order by (x.m).meeting_id;
    perform dash_bump(array(select distinct u from unnest(changes) x, unnest((x.m).unit_path) u order by u));
    perform nextval('dash_version');
end;
$$;

-- The coverage part of dash_apply_meetings: the kecamatan-day rows, the month bits of every unit
-- on the way, and, where a kecamatan's national bit of a day flips, its national window rows.
create function dash_apply_coverage(changes dash_change[]) returns void
language plpgsql set plan_cache_mode = auto as $$
declare
    root bigint := dash_root();
    codes text[];
    los date[];
    his date[];
begin
    insert into dash_cov_day as x (district_code, day, host_path, ppk, panwas)
    select c.district_code, c.day, c.unit_path, sum(c.s * c.ppk::int), sum(c.s * c.panwas::int)
    from (select x.s, (x.m).* from unnest(changes) x) c
    where c.ppk or c.panwas
    group by c.district_code, c.day, c.unit_path
    order by c.district_code, c.day, c.unit_path
    on conflict (district_code, day, host_path) do update set
        ppk = x.ppk + excluded.ppk, panwas = x.panwas + excluded.panwas;
    delete from dash_cov_day x
    using (select distinct (x.m).district_code, (x.m).day from unnest(changes) x
           where (x.m).ppk or (x.m).panwas) k
    where x.district_code = k.district_code and x.day = k.day and x.ppk = 0 and x.panwas = 0;

    -- the days whose national bits flip: as the month bits say (not yet recomputed) against the
    -- kecamatan-day rows (already); per kecamatan, the window ends from its first such day to 29
    -- days after its last
    select array_agg(f.district_code), array_agg(f.lo), array_agg(f.hi) into codes, los, his
    from (
        select k.district_code, min(k.day) as lo, max(k.day) + 29 as hi
        from (select distinct (x.m).district_code, (x.m).day from unnest(changes) x
              where (x.m).ppk or (x.m).panwas) k
        where coalesce((select ((c.ppk_days >> (extract(day from k.day)::int - 1)) & 1)
                               + 2 * ((c.panwas_days >> (extract(day from k.day)::int - 1)) & 1)
                        from dash_cov_month c
                        where c.unit_id = root and c.district_code = k.district_code
                          and c.month = date_trunc('month', k.day)::date), 0)
              <> coalesce((select bool_or(c.ppk > 0)::int + 2 * bool_or(c.panwas > 0)::int
                           from dash_cov_day c where c.district_code = k.district_code and c.day = k.day), 0)
        group by k.district_code
    ) f;
    for i in 1 .. coalesce(cardinality(codes), 0) loop
        perform dash_nat_cov_add(array[codes[i]], -1, los[i], his[i]);
    end loop;

    insert into dash_cov_month as x (unit_id, district_code, month, ppk_days, panwas_days)
    select k.u, k.district_code, k.month,
           coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.ppk > 0), 0),
           coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.panwas > 0), 0)
    from (select distinct u, c.district_code, date_trunc('month', c.day)::date as month
          from (select (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u
          where c.ppk or c.panwas) k
    left join dash_cov_day c on c.district_code = k.district_code and c.host_path @> array[k.u]
                            and c.day >= k.month and c.day < (k.month + interval '1 month')::date
    group by k.u, k.district_code, k.month
    order by k.u, k.month, k.district_code
    on conflict (unit_id, month, district_code) do update set
        ppk_days = excluded.ppk_days, panwas_days = excluded.panwas_days;
    delete from dash_cov_month x
    using (select distinct u, c.district_code, date_trunc('month', c.day)::date as month
           from (select (x.m).* from unnest(changes) x) c, unnest(c.unit_path) u
           where c.ppk or c.panwas) k
    where x.unit_id = k.u and x.district_code = k.district_code and x.month = k.month
      and x.ppk_days = 0 and x.panwas_days = 0;

    for i in 1 .. coalesce(cardinality(codes), 0) loop
        perform dash_nat_cov_add(array[codes[i]], 1, los[i], his[i]);
    end loop;
    if codes is not null then
        perform dash_nat_first_refresh(codes);
    end if;
end;
$$;

create or replace function dash_apply_meeting(mid bigint) returns void
language plpgsql set plan_cache_mode = auto as $$
begin
    perform dash_apply_meetings(array[mid]);
end;
$$;
