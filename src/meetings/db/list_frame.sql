-- What a list page reads besides its rows (meetings::db::frame), in one statement keyed so that
-- one generic plan serves every reader: the reader's unit ($2) and the filter's unit ($3) with
-- their levels and paths (`Within`), the type, topic and stage choices, and the units visible in
-- the scope ($1 everything, else $2's subtree) for the unit filter.
select coalesce((select json_agg(json_build_object('id', u.id, 'level', u.level, 'path', u.path))
                 from police_unit u where u.id = $2 or u.id = $3), '[]') as "found!: Json<Vec<FoundUnit>>",
       coalesce((select json_agg(json_build_object('code', t.code, 'label', t.label) order by t.sort)
                 from meeting_type t), '[]') as "types!: Json<Vec<Choice>>",
       coalesce((select json_agg(json_build_object('code', t.code, 'label', t.label) order by t.sort)
                 from topic t), '[]') as "topics!: Json<Vec<Choice>>",
       coalesce((select json_agg(json_build_object('id', s.id, 'label', e.name || ' · ' || s.name)
                                 order by e.voting_day desc, s.ordinal)
                 from election_stage s join election e on e.id = s.election_id), '[]') as "stages!: Json<Vec<StageChoice>>",
       coalesce((select json_agg(json_build_object('id', v.id, 'name', v.name, 'path', v.path)
                                 order by v.depth, v.name)
                 from (select w.id, w.name, w.path, w.depth from (
                           select u.id, u.name, u.path, array_length(u.path, 1) as depth from police_unit u where $1
                           union all
                           select u.id, u.name, u.path, array_length(u.path, 1) from police_unit u
                           where not $1 and u.path @> array[$2::bigint]) w
                       order by w.depth, w.name limit 1000) v), '[]') as "units!: Json<Vec<UnitChoice>>"
