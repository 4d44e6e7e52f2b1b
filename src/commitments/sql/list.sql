-- Commitments in a scope matching a filter, most urgent first ($1–$3 the scope, $4 the days after
-- which an overdue item climbs, $5–$12 the filter, $13 the limit). Overdue and escalation are
-- computed here (from `reckon_on`) so that lists, counts and exports agree with `domain::days_overdue`.
select x.id as "id!", x.meeting_id as "meeting_id!", x.meeting_title as "meeting_title!", x.host_name as "host_name!",
       x.what as "what!", x.owner_institution_id as "owner_institution_id!", x.owner_name as "owner_name!",
       x.owner_category as "owner_category!", x.owner_person as "owner_person!", x.to_name as "to_name?",
       x.due_on as "due_on!", x.due_h, x.starts_on, x.due_tz as "due_tz!", x.priority as "priority!: Priority",
       x.status as "status!: CommitmentStatus",
       x.days_overdue as "days_overdue!", x.level as "level!", x.verified_by, x.version as "version!"
from (
  select c.id, c.meeting_id, m.title as meeting_title, u.name as host_name, c.what, c.owner_institution_id,
         oi.name as owner_name, ok.category as owner_category, c.owner_person, ti.name as to_name,
         c.due_on, c.due_h, c.starts_on, c.due_tz, c.priority, c.status,
         (case when c.status in ('open', 'in_progress') then greatest(0, (now() at time zone c.due_tz)::date - c.reckon_on) else 0 end)::int as days_overdue,
         least(greatest(array_length(c.unit_path, 1) - 2, 0),
               case when c.status in ('open', 'in_progress') and (now() at time zone c.due_tz)::date - c.reckon_on > 0
                    then ((now() at time zone c.due_tz)::date - c.reckon_on - 1) / $4::int else 0 end)::int as level,
         c.verified_by, c.version, c.unit_path, c.host_unit_id, m.election_id
  from commitment c
  join meeting m on m.id = c.meeting_id
  join police_unit u on u.id = c.host_unit_id
  join institution oi on oi.id = c.owner_institution_id
  join institution_kind ok on ok.code = oi.kind
  left join institution ti on ti.id = c.to_institution_id
  where ($1 or c.unit_path @> array[$2::bigint]
         or c.owner_institution_id = $3 or c.to_institution_id = $3)
) x
where ($5::text is null or x.status = $5)
  and (not $6 or x.days_overdue > 0)
  and (not $7 or x.level >= 1)
  and ($8::text is null or x.owner_category = $8)
  and ($9::int is null or (x.status in ('open', 'in_progress') and x.due_on <= (now() at time zone x.due_tz)::date + $9::int))
  and ($10::bigint is null or x.election_id = $10)
  and (not $11 or $12::bigint is null or x.host_unit_id = $12
       or (x.level >= 1 and x.unit_path[array_length(x.unit_path, 1) - 1] = $12)
       or (x.level >= 2 and x.unit_path[array_length(x.unit_path, 1) - 2] = $12)
       or (x.level >= 3 and x.unit_path[array_length(x.unit_path, 1) - 3] = $12))
order by case x.status when 'open' then 0 when 'in_progress' then 0 when 'done' then 1 else 2 end,
         x.days_overdue desc, x.due_on, x.id
limit $13
