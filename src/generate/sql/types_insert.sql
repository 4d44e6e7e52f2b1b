insert into meeting_meeting_type (meeting_id, type_code)
select id, type1 from gen_meeting
union all
select id, 'cooling_system' from gen_meeting
where cooling and type1 in ('ngopi_bareng', 'silaturahmi', 'patroli_dialogis', 'jumat_curhat', 'doa_bersama')
