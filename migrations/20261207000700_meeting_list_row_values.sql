-- Each meeting's type and topic codes and its count of attendee lines marked present, on its own
-- row, beside the tag rows and attendee lines they copy. The meeting list (`meeting_list_keyed`,
-- replaced below) read them per row: two `array(…)` lookups and a count of ≈ ten attendee lines
-- for each row it shows and, under a type or topic filter, one probe of the tag index for every
-- meeting of the scope it walked past (≈ 240 for a Polda's rakor between October and November, to
-- show 50). From the row, that list ran in 0.54 ms instead of 1.5 (scale 1, pgbench, one client).
--
-- The tag rows and attendee lines stay the truth: statement-level triggers copy every change onto
-- the meetings it touched, whoever writes (the form, the edit, a confirmation, the generator with
-- triggers on, a hand-written statement). A writer that already wrote the values (the form's
-- insert) costs the triggers one look each, not an update.

alter table meeting
    add column type_codes text[] not null default '{}',
    add column topic_codes text[] not null default '{}',
    add column present_count int not null default 0;

-- The meetings already logged, without their row triggers: nothing they summarise changes.
alter table meeting disable trigger user;
update meeting m
set type_codes = array(select x.type_code from meeting_meeting_type x where x.meeting_id = m.id order by 1),
    topic_codes = array(select x.topic_code from meeting_topic x where x.meeting_id = m.id order by 1),
    present_count = (select count(*) from attendee a where a.meeting_id = m.id and a.attendance = 'present');
alter table meeting enable trigger user;

create function meeting_tag_codes_follow() returns trigger
language plpgsql as $$
declare
    ids bigint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(distinct meeting_id order by meeting_id) into ids from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct meeting_id order by meeting_id) into ids from old_rows;
    else
        select array_agg(distinct meeting_id order by meeting_id) into ids
        from (select meeting_id from new_rows union all select meeting_id from old_rows) k;
    end if;
    if ids is null then
        return null;
    end if;
    if tg_table_name = 'meeting_meeting_type' then
        update meeting m set type_codes = c.codes
        from unnest(ids) k(id)
        cross join lateral (select array(select x.type_code from meeting_meeting_type x
                                         where x.meeting_id = k.id order by 1) as codes) c
        where m.id = k.id and m.type_codes is distinct from c.codes;
    else
        update meeting m set topic_codes = c.codes
        from unnest(ids) k(id)
        cross join lateral (select array(select x.topic_code from meeting_topic x
                                         where x.meeting_id = k.id order by 1) as codes) c
        where m.id = k.id and m.topic_codes is distinct from c.codes;
    end if;
    return null;
end;
$$;

create trigger meeting_type_codes_insert after insert on meeting_meeting_type
    referencing new table as new_rows
    for each statement execute function meeting_tag_codes_follow();
create trigger meeting_type_codes_update after update on meeting_meeting_type
    referencing old table as old_rows new table as new_rows
    for each statement execute function meeting_tag_codes_follow();
create trigger meeting_type_codes_delete after delete on meeting_meeting_type
    referencing old table as old_rows
    for each statement execute function meeting_tag_codes_follow();
create trigger meeting_topic_codes_insert after insert on meeting_topic
    referencing new table as new_rows
    for each statement execute function meeting_tag_codes_follow();
create trigger meeting_topic_codes_update after update on meeting_topic
    referencing old table as old_rows new table as new_rows
    for each statement execute function meeting_tag_codes_follow();
create trigger meeting_topic_codes_delete after delete on meeting_topic
    referencing old table as old_rows
    for each statement execute function meeting_tag_codes_follow();

create function meeting_present_count_follow() returns trigger
language plpgsql as $$
declare
    ids bigint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(distinct meeting_id order by meeting_id) into ids from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct meeting_id order by meeting_id) into ids from old_rows;
    else
        -- a confirmation answer updates lines without changing who was present: a line whose
        -- meeting and attendance are the same before and after cancels out
        select array_agg(distinct k.meeting_id order by k.meeting_id) into ids
        from (select x.meeting_id from (select meeting_id, id, attendance, 1 as s from new_rows
                                        union all
                                        select meeting_id, id, attendance, -1 from old_rows) x
              group by x.meeting_id, x.id, x.attendance
              having sum(x.s) <> 0) k;
    end if;
    if ids is null then
        return null;
    end if;
    update meeting m set present_count = c.n
    from unnest(ids) k(id)
    cross join lateral (select count(*)::int as n from attendee a
                        where a.meeting_id = k.id and a.attendance = 'present') c
    where m.id = k.id and m.present_count <> c.n;
    return null;
end;
$$;

create trigger meeting_present_count_insert after insert on attendee
    referencing new table as new_rows
    for each statement execute function meeting_present_count_follow();
create trigger meeting_present_count_update after update on attendee
    referencing old table as old_rows new table as new_rows
    for each statement execute function meeting_present_count_follow();
create trigger meeting_present_count_delete after delete on attendee
    referencing old table as old_rows
    for each statement execute function meeting_present_count_follow();

-- The list's common shape as before (migration 20261207000300), the codes, the count and the
-- type and topic filters read from the meeting's row.
create or replace function meeting_list_keyed(
    p_everything boolean, p_polda bigint, p_polres bigint, p_host bigint,
    p_from date, p_to date, p_type text, p_topic text,
    p_before_at timestamptz, p_before_id bigint, p_limit bigint)
returns table (id bigint, starts_at timestamptz, tz text, title text, host_name text, district_name text,
               status text, type_codes text[], topic_codes text[], present bigint)
language plpgsql stable
set plan_cache_mode = force_generic_plan
set enable_sort = off
set enable_bitmapscan = off
as $$
#variable_conflict use_column
begin
    return query
    select m.id, m.starts_at, d.tz, m.title, u.name, d.name, m.status, m.type_codes, m.topic_codes,
           m.present_count::bigint
    from ((select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status, k.type_codes, k.topic_codes,
                  k.present_count
           from meeting k
           where p_polda is not null and k.polda_id = p_polda
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status, k.type_codes, k.topic_codes,
                  k.present_count
           from meeting k
           where p_polres is not null and k.polres_id = p_polres
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status, k.type_codes, k.topic_codes,
                  k.present_count
           from meeting k
           where p_host is not null and k.host_unit_id = p_host
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status, k.type_codes, k.topic_codes,
                  k.present_count
           from meeting k
           where p_everything
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)) m
    join police_unit u on u.id = m.host_unit_id
    join region d on d.code = m.district_code
    where (p_from is null or (m.starts_at at time zone d.tz)::date >= p_from)
      and (p_to is null or (m.starts_at at time zone d.tz)::date <= p_to)
      and (p_type is null or p_type = any(m.type_codes))
      and (p_topic is null or p_topic = any(m.topic_codes))
    order by m.starts_at desc, m.id desc
    limit p_limit;
end
$$;
