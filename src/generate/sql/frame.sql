-- Lookup tables for the run: who may host, where, and which body of each kind sits where.
analyze police_unit, unit_region, institution;

create temp table gen_district on commit drop as
select d.code, d.name, d.tz, left(d.code, 5) as reg, left(d.code, 2) as prov,
       min(i.id) filter (where i.kind = 'ppk') as ppk,
       min(i.id) filter (where i.kind = 'panwascam') as panwas,
       min(i.id) filter (where i.kind = 'kecamatan') as kec,
       min(i.id) filter (where i.kind = 'koramil') as koramil,
       min(i.id) filter (where i.kind = 'tokoh') as tokoh,
       min(i.id) filter (where i.kind = 'linmas') as linmas
from region d
left join institution i on i.region_code = d.code
                       and i.kind in ('ppk', 'panwascam', 'kecamatan', 'koramil', 'tokoh', 'linmas')
where d.level = 'district'
group by d.code, d.name, d.tz;

create temp table gen_regency on commit drop as
select r.code, r.name,
       min(i.id) filter (where i.kind = 'kpu') as kpu,
       min(i.id) filter (where i.kind = 'bawaslu') as bawaslu,
       min(i.id) filter (where i.kind = 'kodim') as kodim,
       min(i.id) filter (where i.kind in ('pemkab', 'pemkot')) as pemda,
       min(i.id) filter (where i.kind = 'satpol_pp') as satpol,
       min(i.id) filter (where i.kind = 'partai') as partai,
       min(i.id) filter (where i.kind = 'fkub') as fkub,
       min(i.id) filter (where i.kind = 'ormas') as ormas,
       min(i.id) filter (where i.kind = 'kejaksaan') as kejari,
       min(i.id) filter (where i.kind = 'tim_kampanye') as tk1,
       max(i.id) filter (where i.kind = 'tim_kampanye') as tk2
from region r
left join institution i on i.region_code = r.code
where r.level = 'regency'
group by r.code, r.name;

create temp table gen_province on commit drop as
select p.code,
       min(i.id) filter (where i.kind = 'kpu') as kpu,
       min(i.id) filter (where i.kind = 'bawaslu') as bawaslu
from region p left join institution i on i.region_code = p.code and i.kind in ('kpu', 'bawaslu')
where p.level = 'province'
group by p.code;

create temp table gen_area on commit drop as
select ur.unit_id, d.code from unit_region ur join region d on d.code = ur.region_code and d.level = 'district'
union select ur.unit_id, d.code from unit_region ur join region d on left(d.code, 5) = ur.region_code and d.level = 'district'
union select ur.unit_id, d.code from unit_region ur join region d on left(d.code, 2) = ur.region_code and d.level = 'district';

-- Activity slots: a Polsek has 6–14 (one in twelve is nearly silent), a Polres 20–51, a
-- Polda 40–75: about 72 % of meetings are a Polsek's, 25 % a Polres', 3 % a Polda's.
create temp table gen_unit on commit drop as
select u.id, u.level, u.name, regexp_replace(u.name, '^Pol[a-z]+ ', '') as unit_short,
       i.id as inst, pi.id as parent_inst,
       a.districts, cardinality(a.districts) as n_districts,
       case u.level
           when 'polsek' then case when pg_temp.rnd(u.id, 1) < 0.08 then 0 else 6 + floor(pg_temp.rnd(u.id, 2) * 9) end
           when 'polres' then 20 + floor(pg_temp.rnd(u.id, 2) * 32)
           else 40 + floor(pg_temp.rnd(u.id, 2) * 36)
       end::int as slots
from police_unit u
join institution i on i.police_unit_id = u.id
left join institution pi on pi.police_unit_id = u.parent_id
join (select unit_id, array_agg(code order by code) as districts from gen_area group by unit_id) a on a.unit_id = u.id
where u.level in ('polda', 'polres', 'polsek');

-- The lines a meeting may have (ATTENDEES_INSERT) and their chance by host level.
create temp table gen_line on commit drop as
select l.level, s.slot, s.police,
       case l.level when 'polsek' then s.p_polsek when 'polres' then s.p_polres else s.p_polda end as p
from (values ('polsek'), ('polres'), ('polda')) l(level)
cross join (values
    (0, true, 1.0, 1.0, 1.0), (1, true, 0.75, 0.75, 0.75), (2, true, 0.7, 0.7, 0.7), (3, true, 0.45, 0.45, 0.45),
    (4, false, 0.66, 0.4, 0.25), (5, false, 0.3, 0.1, 0.1), (6, false, 0.62, 0.38, 0.25),
    (7, false, 0.7, 0.35, 0.35), (8, false, 0.72, 0.3, 0.3), (9, false, 0.45, 0.1, 0.1),
    (10, false, 0.55, 0.55, 0.55), (11, false, 0.45, 0.15, 0.15), (12, false, 0.15, 0.85, 0.85),
    (13, false, 0.12, 0.8, 0.8), (14, false, 0.08, 0.7, 0.7), (15, false, 0.08, 0.65, 0.65),
    (16, false, 0.1, 0.5, 0.5), (17, false, 0.12, 0.45, 0.45), (18, false, 0.1, 0.4, 0.4),
    (19, false, 0.15, 0.35, 0.35), (20, false, 0.15, 0.4, 0.4), (21, false, 0.15, 0.4, 0.4),
    (22, false, 0.03, 0.3, 0.3), (23, true, 0.3, 0.0, 0.0)
) s(slot, police, p_polsek, p_polres, p_polda);

create temp table gen_slot on commit drop as
select (row_number() over (order by u.id, g) - 1)::int as slot, u.id as unit_id
from gen_unit u, generate_series(1, u.slots) g;

create unique index on gen_slot (slot);

analyze gen_district, gen_regency, gen_province, gen_unit, gen_line, gen_slot;
