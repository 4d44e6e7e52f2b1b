-- The meeting list's common shape (meetings::db::list): a unit's subtree (Polda, Polres or host
-- unit) or everything, a date range, a type and a topic, newest first, one keyset page: the same
-- rows as src/meetings/db/list.sql for those filters. Each part of the scope is its own branch on
-- its own index (`meeting_polda_starts`, `meeting_polres_starts`, `meeting_host_starts`,
-- `meeting_starts`), switched off by a one-time filter when its parameter is null, and the date
-- range and cursor are index bounds, so one generic plan (set on the function: planned once per
-- connection) is right for every reader (the list's own list.sql, planned for each request's
-- values, stays for the other filters); planning list.sql for each request's values cost
-- ≈ 0.6 ms a request at scale 1.
create function meeting_list_keyed(
    p_everything boolean, p_polda bigint, p_polres bigint, p_host bigint,
    p_from date, p_to date, p_type text, p_topic text,
    p_before_at timestamptz, p_before_id bigint, p_limit bigint)
returns table (id bigint, starts_at timestamptz, tz text, title text, host_name text, district_name text,
               status text, type_codes text[], topic_codes text[], present bigint)
language plpgsql stable
set plan_cache_mode = force_generic_plan
-- A generic plan guesses a few rows in any date range and would sort them; the newest rows
-- come in order from the indexes, and the limit stops after a page.
set enable_sort = off
set enable_bitmapscan = off
as $$
#variable_conflict use_column
begin
    return query
    select m.id, m.starts_at, d.tz, m.title, u.name, d.name, m.status,
           array(select x.type_code from meeting_meeting_type x where x.meeting_id = m.id),
           array(select x.topic_code from meeting_topic x where x.meeting_id = m.id),
           (select count(*) from attendee a where a.meeting_id = m.id and a.attendance = 'present')
    from ((select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status from meeting k
           where p_polda is not null and k.polda_id = p_polda
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status from meeting k
           where p_polres is not null and k.polres_id = p_polres
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status from meeting k
           where p_host is not null and k.host_unit_id = p_host
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)
          union all
          (select k.id, k.starts_at, k.host_unit_id, k.district_code, k.title, k.status from meeting k
           where p_everything
            and k.starts_at >= coalesce(p_from - interval '9 hours', '-infinity')
            and k.starts_at < coalesce(p_to + interval '1 day' - interval '7 hours', 'infinity')
            and (k.starts_at, k.id) < (coalesce(p_before_at, 'infinity'), coalesce(p_before_id, 0))
           order by k.starts_at desc, k.id desc)) m
    join police_unit u on u.id = m.host_unit_id
    join region d on d.code = m.district_code
    where (p_from is null or (m.starts_at at time zone d.tz)::date >= p_from)
      and (p_to is null or (m.starts_at at time zone d.tz)::date <= p_to)
      and (p_type is null or exists (select 1 from meeting_meeting_type x
                                     where x.meeting_id = m.id and x.type_code = p_type and m.id > 0))
      and (p_topic is null or exists (select 1 from meeting_topic x
                                      where x.meeting_id = m.id and x.topic_code = p_topic and m.id > 0))
    order by m.starts_at desc, m.id desc
    limit p_limit;
end
$$;
