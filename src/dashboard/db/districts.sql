-- Kecamatan of a dashboard scope and when their PPK and Panwascam were last met (db::districts).
-- Every part finds its rows by keys, so one kept (generic) plan serves every scope. Below Mabes the
-- coverage window is read as one range of the unit's rows, grouped with its area by kecamatan,
-- not probed once per kecamatan: for a Polda of 172 kecamatan the probes were 1,400 of the
-- statement's 1,700 buffer reads (a join of the two ranges is planned as a nested loop).
-- $1 unit, $2 national, $3/$4 and $5/$6 the coverage window as (month, day bits), $7 the child's
-- position in a path, $8 the period's end, $9 gaps only, $10 one child (0: the unit's own),
-- $11 limit, $12/$13 the month of $8 and its day bits up to $8, $14 nationally the children whose
-- kecamatan are read (null: all).
with met as (
    select c.district_code,
           bool_or((c.ppk_days & (case when c.month = $3 then $4 else 0 end
                                 | case when c.month = $5 then $6 else 0 end)) <> 0) as ppk,
           bool_or((c.panwas_days & (case when c.month = $3 then $4 else 0 end
                                    | case when c.month = $5 then $6 else 0 end)) <> 0) as panwas
    from dash_cov_month c
    where c.unit_id = $1 and c.month in ($3, $5)
      and ($14::bigint[] is null
           or c.district_code in (select g.district_code from dash_district g where g.unit_path && $14))
    group by c.district_code
), d as (
    -- nationally every kecamatan; below Mabes those of the unit's area, found by its key
    select d.district_code, d.unit_path[$7] as child,
           coalesce(m.ppk, false) as ppk_met, coalesce(m.panwas, false) as panwas_met
    from dash_district d
    left join met m on m.district_code = d.district_code
    where $2 and ($14::bigint[] is null or d.unit_path && $14)
      and (not $9 or not coalesce(m.ppk or m.panwas, false))
      and ($10::bigint is null or coalesce(d.unit_path[$7], 0) = $10)
    union all
    select g.district_code, g.child, g.ppk, g.panwas
    from (
        select x.district_code, max(x.child) as child, bool_or(x.area) as area,
               bool_or(x.ppk) as ppk, bool_or(x.panwas) as panwas
        from (
            select a.district_code, a.child, true as area, false as ppk, false as panwas
            from dash_area a
            where not $2 and a.unit_id = $1
            union all
            select c.district_code, null, false,
                   (c.ppk_days & (case when c.month = $3 then $4 else 0 end
                                  | case when c.month = $5 then $6 else 0 end)) <> 0,
                   (c.panwas_days & (case when c.month = $3 then $4 else 0 end
                                     | case when c.month = $5 then $6 else 0 end)) <> 0
            from dash_cov_month c
            where not $2 and c.unit_id = $1 and c.month in ($3, $5)
        ) x
        group by x.district_code
    ) g
    where g.area
      and (not $9 or not (g.ppk or g.panwas))
      and ($10::bigint is null or coalesce(g.child, 0) = $10)
), l as (
    -- the last day met up to $8: the highest day bit of the latest month that has one ($12: the month of $8, $13: its days up to $8)
    select d.*, lm.last_ppk, lm.last_panwas
    from d
    left join lateral (
        select max(c.month + length(ltrim((c.ppk_days & case when c.month = $12 then $13 else -1 end)::bit(32)::text, '0')) - 1)
                   filter (where (c.ppk_days & case when c.month = $12 then $13 else -1 end) <> 0) as last_ppk,
               max(c.month + length(ltrim((c.panwas_days & case when c.month = $12 then $13 else -1 end)::bit(32)::text, '0')) - 1)
                   filter (where (c.panwas_days & case when c.month = $12 then $13 else -1 end) <> 0) as last_panwas
        from dash_cov_month c
        where c.unit_id = $1 and c.district_code = d.district_code and c.month <= $8::date
    ) lm on true
), pick as (
    select l.*, coalesce(greatest(l.last_ppk, l.last_panwas), date '1900-01-01') as stale
    from l
    order by case when $9 then coalesce(greatest(l.last_ppk, l.last_panwas), date '1900-01-01') end nulls first,
             l.district_code
    limit $11
)
select p.district_code as "code!",
       (select r.name from region r where r.code = p.district_code) as "name!",
       (select rg.name from region r join region rg on rg.code = r.parent_code
        where r.code = p.district_code) as "regency!",
       p.child as child_id,
       (select cu.name from police_unit cu where cu.id = p.child) as "child_name?",
       p.ppk_met as "ppk_met!", p.panwas_met as "panwas_met!",
       p.last_ppk, p.last_panwas,
       (select i.id from institution i where i.kind = 'ppk' and i.region_code = p.district_code limit 1) as ppk_id,
       (select i.id from institution i where i.kind = 'panwascam' and i.region_code = p.district_code limit 1) as panwas_id
from pick p
order by case when $9 then p.stale end nulls first, p.district_code
