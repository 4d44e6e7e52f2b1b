-- Open commitments in a scope ($1 national, $2 unit subtree) whose reminder steps may fall
-- today: days left to the due date (for one recorded late, the day it was recorded) counted on the owner's calendar (`due_tz`), the rule of the
-- host's Polda (defaults 3 and 1), and the steps already sent for this due date. $3: the days an
-- overdue notice stands; $4: one commitment only.
select c.id, c.meeting_id, m.title as meeting_title, c.what, u.name as host_name,
       oi.name as owner_name, (oi.kind = 'polri') as "owner_police!",
       ti.name as "to_name?", c.due_on, c.due_tz,
       (c.reckon_on - (now() at time zone c.due_tz)::date)::bigint as "days_left!",
       coalesce(r.days_before, 3)::bigint as "days_before!",
       coalesce(r.days_after, 1)::bigint as "days_after!"
from commitment c
join meeting m on m.id = c.meeting_id
join police_unit u on u.id = c.host_unit_id
join institution oi on oi.id = c.owner_institution_id
left join institution ti on ti.id = c.to_institution_id
left join reminder_rule r on r.polda_id = coalesce(c.polda_id, case when u.level = 'polda' then u.id end)
where c.status in ('open', 'in_progress')
  and ($1 or c.unit_path @> array[$2::bigint])
  and ($4::bigint is null or c.id = $4)
  and c.reckon_on - (now() at time zone c.due_tz)::date
      between -(coalesce(r.days_after, 1) + $3::int) and coalesce(r.days_before, 3)
order by c.due_on, c.id
limit 500
