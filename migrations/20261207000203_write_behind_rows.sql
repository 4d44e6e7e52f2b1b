-- Write-behind (20261207000200) without a trigger call per row: a meeting logged with three attendee lines,
-- two types and two topics wrote nine rows, and each row ran three trigger functions (note the meeting for
-- the summaries, move its version and its path's, move the data version) — 27 calls, about 1 ms of the
-- database's time per meeting, to note one meeting. In a write-behind transaction those row triggers on the
-- meeting tables now stand aside: the insert notes its meeting in `dash_dirty` itself (meetings/db/insert.sql)
-- and write_behind_apply() moves, for every meeting of its batch, the meeting's version, its host path's
-- versions and the data version, after the commit as before. Every other writer runs them as before.

do $$
declare
    t text;
begin
    foreach t in array array['meeting', 'meeting_meeting_type', 'meeting_topic', 'attendee'] loop
        execute format('drop trigger %I on %I', t || '_data_version', t);
        execute format(
            'create constraint trigger %I after insert or update or delete on %I
                 deferrable initially deferred for each row when (not write_behind())
                 execute function data_version_touch()',
            t || '_data_version', t);
        execute format('drop trigger %I on %I', t || '_meeting_version', t);
        execute format(
            'create constraint trigger %I after insert or update or delete on %I
                 deferrable initially deferred for each row when (not write_behind())
                 execute function meeting_version_row()',
            t || '_meeting_version', t);
    end loop;
end;
$$;

drop trigger dash_meeting on meeting;
create trigger dash_meeting after insert or update or delete on meeting
    for each row when (not write_behind()) execute function dash_note_meeting();
drop trigger dash_meeting_type on meeting_meeting_type;
create trigger dash_meeting_type after insert or update or delete on meeting_meeting_type
    for each row when (not write_behind()) execute function dash_note_meeting();
drop trigger dash_meeting_topic on meeting_topic;
create trigger dash_meeting_topic after insert or update or delete on meeting_topic
    for each row when (not write_behind()) execute function dash_note_meeting();
drop trigger dash_attendee on attendee;
create trigger dash_attendee after insert or update or delete on attendee
    for each row when (not write_behind()) execute function dash_note_meeting();

drop trigger audit_log_data_version on audit_log;
create constraint trigger audit_log_data_version after insert or update or delete on audit_log
    deferrable initially deferred for each row when (not write_behind())
    execute function data_version_touch();
drop trigger audit_log_meeting_version on audit_log;
create constraint trigger audit_log_meeting_version after insert on audit_log
    deferrable initially deferred
    for each row when (new.record_type = 'meeting' and not write_behind())
    execute function meeting_version_page();

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
    -- the dash_bump calls below and the summaries' own join the queue, emptied once at the end
    perform set_config('sinergi.write_behind', 'on', true);
    with d as (delete from dash_dirty returning meeting_id)
    select array_agg(meeting_id order by meeting_id) into ids from d;
    if ids is not null then
        perform dash_apply_meetings(ids);
        -- what the row triggers of the meeting tables did for each meeting: its version, its path's
        insert into meeting_version as x (meeting_id, v)
        select i, 1 from unnest(ids) i order by i
        on conflict (meeting_id) do update set v = x.v + 1;
        perform dash_bump(array(select distinct u from meeting m, unnest(m.unit_path) u
                                where m.id = any(ids)));
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
    if n > 0 then
        perform nextval('data_version');
    end if;
    return n;
end;
$$;
