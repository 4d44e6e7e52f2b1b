-- A commitment's scope is its meeting's: the copies of the host unit and its chain (kept on
-- commitment for index speed) follow the meeting in the same statement, so when a meeting moves
-- to another unit its follow-ups move with it (access, lists, escalation and the dashboards'
-- open-commitment counts, which `dash_commitment` moves row by row).
create function commitment_follow_meeting() returns trigger
language plpgsql as $$
begin
    update commitment c
    set host_unit_id = new.host_unit_id, unit_path = new.unit_path,
        polda_id = new.polda_id, polres_id = new.polres_id
    where c.meeting_id = new.id
      and (c.host_unit_id, c.unit_path, c.polda_id, c.polres_id)
          is distinct from (new.host_unit_id, new.unit_path, new.polda_id, new.polres_id);
    return null;
end;
$$;

create trigger commitment_follow_meeting
    after update of host_unit_id, unit_path, polda_id, polres_id on meeting
    for each row
    when ((old.host_unit_id, old.unit_path, old.polda_id, old.polres_id)
          is distinct from (new.host_unit_id, new.unit_path, new.polda_id, new.polres_id))
    execute function commitment_follow_meeting();

-- Copies that drifted before this migration are repaired once.
update commitment c
set host_unit_id = m.host_unit_id, unit_path = m.unit_path, polda_id = m.polda_id, polres_id = m.polres_id
from meeting m
where m.id = c.meeting_id
  and (c.host_unit_id, c.unit_path, c.polda_id, c.polres_id)
      is distinct from (m.host_unit_id, m.unit_path, m.polda_id, m.polres_id);
