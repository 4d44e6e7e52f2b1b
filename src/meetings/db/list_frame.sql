-- What a list page reads besides its rows (meetings::db::frame): the reader's unit ($2) and the
-- filter's unit ($3) for `Within`, the choices, and the units visible in the scope ($1
-- everything, else $2's subtree): migration 20261207000301, planned once per connection.
select found as "found!: Json<Vec<FoundUnit>>", types as "types!: Json<Vec<Choice>>",
       topics as "topics!: Json<Vec<Choice>>", stages as "stages!: Json<Vec<StageChoice>>",
       units as "units!: Json<Vec<UnitChoice>>"
from meeting_list_frame($1, $2, $3)
