-- A new meeting with its types, topics and attendee lines in one statement (write.rs `insert`); the attendee
-- lines in form order, each asked to confirm as the form says or as its institution's kind says.
with m as (
    insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, purpose, starts_at, duration_minutes,
                         district_code, venue_name, venue_address, latitude, longitude, election_id, stage_id,
                         minutes, outcome, status, cancel_reason, idempotency_key, idempotency_hash, created_by,
                         type_codes, topic_codes, present_count)
    select u.id, u.path, coalesce(u.polda_id, case when u.level = 'polda' then u.id end),
           coalesce(u.polres_id, case when u.level = 'polres' then u.id end),
           $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
           (select s.id from election_stage s where s.election_id = $11 and s.ordinal = $12),
           $13, $14, $15, $16, $17, $18, $19,
           -- the codes and the count as the triggers would copy them (migration 20261207000700)
           array(select c from unnest($20::text[]) c order by 1), array(select c from unnest($21::text[]) c order by 1),
           (select count(*) from unnest($29::text[]) a where a = 'present')
    from police_unit u where u.id = $1
    returning id
), noted as (
    -- for the summaries (in a write-behind transaction the row triggers that note it stand aside)
    insert into dash_dirty (meeting_id) select m.id from m on conflict do nothing
), t as (
    insert into meeting_meeting_type (meeting_id, type_code) select m.id, c from m, unnest($20::text[]) c
), p as (
    insert into meeting_topic (meeting_id, topic_code) select m.id, c from m, unnest($21::text[]) c
), a as (
    insert into attendee (meeting_id, institution_id, person_name, position, rank, members, represents, phone,
                          attendance, sort, asks_confirmation)
    select m.id, x.institution_id, x.person_name, x.position, x.rank, x.members, x.represents, x.phone,
           x.attendance, (x.n - 1)::int,
           coalesce(x.asks, not coalesce((select k.individual from institution i
                                          join institution_kind k on k.code = i.kind
                                          where i.id = x.institution_id), false))
    from m, unnest($22::bigint[], $23::text[], $24::text[], $25::text[], $26::int[], $27::text[], $28::text[],
                   $29::text[], $30::bool[]) with ordinality
            as x(institution_id, person_name, position, rank, members, represents, phone, attendance, asks, n)
)
select id as "id!" from m
