-- The planned types (tags_plan.sql).
insert into meeting_meeting_type (meeting_id, type_code)
select meeting_id, code from gen_tag where dim = 'type'
