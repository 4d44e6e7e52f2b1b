-- Versions per meeting for the meeting page cache, and every change a meeting list shows moves
-- the versions of the host's path (src/cache.rs, src/pages/meeting, src/meetings/list.rs).
--
-- A meeting page shows one meeting: its rows, attendee lines, types, topics, photos, confirmation
-- links and answers, follow-ups and history. Any committed change to those moves the meeting's
-- own version (`meeting_version`), once per meeting and transaction, at its commit. The page
-- also shows the open follow-ups carried over from earlier meetings in the host's subtree (the
-- host unit's `dash_unit_version`) and names from the structure (row 0).
--
-- A filtered meeting list is kept under the versions of the unit it looks in. The summaries move
-- them when a meeting's figures change; a list also shows what the figures do not hold (the
-- police's own attendance, the host's name, the confirmation state of a line that is not
-- present), so a change to a meeting or its types, topics or attendee lines moves the versions of
-- the host's path (old and new) as well.
--
-- As with `dash_unit_version`, these are rows written in the writer's transaction: they become
-- visible with the data and only if it commits. Bulk loads (`sinergi.dash_bulk = on`) skip them
-- and `dash_rebuild()` moves every unit's version; row 0 also moves then.

create table meeting_version (
    meeting_id bigint primary key,
    v bigint not null default 0
);

-- Moves meeting `mid`'s version and, when `with_path`, the versions of `path` (the meeting's
-- current path when null). Once per meeting and transaction however many rows it wrote:
-- consecutive rows of one meeting (a meeting with its attendee lines, types and topics) are the
-- common case.
create function meeting_version_bump(mid bigint, with_path boolean, path bigint[]) returns void
language plpgsql as $$
declare
    seen text := coalesce(current_setting('sinergi.meeting_version_tx', true), '');
    key text := txid_current()::text || ':' || mid::text || ':';
begin
    if mid is null or seen = key || '2' or (seen = key || '1' and not with_path) then
        return;
    end if;
    if seen <> key || '1' then
        insert into meeting_version as x (meeting_id, v) values (mid, 1)
        on conflict (meeting_id) do update set v = x.v + 1;
    end if;
    if with_path then
        if path is null then
            select unit_path into path from meeting where id = mid;
        end if;
        perform dash_bump(coalesce(path, '{}'));
    end if;
    perform set_config('sinergi.meeting_version_tx', key || case when with_path then '2' else '1' end, true);
end;
$$;

-- The meeting's own row and what a list shows of it: its version and its host path's.
create function meeting_version_row() returns trigger
language plpgsql as $$
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_table_name = 'meeting' then
        if tg_op = 'UPDATE' and old.unit_path <> new.unit_path then
            perform meeting_version_bump(new.id, true,
                array(select distinct u from unnest(old.unit_path || new.unit_path) u order by u));
        elsif tg_op = 'DELETE' then
            perform meeting_version_bump(old.id, true, old.unit_path);
        else
            perform meeting_version_bump(new.id, true, new.unit_path);
        end if;
        return null;
    end if;
    if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.meeting_id <> new.meeting_id) then
        perform meeting_version_bump(old.meeting_id, true, null);
    end if;
    if tg_op <> 'DELETE' then
        perform meeting_version_bump(new.meeting_id, true, null);
    end if;
    return null;
end;
$$;

-- What only the meeting page shows: its own version.
create function meeting_version_page() returns trigger
language plpgsql as $$
declare
    mid bigint;
begin
    if dash_bulk() then
        return null;
    end if;
    if tg_table_name = 'commitment_note' then
        select c.meeting_id into mid from commitment c
        where c.id = case when tg_op = 'DELETE' then old.commitment_id else new.commitment_id end;
    elsif tg_table_name = 'audit_log' then
        mid := new.record_id;
    else
        if tg_op = 'UPDATE' and old.meeting_id <> new.meeting_id then
            perform meeting_version_bump(old.meeting_id, false, null);
        end if;
        mid := case when tg_op = 'DELETE' then old.meeting_id else new.meeting_id end;
    end if;
    perform meeting_version_bump(mid, false, null);
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array['meeting', 'meeting_meeting_type', 'meeting_topic', 'attendee'] loop
        execute format(
            'create constraint trigger %I after insert or update or delete on %I
                 deferrable initially deferred for each row execute function meeting_version_row()',
            t || '_meeting_version', t);
    end loop;
    foreach t in array array['photo', 'confirmation', 'confirmation_link', 'commitment', 'commitment_note'] loop
        execute format(
            'create constraint trigger %I after insert or update or delete on %I
                 deferrable initially deferred for each row execute function meeting_version_page()',
            t || '_meeting_version', t);
    end loop;
end;
$$;

-- The meeting's history (the audit entries of the meeting).
create constraint trigger audit_log_meeting_version after insert on audit_log
    deferrable initially deferred for each row
    when (new.record_type = 'meeting')
    execute function meeting_version_page();

-- Owners' categories on the meeting page's follow-ups.
create trigger institution_kind_dash_structure after insert or update or delete or truncate on institution_kind
    for each statement execute function dash_version_structure();
