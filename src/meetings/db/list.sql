-- One keyset page of the meeting list ($17 rows), newest first; see `list` in list.rs for the
-- parameters. Scope columns: $1 everything, $2 polda, $6 polres, $19 host, $3 institution.
select m.id, m.starts_at, d.tz, m.title, u.name as host_name, d.name as district_name,
          m.status as "status: MeetingStatus",
          m.type_codes as "type_codes!",
          m.topic_codes as "topic_codes!",
          m.present_count::bigint as "present!"
   from meeting m
   join police_unit u on u.id = m.host_unit_id
   join region d on d.code = m.district_code
   where ($1 or coalesce($2::bigint, $3::bigint, $6::bigint, $19::bigint) is not null)
     and ($2::bigint is null or m.polda_id = $2)
     and ($6::bigint is null or m.polres_id = $6)
     and ($19::bigint is null or m.host_unit_id = $19)
     and ($3::bigint is null or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $3))
     and ($4::date is null or m.starts_at >= $4::date - interval '9 hours')
     and ($4::date is null or (m.starts_at at time zone d.tz)::date >= $4)
     and ($5::date is null or m.starts_at < $5::date + interval '1 day' - interval '7 hours')
     and ($5::date is null or (m.starts_at at time zone d.tz)::date <= $5)
     and ($7::text is null or m.district_code = $7)
     and ($8::text is null or exists (select 1 from meeting_meeting_type x where x.meeting_id = m.id and x.type_code = $8 and m.id > 0))
     and ($9::bigint is null or m.election_id = $9)
     and ($10::bigint is null or m.stage_id = $10)
     and ($11::text is null or exists (select 1 from meeting_topic x where x.meeting_id = m.id and x.topic_code = $11 and m.id > 0))
     and ($12::bigint is null or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $12 and a.attendance = 'present' and m.id > 0))
     and ($13::text is null or m.status = $13)
     and ($14::text is null or m.search @@ websearch_to_tsquery('indonesian', $14))
     and ($15::timestamptz is null or (m.starts_at, m.id) < ($15, $16))
     and (not $18 or exists (select 1 from attendee a join institution i on i.id = a.institution_id
                             where a.meeting_id = m.id and a.confirmation = 'pending' and i.kind <> 'polri'))
   order by m.starts_at desc, m.id desc
   limit $17
