-- "Send once" (issue #15): the hash of the canonical form payload a meeting was created with,
-- stored beside its form key, so the same key with a different payload is refused (409) rather
-- than answered with the meeting made from the first payload. Null for meetings made before.
alter table meeting add column idempotency_hash text;
