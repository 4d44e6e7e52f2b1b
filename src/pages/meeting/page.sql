-- The meeting page in one statement (pages::meeting::db::page): meeting $1 if the scope may see
-- it ($2 everything, $3 unit, $4 institution; the same condition as meetings::db::meeting), with
-- its labels, attendee lines, photos, history, the institutions asked by link, its follow-ups
-- (commitments/sql/for_meeting.sql, $5 escalation days), the open ones carried over from earlier
-- meetings (commitments::db::carry_over) and its sanggahan (confirmations::db::disputes), as one
-- json value. No row when the scope may not see the meeting. Every part is found by the
-- meeting's key, so one generic plan serves every meeting and reader.
with m as (
    select m.id, m.host_unit_id, u.name as host_name, u.kind as host_kind, m.unit_path, m.title, m.purpose,
           m.starts_at, m.duration_minutes, m.district_code, d.name as district_name,
           rg.name as regency_name, pv.name as province_name, d.tz,
           m.venue_name, m.venue_address, m.latitude, m.longitude, m.election_id,
           e.name as election_name, e.voting_day, s.name as stage_name,
           m.minutes, m.outcome, m.status, m.cancel_reason, m.version, m.updated_at
    from meeting m
    join police_unit u on u.id = m.host_unit_id
    join region d on d.code = m.district_code
    join region rg on rg.code = d.parent_code
    join region pv on pv.code = rg.parent_code
    left join election e on e.id = m.election_id
    left join election_stage s on s.id = m.stage_id
    where m.id = $1
      and ($2 or m.unit_path @> array[$3::bigint]
           or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $4))
)
select json_build_object(
    'm', to_json(m),
    'types', coalesce((select json_agg(t.label order by t.sort) from meeting_meeting_type x
                       join meeting_type t on t.code = x.type_code where x.meeting_id = m.id), '[]'),
    'topics', coalesce((select json_agg(t.label order by t.sort) from meeting_topic x
                        join topic t on t.code = x.topic_code where x.meeting_id = m.id), '[]'),
    'attendees', coalesce((select json_agg(r order by r.sort, r.id) from (
        select a.id, a.institution_id, i.name as institution_name, i.kind, a.person_name, a.position, a.rank,
               a.members, a.represents, a.phone, a.attendance, a.confirmation, a.confirmed_at,
               a.asks_confirmation, a.sort
        from attendee a join institution i on i.id = a.institution_id
        where a.meeting_id = m.id) r), '[]'),
    'photos', coalesce((select json_agg(r order by r.id) from (
        select p.id, p.caption from photo p where p.meeting_id = m.id) r), '[]'),
    'history', coalesce((select json_agg(r order by r.id desc) from (
        select l.id, l.at, l.actor, l.action from audit_log l
        where l.record_type = 'meeting' and l.record_id = m.id order by l.id desc limit 50) r), '[]'),
    'linked', coalesce((select json_agg(distinct l.institution_id) from confirmation_link l
                        where l.meeting_id = m.id), '[]'),
    'commitments', coalesce((select json_agg(r order by r.rank, r.days_overdue desc, r.due_on, r.id) from (
        select c.id, c.meeting_id, m.title as meeting_title, hu.name as host_name, c.what, c.owner_institution_id,
               oi.name as owner_name, ok.category as owner_category, c.owner_person, ti.name as to_name,
               c.due_on, c.due_h, c.starts_on, c.due_tz, c.priority, c.status,
               (case when c.status in ('open', 'in_progress')
                     then greatest(0, (now() at time zone c.due_tz)::date - c.reckon_on) else 0 end)::int as days_overdue,
               least(greatest(array_length(c.unit_path, 1) - 2, 0),
                     case when c.status in ('open', 'in_progress') and (now() at time zone c.due_tz)::date - c.reckon_on > 0
                          then ((now() at time zone c.due_tz)::date - c.reckon_on - 1) / $5::int else 0 end)::int as level,
               c.verified_by, c.version,
               case c.status when 'open' then 0 when 'in_progress' then 0 when 'done' then 1 else 2 end as rank
        from commitment c
        join police_unit hu on hu.id = c.host_unit_id
        join institution oi on oi.id = c.owner_institution_id
        join institution_kind ok on ok.code = oi.kind
        left join institution ti on ti.id = c.to_institution_id
        where c.meeting_id = m.id
          and ($2 or c.unit_path @> array[$3::bigint] or c.owner_institution_id = $4 or c.to_institution_id = $4)
        order by rank, days_overdue desc, c.due_on, c.id
        limit 200) r), '[]'),
    'carry', coalesce((select json_agg(r order by r.due_on, r.id) from (
        select c.id, c.what, oi.name as owner_name, c.due_on, c.status
        from commitment c join institution oi on oi.id = c.owner_institution_id
        where c.status in ('open', 'in_progress') and c.meeting_starts_at < m.starts_at
          and c.owner_institution_id in (select a.institution_id from attendee a where a.meeting_id = m.id)
          and c.unit_path @> array[m.host_unit_id]
          and ($2 or c.unit_path @> array[$3::bigint] or c.owner_institution_id = $4)
        order by c.due_on, c.id limit 30) r), '[]'),
    'sanggahan', coalesce((select json_agg(r order by r.sort) from (
        select a.id as attendee_id, i.name as institution_name, a.person_name,
               c.comment, c.created_at as at, a.dispute_response as response, a.sort
        from attendee a join institution i on i.id = a.institution_id
        join lateral (select comment, created_at from confirmation c where c.attendee_id = a.id and c.answer = 'disputed'
                      order by c.id desc limit 1) c on true
        where a.meeting_id = m.id and a.confirmation = 'disputed') r), '[]')
) as "page!: Json<PageJson>"
from m
