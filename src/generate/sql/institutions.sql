-- The bodies meetings are held with, one per kecamatan or regency (seed-independent).
insert into institution (kind, name, region_code)
select x.kind, x.name, x.code from (
    select 'kecamatan' as kind, 'Pemerintah Kecamatan ' || name as name, code from region where level = 'district'
    union all select 'koramil', 'Koramil ' || name, code from region where level = 'district'
    union all select 'tokoh', 'Tokoh Agama dan Masyarakat Kecamatan ' || name, code from region where level = 'district'
    union all select 'linmas', 'Linmas Kecamatan ' || name, code from region where level = 'district'
    union all select 'kodim', 'Kodim ' || regexp_replace(name, '^(Kabupaten|Kota) ', ''), code from region where level = 'regency'
    union all select case when name like 'Kota %' then 'pemkot' else 'pemkab' end, 'Pemerintah ' || name, code
              from region where level = 'regency'
    union all select 'satpol_pp', 'Satpol PP ' || name, code from region where level = 'regency'
    union all select 'partai', 'Partai Politik se-' || name, code from region where level = 'regency'
    union all select 'fkub', 'FKUB ' || name, code from region where level = 'regency'
    union all select 'ormas', 'Ormas se-' || name, code from region where level = 'regency'
    union all select 'kejaksaan', 'Kejaksaan Negeri ' || regexp_replace(name, '^(Kabupaten|Kota) ', ''), code
              from region where level = 'regency'
    union all select 'tim_kampanye', 'Tim Kampanye Paslon Nomor Urut 1 ' || name, code from region where level = 'regency'
    union all select 'tim_kampanye', 'Tim Kampanye Paslon Nomor Urut 2 ' || name, code from region where level = 'regency'
) x
on conflict do nothing
