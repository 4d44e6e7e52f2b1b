-- dash_apply_meetings (20261207000102) planned its statements for each batch's values: 4–5 ms for a batch of
-- one meeting (the deferred trigger's and a quiet write-behind applier's case), 7.5 ms for twenty, on a warm
-- connection at scale 1. Its statements find their rows by key (the batch's ids, the summary keys they sum
-- to), so one generic plan each serves every batch: 1.0–1.3 ms for one meeting, 2.9 ms for eighteen
-- (measured in psql on this machine; results unchanged: the dashboard tests compare with a recount).

alter function dash_apply_meetings(bigint[]) set plan_cache_mode = force_generic_plan;
alter function dash_apply_coverage(dash_change[]) set plan_cache_mode = force_generic_plan;
