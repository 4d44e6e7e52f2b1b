-- Per-scope summaries (#14): what a computed dashboard still counted at read time is kept by the
-- writes, so a dashboard reads a handful of rows by (unit, day) keys.
--
-- * Types and topics (`dash_tag`) for every unit of the host's path, not only Mabes and the
--   Polda: a Polres or Polsek no longer counts its meetings' types and topics.
-- * Open commitments per unit (`dash_open_unit`): the open total; overdue and escalated are the
--   total less the few `dash_open` rows not yet due, instead of a sum over every due day.
-- * National coverage per Polda, gap window and window end (`dash_nat_cov`): how many kecamatan
--   had their PPK / Panwascam met (by any unit) in the 7, 14 or 30 days ending on that day, and
--   how many kecamatan each Polda answers for (`dash_nat_area`). The national dashboard read
--   every kecamatan's month bits (7,000+ rows) to count these.
-- * The first day any kecamatan's PPK or Panwascam was met (`dash_district.nat_first`): the
--   national list of the stalest gaps starts with the kecamatan never met by the period's end.
--
-- All are kept by the existing deferred mechanism (dash_dirty -> dash_flush -> dash_apply_meeting
-- -> dash_contribute; dash_commitment; dash_refresh_districts) and filled by dash_rebuild(), which
-- `sinergi generate` calls. A national window row changes only when a kecamatan's first meeting
-- of a day appears or its last one goes: then the rows of the 30 days from that day are worked
-- out again for that kecamatan (one statement each way).

create table dash_open_unit (
    unit_id bigint primary key,
    n int not null
);

create table dash_nat_area (
    child bigint primary key, -- the Polda (unit_path[2]) answering, 0: no unit
    districts int not null
);

create table dash_nat_cov (
    gap int not null,
    day date not null,
    child bigint not null, -- as in dash_nat_area
    ppk int not null,
    panwas int not null,
    both_met int not null,
    met int not null, -- PPK or Panwascam met
    primary key (gap, day, child)
);

alter table dash_district add column nat_first date;
create index dash_district_nat_first on dash_district (nat_first);

-- The root of the hierarchy (Mabes), whose summary rows are the national ones.
create function dash_root() returns bigint
language sql stable as $$
    select id from police_unit where parent_id is null order by id limit 1
$$;

-- Adds (s = 1) or takes away (s = -1) what the kecamatan `codes` (all when null) contribute to
-- `dash_nat_cov` for the window ends lo..hi, from the national day bits as they are now.
create function dash_nat_cov_add(codes text[], s int, lo date, hi date) returns void
language plpgsql as $$
declare
    root bigint := dash_root();
begin
    lo := coalesce(lo, date '1900-01-01');
    hi := coalesce(hi, date '2999-12-31');
    insert into dash_nat_cov as x (gap, day, child, ppk, panwas, both_met, met)
    with met as (
        select c.district_code, c.month + b - 1 as day,
               (c.ppk_days >> (b - 1)) & 1 as p, (c.panwas_days >> (b - 1)) & 1 as w
        from dash_cov_month c, generate_series(1, 31) b
        where c.unit_id = root
          and (codes is null or c.district_code = any(codes))
          and c.month >= date_trunc('month', lo - 29)::date and c.month <= hi
          and ((c.ppk_days | c.panwas_days) >> (b - 1)) & 1 = 1
          and c.month + b - 1 between lo - 29 and hi
    ), span as (
        select district_code, greatest(min(day), lo - 29) as first, least(max(day) + 29, hi) as last
        from met group by district_code
    ), dense as (
        select s.district_code, d::date as day, coalesce(m.p, 0) as p, coalesce(m.w, 0) as w
        from span s
        cross join generate_series(s.first, s.last, interval '1 day') d
        left join met m on m.district_code = s.district_code and m.day = d::date
    ), win as (
        select district_code, day,
               sum(p) over w7 > 0 as p7, sum(w) over w7 > 0 as w7,
               sum(p) over w14 > 0 as p14, sum(w) over w14 > 0 as w14,
               sum(p) over w30 > 0 as p30, sum(w) over w30 > 0 as w30
        from dense
        window w7 as (partition by district_code order by day rows between 6 preceding and current row),
               w14 as (partition by district_code order by day rows between 13 preceding and current row),
               w30 as (partition by district_code order by day rows between 29 preceding and current row)
    )
    select v.g, w.day, coalesce(d.unit_path[2], 0),
           s * count(*) filter (where v.p), s * count(*) filter (where v.w),
           s * count(*) filter (where v.p and v.w), s * count(*)
    from win w
    join dash_district d on d.district_code = w.district_code
    cross join lateral (values (7, w.p7, w.w7), (14, w.p14, w.w14), (30, w.p30, w.w30)) v(g, p, w)
    where w.day between lo and hi and (v.p or v.w)
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (gap, day, child) do update set
        ppk = x.ppk + excluded.ppk, panwas = x.panwas + excluded.panwas,
        both_met = x.both_met + excluded.both_met, met = x.met + excluded.met;
    if s < 0 then
        delete from dash_nat_cov where day between lo and hi and met = 0;
    end if;
end;
$$;

-- Recomputes `dash_nat_cov` from the national day bits: per kecamatan, kind (PPK, Panwascam,
-- either) and window, the runs of window ends that contain a met day, as +1 / -1 events per
-- Polda and day, summed along the days (a dense expansion per kecamatan was 10 times slower).
create function dash_nat_cov_rebuild() returns void
language sql as $$
    delete from dash_nat_cov;
    insert into dash_nat_cov (gap, day, child, ppk, panwas, both_met, met)
    with met as (
        select c.district_code, c.month + b - 1 as day,
               (c.ppk_days >> (b - 1)) & 1 = 1 as p, (c.panwas_days >> (b - 1)) & 1 = 1 as w
        from dash_cov_month c, generate_series(1, 31) b
        where c.unit_id = dash_root() and ((c.ppk_days | c.panwas_days) >> (b - 1)) & 1 = 1
    ), k as (
        select m.district_code, v.k, g.g, m.day,
               m.day - lag(m.day) over (partition by m.district_code, v.k, g.g order by m.day) as after_prev,
               lead(m.day) over (partition by m.district_code, v.k, g.g order by m.day) - m.day as to_next
        from met m
        cross join lateral (values (1, m.p), (2, m.w), (3, true)) v(k, hit)
        cross join (values (7), (14), (30)) g(g)
        where v.hit
    ), ev as (
        select k.g, coalesce(d.unit_path[2], 0) as child, e.day,
               sum(e.delta) filter (where k.k = 1) as dp,
               sum(e.delta) filter (where k.k = 2) as dw,
               sum(e.delta) filter (where k.k = 3) as dm
        from k
        join dash_district d on d.district_code = k.district_code
        cross join lateral (
            select k.day, 1 where k.after_prev is null or k.after_prev > k.g
            union all
            select k.day + k.g, -1 where k.to_next is null or k.to_next > k.g
        ) e(day, delta)
        group by 1, 2, 3
    ), dense as (
        select b.g, b.child, d::date as day
        from (select g, child, min(day) as lo, max(day) as hi from ev group by 1, 2) b,
             generate_series(b.lo, b.hi, interval '1 day') d
    ), running as (
        select x.g, x.child, x.day,
               sum(coalesce(ev.dp, 0)) over w as ppk,
               sum(coalesce(ev.dw, 0)) over w as panwas,
               sum(coalesce(ev.dm, 0)) over w as met
        from dense x
        left join ev on ev.g = x.g and ev.child = x.child and ev.day = x.day
        window w as (partition by x.g, x.child order by x.day)
    )
    select g, day, child, ppk, panwas, ppk + panwas - met, met
    from running
    where met > 0
    order by g, day, child;
$$;

-- Kecamatan per answering Polda (all of them: it changes only with wilayah hukum).
create function dash_nat_area_refresh() returns void
language sql as $$
    delete from dash_nat_area;
    insert into dash_nat_area (child, districts)
    select coalesce(unit_path[2], 0), count(*) from dash_district group by 1 order by 1;
$$;

-- The first day the kecamatan `codes` (all when null) had their PPK or Panwascam met (national).
create function dash_nat_first_refresh(codes text[]) returns void
language plpgsql as $$
declare
    root bigint := dash_root();
begin
    update dash_district d set nat_first = f.first
    from (
        select dd.district_code,
               (select c.month + length(ltrim(((c.ppk_days | c.panwas_days) & -(c.ppk_days | c.panwas_days))::bit(32)::text, '0')) - 1
                from dash_cov_month c
                where c.unit_id = root and c.district_code = dd.district_code and (c.ppk_days | c.panwas_days) <> 0
                order by c.month limit 1) as first
        from dash_district dd
        where codes is null or dd.district_code = any(codes)
    ) f
    where f.district_code = d.district_code and d.nat_first is distinct from f.first;
end;
$$;

-- Adds (sign 1) or takes away (sign -1) one meeting's contribution (20261125000005's function:
-- types and topics for every unit of the path; the national coverage rows and first day when the
-- national day bits of the kecamatan change).
create or replace function dash_contribute(f dash_meeting, s int) returns void
language plpgsql set plan_cache_mode = auto as $$
declare
    first_of_month date := date_trunc('month', f.day)::date;
    day_bit int := 1 << (extract(day from f.day)::int - 1);
    was int;
    now_is int;
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

    if cardinality(f.types) + cardinality(f.topics) > 0 then
        insert into dash_tag as x (unit_id, day, dim, code, n)
        select u, f.day, c.dim, c.code, s
        from unnest(f.unit_path) u,
             (select 'type' as dim, unnest(f.types) as code
              union all select 'topic', unnest(f.topics)) c
        order by u, c.dim, c.code
        on conflict (unit_id, day, dim, code) do update set n = x.n + excluded.n;
    end if;

    if f.ppk or f.panwas then
        -- the kecamatan's national bits of the day (1: PPK met, 2: Panwascam met), before and after
        select coalesce(sum(((c.ppk_days & day_bit) <> 0)::int + 2 * ((c.panwas_days & day_bit) <> 0)::int), 0)
        into was
        from dash_cov_month c
        where c.unit_id = f.unit_path[1] and c.district_code = f.district_code and c.month = first_of_month;
        insert into dash_cov_day as x (district_code, day, host_path, ppk, panwas)
        values (f.district_code, f.day, f.unit_path, s * f.ppk::int, s * f.panwas::int)
        on conflict (district_code, day, host_path) do update set
            ppk = x.ppk + excluded.ppk, panwas = x.panwas + excluded.panwas;
        delete from dash_cov_day where district_code = f.district_code and day = f.day and host_path = f.unit_path
                                   and ppk = 0 and panwas = 0;
        select coalesce(bool_or(c.ppk > 0)::int + 2 * bool_or(c.panwas > 0)::int, 0)
        into now_is
        from dash_cov_day c
        where c.district_code = f.district_code and c.day = f.day;
        if was <> now_is then
            perform dash_nat_cov_add(array[f.district_code], -1, f.day, f.day + 29);
        end if;
        insert into dash_cov_month as x (unit_id, district_code, month, ppk_days, panwas_days)
        select u, f.district_code, first_of_month,
               coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.ppk > 0), 0),
               coalesce(bit_or(1 << (extract(day from c.day)::int - 1)) filter (where c.panwas > 0), 0)
        from unnest(f.unit_path) u
        left join dash_cov_day c on c.district_code = f.district_code and c.host_path @> array[u]
                                and c.day >= first_of_month
                                and c.day < (first_of_month + interval '1 month')::date
        group by u
        order by u
        on conflict (unit_id, month, district_code) do update set
            ppk_days = excluded.ppk_days, panwas_days = excluded.panwas_days;
        delete from dash_cov_month where unit_id = any(f.unit_path) and district_code = f.district_code
                                     and month = first_of_month and ppk_days = 0 and panwas_days = 0;
        if was <> now_is then
            perform dash_nat_cov_add(array[f.district_code], 1, f.day, f.day + 29);
            perform dash_nat_first_refresh(array[f.district_code]);
        end if;
    end if;

    if s < 0 then
        delete from dash_day where unit_id = any(f.unit_path) and day = f.day and meetings = 0;
        delete from dash_tag where unit_id = any(f.unit_path) and day = f.day and n = 0;
    end if;
end;
$$;

-- Open commitments (20261130000300's function, plus the open total per unit).
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
        update dash_open_unit set n = n - 1 where unit_id = any(old.unit_path);
        delete from dash_open_unit where unit_id = any(old.unit_path) and n = 0;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status in ('open', 'in_progress') then
        insert into dash_open as x (unit_id, due_on, due_tz, n)
        select u, new.reckon_on, new.due_tz, 1 from unnest(new.unit_path) u order by u
        on conflict (unit_id, due_on, due_tz) do update set n = x.n + 1;
        insert into dash_open_unit as x (unit_id, n)
        select u, 1 from unnest(new.unit_path) u order by u
        on conflict (unit_id) do update set n = x.n + 1;
    end if;
    perform nextval('dash_version');
    return null;
end;
$$;

-- The answering unit of the given kecamatan (all when null); a kecamatan that moves to another
-- Polda takes its national coverage rows along.
create or replace function dash_refresh_districts(codes text[]) returns void
language plpgsql set plan_cache_mode = auto as $$
declare
    moved text[];
begin
    create temp table if not exists dash_answer (code text primary key, unit_id bigint, unit_path bigint[])
        on commit drop;
    delete from dash_answer;
    insert into dash_answer (code, unit_id, unit_path)
    select d.code, r.id, coalesce(r.path, '{}')
    from region d
    left join lateral (
        select u.id, u.path
        from unit_region ur join police_unit u on u.id = ur.unit_id
        where ur.region_code in (d.code, left(d.code, 5), left(d.code, 2))
        order by array_length(u.path, 1) desc, u.id
        limit 1
    ) r on true
    where d.level = 'district' and (codes is null or d.code = any(codes));
    select array_agg(a.code) into moved
    from dash_answer a
    left join dash_district x on x.district_code = a.code
    where x.district_code is null or (x.unit_id, x.unit_path) is distinct from (a.unit_id, a.unit_path);
    if moved is not null then
        if codes is not null then
            perform dash_nat_cov_add(moved, -1, null, null);
        end if;
        insert into dash_district as x (district_code, unit_id, unit_path)
        select a.code, a.unit_id, a.unit_path from dash_answer a where a.code = any(moved)
        on conflict (district_code) do update set unit_id = excluded.unit_id, unit_path = excluded.unit_path;
        if codes is not null then
            perform dash_nat_cov_add(moved, 1, null, null);
            perform dash_nat_first_refresh(moved);
        end if;
        perform dash_nat_area_refresh();
    end if;
    perform nextval('dash_version');
end;
$$;

-- Recomputes every summary from the base tables (20261130000300's function, plus the tables above).
create or replace function dash_rebuild() returns void
language plpgsql as $$
begin
    lock table dash_meeting, dash_day, dash_tag, dash_cov_day, dash_cov_month, dash_open, dash_open_unit,
               dash_nat_cov, dash_nat_area in exclusive mode;
    delete from dash_dirty;
    truncate dash_meeting, dash_day, dash_tag, dash_cov_day, dash_cov_month, dash_open, dash_open_unit,
             dash_nat_cov, dash_nat_area;
    insert into dash_meeting select * from dash_meeting_source order by meeting_id;
    insert into dash_day (unit_id, day, meetings, cancelled, lines, confirmed, disputed_open)
    select u, f.day, count(*), count(*) filter (where f.status = 'cancelled'),
           sum(f.lines), sum(f.confirmed), sum(f.disputed_open)
    from dash_meeting f, unnest(f.unit_path) u
    group by u, f.day
    order by u, f.day;
    insert into dash_tag (unit_id, day, dim, code, n)
    select u, f.day, c.dim, c.code, count(*)
    from dash_meeting f, unnest(f.unit_path) u,
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
    insert into dash_open_unit (unit_id, n)
    select unit_id, sum(n) from dash_open group by unit_id order by unit_id;
    perform dash_refresh_districts(null);
    delete from dash_district d where not exists (select 1 from region r where r.code = d.district_code);
    perform dash_nat_area_refresh();
    perform dash_nat_cov_rebuild();
    perform dash_nat_first_refresh(null);
    perform nextval('dash_version');
end;
$$;

select dash_rebuild();
select dash_bump_all();
