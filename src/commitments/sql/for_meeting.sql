-- The commitments of one meeting ($1) in a scope ($2–$4), most urgent first: the same rows as
-- list.sql, found by the meeting's key so that PostgreSQL can reuse one plan.
select c.id, c.meeting_id, m.title as meeting_title, u.name as host_name, c.what, c.owner_institution_id,
       oi.name as owner_name, ok.category as owner_category, c.owner_person, ti.name as "to_name?",
       c.due_on, c.due_h, c.starts_on, c.due_tz, c.priority as "priority: Priority", c.status as "status: CommitmentStatus",
       (case when c.status in ('open', 'in_progress') then greatest(0, (now() at time zone c.due_tz)::date - c.reckon_on) else 0 end)::int as "days_overdue!",
       least(greatest(array_length(c.unit_path, 1) - 2, 0),
             case when c.status in ('open', 'in_progress') and (now() at time zone c.due_tz)::date - c.reckon_on > 0
                  then ((now() at time zone c.due_tz)::date - c.reckon_on - 1) / $5::int else 0 end)::int as "level!",
       c.verified_by, c.version
from commitment c
join meeting m on m.id = c.meeting_id
join police_unit u on u.id = c.host_unit_id
join institution oi on oi.id = c.owner_institution_id
join institution_kind ok on ok.code = oi.kind
left join institution ti on ti.id = c.to_institution_id
where c.meeting_id = $1
  and ($2 or c.unit_path @> array[$3::bigint] or c.owner_institution_id = $4 or c.to_institution_id = $4)
order by case c.status when 'open' then 0 when 'in_progress' then 0 when 'done' then 1 else 2 end,
         "days_overdue!" desc, c.due_on, c.id
limit 200
