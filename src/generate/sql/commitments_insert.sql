-- About three commitments per meeting held, due 2–29 days later in the owner's zone; most are
-- done or verified by now, some dropped, about one in six still open (and so late).
insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id,
                        due_on, due_h, due_tz, priority, status, drop_reason, done_at, verified_at, verified_by,
                        created_at, updated_at, meeting_starts_at)
select c.meeting_id, c.host_unit_id, c.unit_path, c.polda_id, c.polres_id, c.what, c.owner, c.due_on,
       case when c.r_h < 0.3 and c.due_on - c.voting_day between -365 and 365 then c.due_on - c.voting_day end,
       coalesce(rg.tz, 'Asia/Jakarta'),
       case when c.r_p < 0.15 then 'high' when c.r_p < 0.85 then 'normal' else 'low' end,
       c.status,
       case when c.status = 'dropped' then 'Tidak relevan lagi setelah tahapan berganti.' else '' end,
       case when c.status in ('done', 'verified') then c.starts_at + (c.due_on - c.day) * c.r_done * interval '1 day' end,
       case when c.status = 'verified' then c.starts_at + ((c.due_on - c.day) * c.r_done + 2) * interval '1 day' end,
       case when c.status = 'verified' then 'Ketua PPK' end,
       c.starts_at + interval '4 hours',
       c.starts_at + interval '4 hours',
       c.starts_at
from (
    select m.id as meeting_id, mt.host_unit_id, mt.unit_path, mt.polda_id, mt.polres_id, m.day, m.voting_day, m.starts_at,
           o.insts[1 + floor(pg_temp.rnd(m.n, 60 + j) * cardinality(o.insts))::int] as owner,
           m.day + (2 + floor(pg_temp.rnd(m.n, 70 + j) * 28))::int as due_on,
           (array['Patroli rutin dan pengamanan maksimal di setiap TPS pada hari pemungutan suara.',
                  'Menyiapkan seluruh kebutuhan logistik dan teknis agar tidak ada kendala di lapangan.',
                  'Memperketat pengawasan pada setiap tahapan hingga hari pemungutan suara.',
                  'Pengamanan gudang logistik PPK selama 24 jam.',
                  'Menyebarkan imbauan anti hoaks dan anti politik uang kepada masyarakat.',
                  'Apel kesiapan pengamanan bersama Satpol PP dan Linmas.',
                  'Melaporkan setiap potensi gangguan kamtibmas kepada Polsek.',
                  'Pengawalan distribusi logistik dari gudang KPU ke PPK dan PPS.',
                  'Menjaga netralitas aparatur dan menindaklanjuti laporan pelanggaran.',
                  'Rapat lanjutan membahas titik rawan di kecamatan.'])[1 + floor(pg_temp.rnd(m.n, 80 + j) * 10)::int] as what,
           case when pg_temp.rnd(m.n, 90 + j) < 0.58 then 'done'
                when pg_temp.rnd(m.n, 90 + j) < 0.78 then 'verified'
                when pg_temp.rnd(m.n, 90 + j) < 0.84 then 'dropped'
                when pg_temp.rnd(m.n, 90 + j) < 0.93 then 'open'
                else 'in_progress' end as status,
           pg_temp.rnd(m.n, 100 + j) as r_done,
           pg_temp.rnd(m.n, 110 + j) as r_p,
           pg_temp.rnd(m.n, 120 + j) as r_h
    from gen_meeting m
    join meeting mt on mt.id = m.id
    join gen_owner o on o.meeting_id = m.id
    cross join lateral generate_series(1, floor(pg_temp.rnd(m.n, 50) * 6.4)::int) j
    where m.status <> 'cancelled'
) c
left join institution oi on oi.id = c.owner
left join region rg on rg.code = oi.region_code
order by c.meeting_id
