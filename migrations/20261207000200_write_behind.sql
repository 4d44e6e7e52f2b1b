-- Write-behind for logging a meeting (issue #14 item 3): many officers at once, no queue on hot rows.
--
-- Every meeting used to wait at its commit for the one before it: its transaction held, through its commit and
-- the WAL flush, the rows every meeting writes — the audit chain's head, the dashboard versions of Mabes and of
-- the host's Polda, Polres and Polsek (`dash_unit_version`), and the summary rows of those units for the day.
-- Sixteen officers logging at once queued one flush after the other (pgbench, 16 clients: fewer meetings a
-- second than one client alone).
--
-- Now the server's create transaction sets `sinergi.write_behind = on` and writes only its own rows: the
-- meeting noted in `dash_dirty` is not summarised at its commit (the deferred `dash_flush` trigger does not
-- fire), `dash_bump` queues the units in `dash_bump_pending` instead of moving their versions, and the audit
-- entry goes in without its chain link. Right after the commit, and before it answers, the request calls
-- `write_behind_apply()`: one caller at a time, it takes everything committed and waiting — the meetings'
-- summaries (`dash_apply_meeting`), the audit entries' links in order, each unit's version once — in one
-- transaction, so sixteen meetings share one flush. Versions still move only at a commit, after the data they
-- stand for is visible. Anything else (other screens, psql, the command line) keeps the synchronous path.
-- What a crash leaves waiting is applied by the next call (every create, the server's start, `audit verify`).

create function write_behind() returns boolean language sql stable as $$
    select coalesce(current_setting('sinergi.write_behind', true), '') = 'on'
$$;

-- Units whose dashboard version is to move (one row per unit and bump; no key, so writers never wait).
create table dash_bump_pending (unit_id bigint not null);

create or replace function dash_bump(path bigint[]) returns void
language plpgsql as $$
begin
    if write_behind() then
        insert into dash_bump_pending (unit_id) select u from unnest(path) u where u is not null;
        return;
    end if;
    insert into dash_unit_version as x (unit_id, v)
    select u, 1 from unnest(path) u where u is not null order by u
    on conflict (unit_id) do update set v = x.v + 1;
end;
$$;

-- An entry written behind gets its link from write_behind_apply().
create or replace function audit_log_chain() returns trigger language plpgsql as $$
declare
    head audit_head;
begin
    if write_behind() then
        new.seq := null;
        new.prev_hash := null;
        new.hash := null;
        return new;
    end if;
    select * into head from audit_head where id = 1 for update;
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.hash := audit_link(head.hash, new);
    update audit_head set seq = new.seq, hash = new.hash where id = 1;
    return new;
end;
$$;
create index audit_log_unchained on audit_log (id) where seq is null;

-- Still append-only: the one update allowed gives an unchained entry its link, changing nothing else.
create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
       and to_jsonb(new) - array['seq', 'prev_hash', 'hash'] = to_jsonb(old) - array['seq', 'prev_hash', 'hash'] then
        return new;
    end if;
    raise exception 'audit_log is append-only';
end;
$$;

-- A meeting noted by a write-behind transaction is summarised by write_behind_apply(), not at its commit.
drop trigger dash_flush on dash_dirty;
create constraint trigger dash_flush after insert on dash_dirty
    deferrable initially deferred
    for each row when (not write_behind())
    execute function dash_flush();

-- Applies everything written behind and committed; returns how many meetings and audit entries it applied.
-- The chain's head is locked first, as a synchronous writer locks it (its audit insert) before its deferred
-- summary work: both take the same rows in the same order.
create function write_behind_apply() returns int
language plpgsql as $$
declare
    head audit_head;
    r audit_log;
    mid bigint;
    n int := 0;
begin
    if not exists (select 1 from dash_dirty) and not exists (select 1 from audit_log where seq is null)
       and not exists (select 1 from dash_bump_pending) then
        return 0;
    end if;
    perform pg_advisory_xact_lock(7341700512);
    select * into head from audit_head where id = 1 for update;
    -- the summaries' own dash_bump calls join the queue, emptied once below
    perform set_config('sinergi.write_behind', 'on', true);
    for mid in delete from dash_dirty returning meeting_id loop
        perform dash_apply_meeting(mid);
        n := n + 1;
    end loop;
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
