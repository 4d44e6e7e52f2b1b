insert into police_unit (kind, name)
select 'mabes', 'Mabes Polri' where not exists (select 1 from police_unit where kind = 'mabes')
