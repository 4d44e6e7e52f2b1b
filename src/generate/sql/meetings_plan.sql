-- Plans $1 meetings: host, day (skewed towards voting day), place, time, status, types.
create temp table gen_meeting on commit drop as
with e as (
    select
        (select id from election where slug = 'pilkada-2024') as pilkada,
        (select voting_day from election where slug = 'pilkada-2024') as pilkada_day,
        (select id from election where slug = 'pemilu-2024') as pemilu,
        (select voting_day from election where slug = 'pemilu-2024') as pemilu_day,
        (select count(*) from gen_slot) as slots
), planned as (
    select g.n,
           s.unit_id,
           case when pg_temp.rnd(g.n, 1) < 0.85 then e.pilkada else e.pemilu end as election_id,
           case when pg_temp.rnd(g.n, 1) < 0.85 then e.pilkada_day else e.pemilu_day end
             + case when pg_temp.rnd(g.n, 3) < 0.07 then 1 + floor(pg_temp.rnd(g.n, 4) * 9)::int
                    else -floor(89 * power(pg_temp.rnd(g.n, 4), 1.6))::int end as day
    from generate_series(1, $1::bigint) g(n)
    cross join e
    join gen_slot s on s.slot = floor(pg_temp.rnd(g.n, 2) * e.slots)::int
)
select p.n, nextval('meeting_id_seq') as id, p.unit_id, u.level, u.name as unit_name, u.unit_short, u.inst, u.parent_inst,
       p.election_id, p.day, st.id as stage_id, st.name as stage_name, el.name as election_name, el.voting_day,
       d.code as district_code, d.name as district_name, d.tz, d.reg, d.prov,
       ((p.day + make_time(8 + floor(pg_temp.rnd(p.n, 6) * 12)::int, 15 * floor(pg_temp.rnd(p.n, 7) * 4)::int, 0))
            at time zone d.tz) as starts_at,
       case when pg_temp.rnd(p.n, 8) < 0.03 then 'cancelled'
            when pg_temp.rnd(p.n, 8) < 0.64 then 'reported' else 'held' end as status,
       case when p.day - el.voting_day between -4 and -1 and pg_temp.rnd(p.n, 9) < 0.35 then 'apel_kesiapan'
            else (array['ngopi_bareng', 'ngopi_bareng', 'ngopi_bareng', 'cooling_system', 'cooling_system',
                        'rakor', 'rakor', 'rakor', 'rakor', 'deklarasi_damai', 'doa_bersama', 'apel_kesiapan',
                        'silaturahmi', 'silaturahmi', 'silaturahmi', 'patroli_dialogis', 'patroli_dialogis',
                        'jumat_curhat', 'sosialisasi', 'lainnya'])[1 + floor(pg_temp.rnd(p.n, 10) * 20)::int]
       end as type1,
       pg_temp.rnd(p.n, 11) < 0.35 as cooling
from planned p
join gen_unit u on u.id = p.unit_id
join election el on el.id = p.election_id
join gen_district d on d.code = u.districts[1 + floor(pg_temp.rnd(p.n, 5) * u.n_districts)::int]
left join election_stage st on st.election_id = p.election_id and p.day between st.starts_on and st.ends_on
