-- Who sees which institution in the directory (issue #13, finding 11). Official bodies — police,
-- election bodies, TNI, local government, the Forkopimda/-cam forums and the prosecutors — are
-- public reference data. The rest (parties, candidate pairs, campaign teams, FKUB, ormas,
-- community figures, and any kind added later unless its category is listed here) are typed in
-- by officers, and are shown only to signed-in users in scope: a national reader or Mabes, a unit
-- whose Polda's province contains the institution's region, or the institution's own officials.
create function institution_kind_is_public(kind text) returns boolean
language sql stable as $$
    select exists (
        select 1 from institution_kind k
        where k.code = kind
          and k.category in ('polri', 'penyelenggara', 'tni', 'pemda', 'forum', 'hukum'))
$$;

create function institution_visible(
    kind text, id bigint, region_code text,
    reader_national boolean, reader_unit bigint, reader_institution bigint
) returns boolean
language sql stable as $$
    select institution_kind_is_public(kind)
        or coalesce(reader_national, false)
        or id = reader_institution
        or exists (
            select 1 from police_unit u left join police_unit pd on pd.id = u.polda_id
            where u.id = reader_unit
              and (u.level = 'mabes'
                   or region_code = coalesce(pd.province_code, u.province_code)
                   or region_code like coalesce(pd.province_code, u.province_code) || '.%'))
$$;
