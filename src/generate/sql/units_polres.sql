with reg as (
    select r.code, left(r.code, 2) as prov,
           case when r.name like 'Kota %' then 'polresta' else 'polres' end as kind,
           case when r.name like 'Kota %' then 'Polresta ' || substr(r.name, 6)
                else 'Polres ' || regexp_replace(r.name, '^Kabupaten ', '') end as base
    from region r
    where r.level = 'regency'
      and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                      where u.level = 'polres' and ur.region_code = r.code)
), named as (
    select reg.*,
           case when count(*) over (partition by reg.base) > 1
                     or exists (select 1 from police_unit u where u.name = reg.base)
                then reg.base || ' (' || p.name || ')' else reg.base end as name
    from reg join region p on p.code = reg.prov
), ins as (
    insert into police_unit (kind, name, parent_id, province_code)
    select n.kind, n.name, pd.id, n.prov
    from named n
    join lateral (select u.id from unit_region ur join police_unit u on u.id = ur.unit_id
                  where u.level = 'polda' and ur.region_code = n.prov order by u.id limit 1) pd on true
    order by n.code
    on conflict (name) do nothing
    returning id, name
)
insert into unit_region (unit_id, region_code) select ins.id, named.code from ins join named on named.name = ins.name
