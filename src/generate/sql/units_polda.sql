with prov as (
    select p.code,
           case p.code when '31' then 'Polda Metro Jaya' when '34' then 'Polda DI Yogyakarta'
                       else 'Polda ' || p.name end as name
    from region p
    where p.level = 'province'
      and not exists (select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                      where u.level = 'polda' and ur.region_code = p.code)
), ins as (
    insert into police_unit (kind, name, parent_id, province_code)
    select 'polda', prov.name, (select id from police_unit where kind = 'mabes' order by id limit 1), prov.code
    from prov order by prov.code
    on conflict (name) do nothing
    returning id, province_code
)
insert into unit_region (unit_id, region_code) select id, province_code from ins
