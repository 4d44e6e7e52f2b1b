-- About ten attendee lines a meeting: the host's officers, the kecamatan's bodies and, more at a
-- Polres or Polda, the regency's; answers to the confirmations on most of the other bodies' lines.
-- Lines are drawn first (slot, chance by host level) and only the drawn ones are written out,
-- meeting by meeting, as the app writes them (a meeting's lines share a few table pages).
insert into attendee (meeting_id, institution_id, person_name, position, rank, members, attendance,
                      confirmation, confirmed_at, dispute_response, sort)
select y.id, y.inst,
       (array['Ahmad', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lukman',
              'Maya', 'Nur', 'Oki', 'Putri', 'Rudi', 'Sari', 'Taufik', 'Wati'])[1 + floor(pg_temp.rnd(y.n, 300 + y.slot) * 20)::int]
         || ' ' ||
       (array['Siregar', 'Saputra', 'Hidayat', 'Nasution', 'Wibowo', 'Lubis', 'Pratama', 'Harahap', 'Santoso', 'Simanjuntak',
              'Kurniawan', 'Rahman', 'Sitompul', 'Setiawan', 'Gultom', 'Yusuf'])[1 + floor(pg_temp.rnd(y.n, 330 + y.slot) * 16)::int],
       case y.slot
           when 0 then case y.level when 'polsek' then 'Kapolsek ' when 'polres' then 'Kapolres ' else 'Karo Ops ' end || y.unit_short
           when 1 then case y.level when 'polsek' then 'Kanit Intelkam' when 'polres' then 'Kasat Intelkam' else 'Dir Intelkam' end
           when 2 then case y.level when 'polsek' then 'Bhabinkamtibmas' when 'polres' then 'Kabag Ops' else 'Kabid Humas' end
           when 3 then 'Bhabinkamtibmas'
           when 4 then 'Ketua PPK Kecamatan ' || y.district_name
           when 5 then 'Anggota PPK Kecamatan ' || y.district_name
           when 6 then 'Ketua Panwaslu Kecamatan ' || y.district_name
           when 7 then case when pg_temp.rnd(y.n, 262) < 0.6 then 'Camat ' else 'Sekretaris Camat ' end || y.district_name
           when 8 then 'Danramil ' || y.district_name
           when 9 then 'Babinsa'
           when 10 then 'Tokoh agama'
           when 11 then 'Kasi Trantib'
           when 12 then 'Ketua KPU'
           when 13 then 'Ketua Bawaslu'
           when 14 then 'Dandim'
           when 15 then 'Asisten Pemerintahan'
           when 16 then 'Kasat Pol PP'
           when 17 then 'Ketua partai politik'
           when 18 then 'Ketua FKUB'
           when 19 then 'Perwakilan ormas'
           when 20 then 'Ketua tim kampanye'
           when 21 then 'Ketua tim kampanye'
           when 22 then 'Kasi Intel Kejaksaan Negeri'
           else 'Kasat Intelkam' end,
       case y.slot
           when 0 then case y.level when 'polsek' then 'AKP' when 'polres' then 'AKBP' else 'Kombes' end
           when 1 then case y.level when 'polsek' then 'Iptu' when 'polres' then 'AKP' else 'Kombes' end
           when 2 then case y.level when 'polsek' then 'Aipda' when 'polres' then 'Kompol' else 'Kombes' end
           when 3 then 'Brigpol' when 8 then 'Kapten' when 9 then 'Serka' when 14 then 'Letkol' when 23 then 'AKP'
           else '' end,
       case y.slot when 4 then floor(pg_temp.rnd(y.n, 260) * 5)::int when 6 then floor(pg_temp.rnd(y.n, 261) * 3)::int
                   when 10 then floor(pg_temp.rnd(y.n, 263) * 6)::int when 17 then floor(pg_temp.rnd(y.n, 264) * 8)::int
                   else 0 end,
       y.attendance,
       y.confirmation,
       case when y.confirmation <> 'pending' then y.starts_at + (2 + pg_temp.rnd(y.n, 360 + y.slot) * 70) * interval '1 hour' end,
       case when y.confirmation = 'disputed' and pg_temp.rnd(y.n, 390 + y.slot) < 0.4
            then 'Sudah diklarifikasi: daftar hadir diperbaiki sesuai keterangan lembaga.' end,
       y.slot
from (
    select x.*,
           case when x.police or x.r_att < 0.9 then 'present' when x.r_att < 0.95 then 'invited' else 'absent' end as attendance,
           case when x.police or x.status not in ('held', 'reported') then 'pending'
                when x.r_conf < 0.52 then case when x.r_att < 0.9 then 'present' else 'absent' end
                when x.r_conf < 0.54 then 'disputed'
                else 'pending' end as confirmation
    from (
        select m.id, m.n, m.starts_at, m.level, m.unit_short, m.district_name, m.status, s.slot, s.police,
               pg_temp.rnd(m.n, 200 + s.slot) as r_att,
               pg_temp.rnd(m.n, 230 + s.slot) as r_conf,
               case s.slot
                   when 0 then m.inst when 1 then m.inst when 2 then m.inst when 3 then m.inst
                   when 4 then d.ppk when 5 then d.ppk when 6 then d.panwas when 7 then d.kec
                   when 8 then d.koramil when 9 then d.koramil when 10 then d.tokoh when 11 then d.linmas
                   when 12 then case when m.level = 'polda' then pv.kpu else g.kpu end
                   when 13 then case when m.level = 'polda' then pv.bawaslu else g.bawaslu end
                   when 14 then g.kodim when 15 then g.pemda when 16 then g.satpol when 17 then g.partai
                   when 18 then g.fkub when 19 then g.ormas when 20 then g.tk1 when 21 then g.tk2
                   when 22 then g.kejari else m.parent_inst end as inst
        from gen_meeting m
        join gen_line s on s.level = m.level and (s.slot = 0 or pg_temp.rnd(m.n, 100 + s.slot) < s.p)
        join gen_district d on d.code = m.district_code
        join gen_regency g on g.code = m.reg
        join gen_province pv on pv.code = m.prov
    ) x
    where x.inst is not null
) y
order by y.id, y.slot
