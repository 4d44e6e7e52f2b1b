-- What a meeting list page reads besides its rows (meetings::db::frame): the reader's unit
-- (p_unit) and the filter's unit (p_filter) with their levels and paths, the type, topic and stage
-- choices, and the units visible in the scope (p_national: all, else p_unit's subtree), as json.
-- Planned once per connection (a generic plan, set on the function): planned for each request's
-- values it cost ≈ 0.45 ms a list page at scale 1, more than reading it.
create function meeting_list_frame(p_national boolean, p_unit bigint, p_filter bigint)
returns table (found json, types json, topics json, stages json, units json)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
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
                                     order by v.depth, v.name)
                     from (select w.id, w.name, w.path, w.depth from (
                               select u.id, u.name, u.path, array_length(u.path, 1) as depth
                               from police_unit u where p_national
                               union all
                               select u.id, u.name, u.path, array_length(u.path, 1) from police_unit u
                               where not p_national and u.path @> array[p_unit]) w
                           order by w.depth, w.name limit 1000) v), '[]');
end
$$;
