-- The meeting page's carry-over (open follow-ups of the attendees' institutions from meetings
-- that started before this one: pages/meeting/page.sql, commitments::db::carry_over) looked up
-- each candidate's meeting to compare start times: for a well-attended meeting ≈ 70 lookups, half
-- of the page's database time. The start is now kept on the commitment, like its scope (migration
-- 20261129000200), and read through one index by owner and start.

alter table commitment add column meeting_starts_at timestamptz;

-- The copy changes no figure, no scope and no version: the summary and version triggers are off
-- while it is made (every commitment row, which they would otherwise each follow).
alter table commitment disable trigger user;
update commitment c set meeting_starts_at = m.starts_at from meeting m where m.id = c.meeting_id;
alter table commitment enable trigger user;

alter table commitment alter column meeting_starts_at set not null;

-- A commitment inserted without it (the app and the generator give it) takes its meeting's.
create function commitment_meeting_start() returns trigger
language plpgsql as $$
begin
    if new.meeting_starts_at is null then
        new.meeting_starts_at := (select m.starts_at from meeting m where m.id = new.meeting_id);
    end if;
    return new;
end;
$$;

create trigger commitment_meeting_start before insert on commitment
    for each row execute function commitment_meeting_start();

-- A meeting moved to another time moves its commitments' copy in the same statement.
create function commitment_follow_meeting_start() returns trigger
language plpgsql as $$
begin
    update commitment c set meeting_starts_at = new.starts_at
    where c.meeting_id = new.id and c.meeting_starts_at is distinct from new.starts_at;
    return null;
end;
$$;

create trigger commitment_follow_meeting_start
    after update of starts_at on meeting
    for each row
    when (old.starts_at is distinct from new.starts_at)
    execute function commitment_follow_meeting_start();

create index commitment_open_owner_start on commitment (owner_institution_id, meeting_starts_at)
    where status in ('open', 'in_progress');
