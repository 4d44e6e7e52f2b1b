-- Private calendar feeds: one secret URL per person (`/kalender/<token>.ics`), the token stored
-- only as its SHA-256 like confirmation links; revoking sets `revoked_at`, and a person has at
-- most one feed in use.
create table calendar_feed (
    id bigserial primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    token_hash text not null unique check (length(token_hash) = 64),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
create unique index calendar_feed_live on calendar_feed (user_id) where revoked_at is null;

create constraint trigger calendar_feed_data_version after insert or update or delete on calendar_feed
    deferrable initially deferred for each row execute function data_version_touch();
