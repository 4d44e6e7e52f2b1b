-- Kecamatan of a dashboard's scope ($1 unit, $2 national) with the child that answers for each
-- ($3: the child's position in the path), the last day (up to $5) a meeting hosted in the
-- scope had their PPK or Panwascam present, and the kerawanan figure that applies for election
-- $4: the kecamatan's own, else its regency's; the latest, then the highest tier.
with d as (
    select dd.district_code, dd.unit_path[$3] as child
    from dash_district dd
    where $2 or dd.unit_path @> array[$1::bigint]
), met as (
    select c.district_code, max(c.day) as last_met
    from dash_cov_day c
    join d on d.district_code = c.district_code
    where c.day <= $5 and (c.ppk > 0 or c.panwas > 0)
      and ($2 or c.host_path @> array[$1::bigint])
    group by c.district_code
)
select d.district_code as "code!", r.name as "name!", rg.name as "regency!", d.child,
       m.last_met as "last_met?", k.tier as "tier?", k.region_code as "risk_region?",
       k.source as "source?", k.as_of as "as_of?", k.is_sample as "is_sample?",
       k.tps_total as "tps_total?", k.tps_rawan as "tps_rawan?"
from d
join region r on r.code = d.district_code
join region rg on rg.code = r.parent_code
left join met m on m.district_code = d.district_code
left join lateral (
    select x.tier, x.region_code, x.source, x.as_of, x.is_sample, x.tps_total, x.tps_rawan
    from kerawanan x
    where x.election_id = $4 and x.region_code in (d.district_code, r.parent_code)
    order by length(x.region_code) desc, x.as_of desc,
             case x.tier when 'tinggi' then 3 when 'sedang' then 2 else 1 end desc
    limit 1
) k on true
order by d.district_code
