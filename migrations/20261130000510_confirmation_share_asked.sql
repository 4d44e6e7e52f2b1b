-- #18 point 10: the dashboard's confirmation share counts only the lines whose institution was
-- asked to confirm — an election body (KPU, PPK, PPS, Bawaslu, Panwascam) or an institution a
-- confirmation link was made for at that meeting — as the meeting page's badge does. Invited
-- TNI, Camat or community leaders no longer pull it down. (20261125000005's view with the two
-- counts narrowed; DDL first, the rebuild last.)
create or replace view dash_meeting_source as
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
           count(*) filter (where a.asked and a.attendance = 'present') as lines,
           count(*) filter (where a.asked and a.attendance = 'present' and a.confirmation <> 'pending') as confirmed,
           count(*) filter (where a.confirmation = 'disputed' and a.dispute_response is null) as disputed_open,
           array_agg(a.region_code) filter (where a.kind = 'ppk' and a.attendance = 'present') as ppk,
           array_agg(a.region_code) filter (where a.kind = 'panwascam' and a.attendance = 'present') as panwas
    from (
        select a.meeting_id, a.attendance, a.confirmation, a.dispute_response, i.kind, i.region_code,
               i.kind <> 'polri'
               and (i.kind in ('kpu', 'ppk', 'pps', 'bawaslu', 'panwascam')
                    or exists (select 1 from confirmation_link l
                               where l.meeting_id = a.meeting_id and l.institution_id = a.institution_id)) as asked
        from attendee a
        join institution i on i.id = a.institution_id
    ) a
    group by a.meeting_id
) a on a.meeting_id = m.id;

-- A link made for an institution asks it to confirm: the meeting's figures change.
create trigger dash_confirmation_link after insert or delete on confirmation_link
    for each row execute function dash_note_meeting();

select dash_rebuild();
select dash_bump_all();
