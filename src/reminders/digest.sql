-- The commanders' digest ($1 national, $2 unit subtree, $3 escalation days): open commitments
-- due today, overdue since the end of yesterday, or that climbed a level since yesterday
-- (overdue by 1 + k·$3 days; lateness counts from `reckon_on`), with the unit path to tell whom they climbed to.
select c.id, c.what, u.name as host_name, oi.name as owner_name, c.due_on, c.unit_path,
       ((now() at time zone c.due_tz)::date - c.reckon_on)::bigint as "days_late!"
from commitment c
join police_unit u on u.id = c.host_unit_id
join institution oi on oi.id = c.owner_institution_id
where c.status in ('open', 'in_progress')
  and ($1 or c.unit_path @> array[$2::bigint])
  and c.reckon_on >= (now() at time zone c.due_tz)::date - (3 * $3::int + 1)
  and ((now() at time zone c.due_tz)::date - c.reckon_on in (0, 1)
       or ((now() at time zone c.due_tz)::date - c.reckon_on > 1
           and ((now() at time zone c.due_tz)::date - c.reckon_on - 1) % $3::int = 0))
order by c.due_on, c.id
limit 500
