-- Attendance confirmed by the other side, and the commitments (tindak lanjut) made at meetings.

-- The latest answer per attendee line, kept beside it for badges, filters and dashboards;
-- every answer is also kept in `confirmation` (history).
alter table attendee
    add column confirmation text not null default 'pending'
        check (confirmation in ('pending', 'present', 'absent', 'disputed')),
    add column confirmed_at timestamptz,
    -- the officer's written answer to a dispute; cleared when a new dispute arrives
    add column dispute_response text check (length(dispute_response) <= 2000);
create index attendee_pending on attendee (meeting_id) where confirmation = 'pending';
create index attendee_disputed on attendee (meeting_id) where confirmation = 'disputed';

-- A link for one attendee line (or a whole institution's team): only the token's hash is stored.
create table confirmation_link (
    id bigserial primary key,
    meeting_id bigint not null references meeting (id) on delete cascade,
    attendee_id bigint references attendee (id) on delete cascade,
    institution_id bigint not null references institution (id),
    token_hash text not null unique check (length(token_hash) = 64),
    created_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    check (expires_at > created_at)
);
create index confirmation_link_meeting on confirmation_link (meeting_id);

create table confirmation (
    id bigserial primary key,
    meeting_id bigint not null references meeting (id) on delete cascade,
    attendee_id bigint not null references attendee (id) on delete cascade,
    answer text not null check (answer in ('present', 'absent', 'disputed')),
    comment text not null default '' check (length(comment) <= 2000),
    corrected_name text not null default '' check (length(corrected_name) <= 120),
    corrected_position text not null default '' check (length(corrected_position) <= 160),
    via text not null check (via in ('link', 'account')),
    link_id bigint references confirmation_link (id) on delete set null,
    user_id bigint references app_user (id),
    user_agent text not null default '' check (length(user_agent) <= 300),
    ip_hash text,
    created_at timestamptz not null default now(),
    check (answer <> 'disputed' or length(comment) > 0),
    check ((via = 'link') = (link_id is not null) or link_id is null)
);
create index confirmation_attendee on confirmation (attendee_id, id desc);

-- Commitments: who promised what, by when, and whether the other side agrees it was done.
create table commitment (
    id bigserial primary key,
    meeting_id bigint not null references meeting (id) on delete cascade,
    -- copied from the meeting: scope and dashboards read these without a join
    host_unit_id bigint not null references police_unit (id),
    unit_path bigint[] not null,
    polda_id bigint references police_unit (id),
    polres_id bigint references police_unit (id),
    what text not null check (length(what) between 3 and 1000),
    owner_institution_id bigint not null references institution (id),
    owner_person text not null default '' check (length(owner_person) <= 120),
    -- for commitments the police own: the institution they were made to (it verifies)
    to_institution_id bigint references institution (id),
    due_on date not null,
    -- when typed as "H-3": the offset from voting day, kept to show it the same way
    due_h int check (due_h between -365 and 365),
    -- the zone the due date is read in (the owner's region), for overdue at the end of that day
    due_tz text not null default 'Asia/Jakarta',
    priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
    status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'verified', 'dropped')),
    drop_reason text not null default '' check (length(drop_reason) <= 1000),
    done_at timestamptz,
    verified_at timestamptz,
    verified_by text,
    version int not null default 1,
    created_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (status <> 'dropped' or length(drop_reason) > 0),
    check (status <> 'verified' or verified_at is not null)
);
create index commitment_meeting on commitment (meeting_id);
create index commitment_unit_path on commitment using gin (unit_path);
create index commitment_owner on commitment (owner_institution_id, status);
create index commitment_open_due on commitment (due_on) where status in ('open', 'in_progress');
create index commitment_polres on commitment (polres_id, status, due_on);
create index commitment_polda on commitment (polda_id, status, due_on);

create table commitment_note (
    id bigserial primary key,
    commitment_id bigint not null references commitment (id) on delete cascade,
    author text not null,
    user_id bigint references app_user (id),
    body text not null check (length(body) between 1 and 2000),
    status_from text,
    status_to text,
    image bytea,
    created_at timestamptz not null default now()
);
create index commitment_note_commitment on commitment_note (commitment_id, id);
