-- Removes the meetings (and everything hanging from them) of an earlier run; the caller
-- deletes the meetings of gen_old last, to count them.
create temp table gen_old on commit drop as
select id from meeting where idempotency_key like 'gen-%';
delete from commitment_note where commitment_id in (select c.id from commitment c join gen_old o on o.id = c.meeting_id);
delete from commitment where meeting_id in (select id from gen_old);
delete from confirmation where meeting_id in (select id from gen_old);
delete from confirmation_link where meeting_id in (select id from gen_old);
delete from attendee where meeting_id in (select id from gen_old);
delete from meeting_topic where meeting_id in (select id from gen_old);
delete from meeting_meeting_type where meeting_id in (select id from gen_old);
delete from photo where meeting_id in (select id from gen_old);
