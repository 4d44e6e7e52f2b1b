with dist as (
    select d.code, d.name as dname, left(d.code, 5) as reg, left(d.code, 2) as prov
    from region d
    where d.level = 'district'
      and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                      where u.level = 'polsek' and ur.region_code = d.code)
      and (hashtext('polsek:' || d.code) & 1023) < 820
), named as (
    select dist.*,
           case when count(*) over (partition by dist.dname) > 1
                     or exists (select 1 from police_unit u where u.name = 'Polsek ' || dist.dname)
                then 'Polsek ' || dist.dname || ' (' || regexp_replace(r.name, '^(Kabupaten|Kota) ', '') || ')'
                else 'Polsek ' || dist.dname end as name
    from dist join region r on r.code = dist.reg
), ins as (
    insert into police_unit (kind, name, parent_id, province_code)
    select 'polsek', n.name, pr.id, n.prov
    from named n
    join lateral (select u.id from unit_region ur join police_unit u on u.id = ur.unit_id
                  where u.level = 'polres' and ur.region_code = n.reg order by u.id limit 1) pr on true
    order by n.code
    on conflict (name) do nothing
    returning id, name
)
insert into unit_region (unit_id, region_code) select ins.id, named.code from ins join named on named.name = ins.name
