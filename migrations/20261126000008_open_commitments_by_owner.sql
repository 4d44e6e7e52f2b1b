-- The meeting page's carry-over: the open commitments of the institutions at a meeting, oldest
-- due first. Only open ones are indexed (about one in six at national scale).

create index commitment_open_owner on commitment (owner_institution_id, due_on)
    where status in ('open', 'in_progress');
