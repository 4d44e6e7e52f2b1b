-- Who may own a meeting's commitments: the institutions present at it.
create temp table gen_owner on commit drop as
select a.meeting_id, array_agg(distinct a.institution_id) as insts
from attendee a join gen_meeting m on m.id = a.meeting_id
where a.attendance = 'present'
group by a.meeting_id
