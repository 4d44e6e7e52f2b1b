insert into meeting (id, host_unit_id, unit_path, polda_id, polres_id, title, purpose, starts_at, duration_minutes,
                     district_code, venue_name, venue_address, election_id, stage_id, minutes, outcome, status,
                     cancel_reason, idempotency_key, created_at, updated_at, type_codes, topic_codes)
select m.id, m.unit_id, pu.path,
       coalesce(pu.polda_id, case when pu.level = 'polda' then pu.id end),
       coalesce(pu.polres_id, case when pu.level = 'polres' then pu.id end),
       t.label || case m.level
           when 'polsek' then ' bersama penyelenggara Kecamatan ' || m.district_name
           when 'polres' then ' pengamanan ' || m.election_name || ' — Kec. ' || m.district_name
           else ' ' || m.unit_name || ' — Kec. ' || m.district_name end,
       'Koordinasi keamanan tahapan ' || coalesce(lower(m.stage_name), 'pemilihan') || ' ' || m.election_name || '.',
       m.starts_at,
       (array[60, 90, 120, 120, 150, 180])[1 + floor(pg_temp.rnd(m.n, 12) * 6)::int],
       m.district_code,
       case floor(pg_temp.rnd(m.n, 13) * 4)::int
           when 0 then 'Aula Mapol' || case m.level when 'polsek' then 'sek' when 'polres' then 'res' else 'da' end
           when 1 then 'Kantor Camat ' || m.district_name
           when 2 then 'Sekretariat PPK ' || m.district_name
           else 'Warung kopi di ' || m.district_name end,
       '',
       m.election_id, m.stage_id,
       case when m.status = 'reported' then 'Situasi kamtibmas aman dan kondusif; koordinasi dilanjutkan.' else '' end,
       '',
       m.status,
       case when m.status = 'cancelled' then 'Bertepatan dengan kegiatan lain; dijadwalkan ulang.' else '' end,
       'gen-' || m.n,
       m.starts_at + interval '3 hours',
       m.starts_at + interval '3 hours',
       coalesce(c.types, '{}'), coalesce(c.topics, '{}')
from gen_meeting m
left join (select meeting_id, array_agg(code order by code) filter (where dim = 'type') as types,
                  array_agg(code order by code) filter (where dim = 'topic') as topics
           from gen_tag group by meeting_id) c on c.meeting_id = m.id
join police_unit pu on pu.id = m.unit_id
join meeting_type t on t.code = m.type1
