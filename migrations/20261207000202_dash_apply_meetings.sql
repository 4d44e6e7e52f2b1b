-- The meetings a write-behind batch summarises, handed over at once to dash_apply_meetings (20261207000102:
-- the batch's differences summed per summary row) instead of meeting after meeting.

create or replace function write_behind_apply() returns int
language plpgsql as $$
declare
    head audit_head;
    r audit_log;
    ids bigint[];
    n int := 0;
begin
    perform pg_advisory_xact_lock(7341700512);
    -- the chain's head first, as a synchronous writer takes it (its audit insert) before its summaries
    select * into head from audit_head where id = 1 for update;
    -- the summaries' own dash_bump calls join the queue, emptied once below
    perform set_config('sinergi.write_behind', 'on', true);
    with d as (delete from dash_dirty returning meeting_id)
    select array_agg(meeting_id order by meeting_id) into ids from d;
    if ids is not null then
        perform dash_apply_meetings(ids);
        n := cardinality(ids);
    end if;
    for r in select * from audit_log where seq is null order by id for update loop
        r.seq := head.seq + 1;
        r.prev_hash := head.hash;
        r.hash := audit_link(head.hash, r);
        update audit_log set seq = r.seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
        head.seq := r.seq;
        head.hash := r.hash;
        n := n + 1;
    end loop;
    update audit_head set seq = head.seq, hash = head.hash where id = 1 and seq <> head.seq;
    perform set_config('sinergi.write_behind', 'off', true);
    with d as (delete from dash_bump_pending returning unit_id)
    insert into dash_unit_version as x (unit_id, v)
    select distinct unit_id, 1::bigint from d order by 1
    on conflict (unit_id) do update set v = x.v + 1;
    return n;
end;
$$;
