-- Reminders before a promise is late. A Polda's rule says how many days before the due date the
-- first reminder falls (H-n) and how many days after it the overdue notice does; without a row
-- the defaults apply (3 and 1). Every reminder sent is recorded once per commitment, step,
-- recipient and due date, so nobody is reminded twice for the same step.
create table reminder_rule (
    polda_id bigint primary key references police_unit (id) on delete cascade,
    days_before int not null default 3 check (days_before between 1 and 30),
    days_after int not null default 1 check (days_after between 1 and 30),
    updated_by bigint references app_user (id),
    updated_at timestamptz not null default now()
);

create table reminder_sent (
    id bigserial primary key,
    commitment_id bigint not null references commitment (id) on delete cascade,
    step text not null check (step in ('before', 'due', 'overdue')),
    recipient text not null check (recipient in ('owner', 'counterpart')),
    -- the due date the reminder was about: a moved due date starts the steps again
    due_on date not null,
    sent_by bigint references app_user (id),
    sent_at timestamptz not null default now(),
    unique (commitment_id, step, recipient, due_on)
);
create index reminder_sent_by on reminder_sent (sent_by, sent_at);

create constraint trigger reminder_rule_data_version after insert or update or delete on reminder_rule
    deferrable initially deferred for each row execute function data_version_touch();
create constraint trigger reminder_sent_data_version after insert or update or delete on reminder_sent
    deferrable initially deferred for each row execute function data_version_touch();
