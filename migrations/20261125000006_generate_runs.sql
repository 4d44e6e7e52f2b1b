-- What `sinergi generate` last loaded, so that running it again with the same seed and scale
-- changes nothing, and a different one replaces exactly the generated meetings.

create table generate_run (
    id int primary key check (id = 1),
    seed bigint not null,
    scale text not null,
    meetings bigint not null,
    attendees bigint not null,
    commitments bigint not null,
    finished_at timestamptz not null default now()
);
