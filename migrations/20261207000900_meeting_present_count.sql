-- Each meeting's count of attendee lines marked present, on its own row like its type and topic
-- codes (migration 20261207000700). The meeting list counted them for each row it showed, one
-- probe of `attendee_meeting` and ≈ ten attendee lines a row: a third of the statement (a Polda's
-- rakor list 0.80 → 0.54 ms, pgbench, one client).
--
-- The attendee lines stay the truth: statement-level triggers copy every change onto the meetings
-- it touched, whoever writes; a writer that already wrote the count (the form's insert) costs the
-- trigger one look, not an update.

alter table meeting add column present_count int not null default 0;

-- The meetings already logged, without their row triggers: nothing they summarise changes.
alter table meeting disable trigger user;
update meeting m set present_count = c.n
from (select a.meeting_id, count(*)::int as n from attendee a where a.attendance = 'present' group by 1) c
where m.id = c.meeting_id;
alter table meeting enable trigger user;

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

-- The list's common shape (migration 20261207000700), the count read from the meeting's row.
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
