-- The planned topics (tags_plan.sql).
insert into meeting_topic (meeting_id, topic_code)
select meeting_id, code from gen_tag where dim = 'topic'
