-- Plans each meeting's types and topics (written by types_insert.sql and topics_insert.sql, and
-- onto the meeting's own row by meetings_insert.sql, as migration 20261207000700 keeps them).
-- Types: the first type, and Cooling System beside the informal kinds when the plan says so.
-- Topics by base chance, more about TPS and logistics in the last two weeks before voting.
create temp table gen_tag on commit drop as
select id as meeting_id, 'type' as dim, type1 as code from gen_meeting
union all
select id, 'type', 'cooling_system' from gen_meeting
where cooling and type1 in ('ngopi_bareng', 'silaturahmi', 'patroli_dialogis', 'jumat_curhat', 'doa_bersama')
union all
select m.id, 'topic', t.code
from gen_meeting m
cross join (values
    (1, 'pam_tps', 0.25, 0.45), (2, 'gudang_logistik', 0.12, 0.25), (3, 'distribusi_logistik', 0.08, 0.35),
    (4, 'patroli', 0.25, 0.1), (5, 'hoaks', 0.22, 0.0), (6, 'sara', 0.08, 0.0), (7, 'politik_uang', 0.15, 0.1),
    (8, 'netralitas', 0.12, 0.0), (9, 'kampanye', 0.18, -0.15), (10, 'potensi_konflik', 0.2, 0.1)
) t(k, code, p, near)
where pg_temp.rnd(m.n, 20 + t.k) < t.p + case when m.day - m.voting_day between -14 and 0 then t.near else 0 end
