-- The kecamatan in each unit's area (its own and its subtree's, as `dash_district` attributes
-- them), keyed by the unit, with the child unit they count under (null: the unit answers for
-- the kecamatan itself). A dashboard below Mabes finds its kecamatan by this key instead of
-- testing every kecamatan's path (`unit_path @> array[unit]`, which a kept generic plan reads as
-- a scan of all 7,000+). Kept by statement triggers on `dash_district`, so every change of
-- wilayah hukum (dash_refresh_districts, dash_rebuild, a region deleted) carries over.

create table dash_area (
    unit_id bigint not null,
    district_code text not null,
    child bigint,
    primary key (unit_id, district_code)
);

create function dash_area_refresh(codes text[]) returns void
language sql as $$
    delete from dash_area where codes is null or district_code = any(codes);
    insert into dash_area (unit_id, district_code, child)
    select d.unit_path[i], d.district_code, d.unit_path[i + 1]
    from dash_district d, generate_subscripts(d.unit_path, 1) i
    where codes is null or d.district_code = any(codes)
    order by 1, 2;
$$;

create function dash_area_changed() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform dash_area_refresh(array(select district_code from new_rows));
    elsif tg_op = 'DELETE' then
        perform dash_area_refresh(array(select district_code from old_rows));
    else
        -- only rows whose path changed (not `nat_first`, which the meeting writes keep)
        perform dash_area_refresh(codes)
        from (select array_agg(n.district_code) as codes
              from new_rows n join old_rows o on o.district_code = n.district_code
              where n.unit_path is distinct from o.unit_path) c
        where c.codes is not null;
    end if;
    return null;
end;
$$;

create trigger dash_area_insert after insert on dash_district
    referencing new table as new_rows
    for each statement execute function dash_area_changed();
create trigger dash_area_update after update on dash_district
    referencing new table as new_rows old table as old_rows
    for each statement execute function dash_area_changed();
create trigger dash_area_delete after delete on dash_district
    referencing old table as old_rows
    for each statement execute function dash_area_changed();

select dash_area_refresh(null);
