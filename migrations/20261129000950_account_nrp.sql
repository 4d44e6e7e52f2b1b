-- The NRP (police personnel number) of an account, printed under the reporting officer's name
-- on the Laporan Hasil Kegiatan. Empty until filled in.
alter table app_user add column nrp text not null default ''
    check (nrp ~ '^[0-9]{0,20}$');
