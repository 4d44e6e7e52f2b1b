-- The meeting list's unit filter as a drill-down: the reader's unit and the units directly under
-- it, and along the chosen unit's path each unit with the units directly under it — so a Polda's
-- list offers the Polda and its Polres, and once a Polres is chosen, its Polsek too.
--
-- Before, the filter offered every unit of the scope: 162 options (≈ 10 kB of the page) on a
-- Polda's list, and on the nation's the first 1,000 of 6,398 units by level and name, so most
-- Polsek could not be chosen there at all. Reading and rendering them was a third of a Polda
-- list's time. Everything else is as in migration 20261207000301.
create or replace function meeting_list_frame(p_national boolean, p_unit bigint, p_filter bigint)
returns table (found json, types json, topics json, stages json, units json)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
declare
    -- where the drill-down starts: the reader's unit, or the root for the nation
    top bigint := case when p_national then (select u.id from police_unit u where u.parent_id is null
                                              order by u.id limit 1)
                       else p_unit end;
    -- the chosen unit and the units above it
    chosen bigint[] := coalesce((select u.path from police_unit u where u.id = p_filter), '{}');
begin
    return query
    select coalesce((select json_agg(json_build_object('id', u.id, 'level', u.level, 'path', u.path))
                     from police_unit u where u.id = p_unit or u.id = p_filter), '[]'),
           coalesce((select json_agg(json_build_object('code', t.code, 'label', t.label) order by t.sort)
                     from meeting_type t), '[]'),
           coalesce((select json_agg(json_build_object('code', t.code, 'label', t.label) order by t.sort)
                     from topic t), '[]'),
           coalesce((select json_agg(json_build_object('id', s.id, 'label', e.name || ' · ' || s.name)
                                     order by e.voting_day desc, s.ordinal)
                     from election_stage s join election e on e.id = s.election_id), '[]'),
           coalesce((select json_agg(json_build_object('id', v.id, 'name', v.name, 'path', v.path)
                                     order by array_length(v.path, 1), v.name)
                     from (select u.id, u.name, u.path from police_unit u
                           where u.id = top or u.id = any(chosen)
                           union
                           select u.id, u.name, u.path from police_unit u
                           where u.parent_id = top or u.parent_id = any(chosen)) v
                     where p_national or v.path @> array[p_unit]), '[]');
end
$$;
