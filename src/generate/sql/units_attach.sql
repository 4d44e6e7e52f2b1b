-- Kecamatan without their own Polsek: three in four join the nearest Polsek of the regency.
insert into unit_region (unit_id, region_code)
with polsek as materialized (
    select ur.unit_id, ur.region_code as code, left(ur.region_code, 5) as reg
    from unit_region ur join police_unit u on u.id = ur.unit_id
    where u.level = 'polsek' and length(ur.region_code) = 8
), orphan as materialized (
    select d.code, left(d.code, 5) as reg
    from region d
    where d.level = 'district' and (hashtext('attach:' || d.code) & 3) <> 0
      and d.code not in (select code from polsek)
)
select distinct on (o.code) p.unit_id, o.code
from orphan o join polsek p on p.reg = o.reg
order by o.code, abs(right(p.code, 2)::int - right(o.code, 2)::int), p.unit_id
on conflict do nothing
