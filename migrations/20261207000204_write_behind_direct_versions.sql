-- Write-behind (20261207000200): the applier moves the versions its summaries move directly. It is the one
-- writer of those rows while it works (synchronous writers wait for the chain's head it holds), so queueing
-- them bought nothing, and the queue table — every row deleted a moment after it was written — grew with
-- each batch until a vacuum came (measured: 420 pages for a few dozen live rows; 11 ms to scan at every apply
-- on a busy machine). The queue now only holds what a write-behind transaction itself moves besides its
-- meeting (a follow-up's units, a new PPK's row 0): usually nothing.

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
    with d as (delete from dash_dirty returning meeting_id)
    select array_agg(meeting_id order by meeting_id) into ids from d;
    if ids is not null then
        perform dash_apply_meetings(ids);
        -- what the row triggers of the meeting tables did for each meeting: its version, its path's
        insert into meeting_version as x (meeting_id, v)
        select i, 1 from unnest(ids) i order by i
        on conflict (meeting_id) do update set v = x.v + 1;
        perform dash_bump(array(select distinct u from meeting m, unnest(m.unit_path) u
                                where m.id = any(ids) order by u));
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
    with d as (delete from dash_bump_pending returning unit_id)
    insert into dash_unit_version as x (unit_id, v)
    select distinct unit_id, 1::bigint from d order by 1
    on conflict (unit_id) do update set v = x.v + 1;
    if n > 0 then
        perform nextval('data_version');
    end if;
    return n;
end;
$$;
