-- Each generated meeting's count of attendee lines present, onto its row (migration
-- 20261207000700): the lines are drawn after the meetings are written (attendees_insert.sql) and
-- the triggers that copy it are off in bulk mode; with them on this finds nothing to change.
update meeting m set present_count = c.n
from (select a.meeting_id, count(*)::int as n
      from attendee a join gen_meeting g on g.id = a.meeting_id
      where a.attendance = 'present'
      group by 1) c
where m.id = c.meeting_id and m.present_count <> c.n
