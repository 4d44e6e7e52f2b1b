-- The elections Sinergi ships with. Elections are data: add the next one here (or in the
-- database) with its calendar; no code changes. Idempotent.

insert into election (slug, name, kind, voting_day, national) values
    ('pemilu-2024', 'Pemilu 2024', 'pemilu', '2024-02-14', true),
    ('pilkada-2024', 'Pilkada Serentak 2024', 'pilkada', '2024-11-27', false)
on conflict (slug) do nothing;

-- Pemilu 2024 (PKPU 3/2022), stages made contiguous so every day has one.
insert into election_stage (election_id, ordinal, name, starts_on, ends_on)
select e.id, s.ordinal, s.name, s.starts_on::date, s.ends_on::date
from election e, (values
    (1, 'Persiapan dan verifikasi peserta pemilu', '2022-06-14', '2023-04-23'),
    (2, 'Pencalonan', '2023-04-24', '2023-11-27'),
    (3, 'Kampanye', '2023-11-28', '2024-02-10'),
    (4, 'Masa tenang', '2024-02-11', '2024-02-13'),
    (5, 'Pemungutan dan penghitungan suara', '2024-02-14', '2024-02-14'),
    (6, 'Rekapitulasi hasil', '2024-02-15', '2024-03-20'),
    (7, 'Sengketa hasil dan penetapan terpilih', '2024-03-21', '2024-09-30'),
    (8, 'Pengucapan sumpah/janji dan pelantikan', '2024-10-01', '2024-10-20')
) as s(ordinal, name, starts_on, ends_on)
where e.slug = 'pemilu-2024'
on conflict (election_id, ordinal) do nothing;

-- Pilkada Serentak 2024 (PKPU 2/2024).
insert into election_stage (election_id, ordinal, name, starts_on, ends_on)
select e.id, s.ordinal, s.name, s.starts_on::date, s.ends_on::date
from election e, (values
    (1, 'Persiapan dan pemutakhiran data pemilih', '2024-01-01', '2024-08-26'),
    (2, 'Pendaftaran pasangan calon', '2024-08-27', '2024-08-29'),
    (3, 'Penelitian persyaratan calon', '2024-08-30', '2024-09-21'),
    (4, 'Penetapan pasangan calon', '2024-09-22', '2024-09-22'),
    (5, 'Pengundian nomor urut', '2024-09-23', '2024-09-24'),
    (6, 'Kampanye', '2024-09-25', '2024-11-23'),
    (7, 'Masa tenang', '2024-11-24', '2024-11-26'),
    (8, 'Pemungutan dan penghitungan suara', '2024-11-27', '2024-11-27'),
    (9, 'Rekapitulasi hasil', '2024-11-28', '2024-12-16'),
    (10, 'Sengketa hasil dan penetapan calon terpilih', '2024-12-17', '2025-02-19'),
    (11, 'Pelantikan', '2025-02-20', '2025-02-20')
) as s(ordinal, name, starts_on, ends_on)
where e.slug = 'pilkada-2024'
on conflict (election_id, ordinal) do nothing;

-- Pilkada 2024 took place in every province (governor) except DI Yogyakarta, whose regencies and
-- city still elected their heads.
insert into election_region (election_id, region_code)
select e.id, r.code
from election e, region r
where e.slug = 'pilkada-2024'
  and ((r.level = 'province' and r.code <> '34') or (r.level = 'regency' and r.parent_code = '34'))
on conflict do nothing;
