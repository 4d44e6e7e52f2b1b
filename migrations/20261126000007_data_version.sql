-- One number that moves whenever anything a page shows changes: the read caches (meeting pages,
-- meeting lists, dashboards, the signed-in user) keep what they read together with the number it
-- was read under and reuse it only while the number is the same. Every server instance reads the
-- number with the session, in the same round trip, so a change made through any instance — or
-- with psql — is seen by all of them at their next request.
--
-- The number moves once per transaction, at its commit (a deferred trigger), not at its first
-- write: a reader that takes the number while the writer is still working reads the old number
-- with the old data, and the next reader after the commit sees a new number.

create sequence data_version;

create function data_version_touch() returns trigger
language plpgsql as $$
begin
    -- Once per transaction, however many rows it wrote.
    if coalesce(current_setting('sinergi.data_version_tx', true), '') <> txid_current()::text then
        perform nextval('data_version');
        perform set_config('sinergi.data_version_tx', txid_current()::text, true);
    end if;
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array[
        'app_user', 'police_unit', 'unit_region', 'institution', 'institution_kind', 'region',
        'election', 'election_region', 'election_stage', 'meeting_type', 'topic',
        'meeting', 'meeting_meeting_type', 'meeting_topic', 'attendee', 'photo',
        'confirmation', 'confirmation_link', 'commitment', 'commitment_note', 'audit_log'
    ] loop
        execute format(
            'create constraint trigger %I after insert or update or delete on %I
                 deferrable initially deferred for each row execute function data_version_touch()',
            t || '_data_version', t);
    end loop;
end;
$$;
