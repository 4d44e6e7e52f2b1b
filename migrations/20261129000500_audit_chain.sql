-- Hash-chained audit log (issue #13.13). Each entry stores the SHA-256 of the previous entry's
-- hash followed by its own canonical content; `sinergi audit verify` recomputes the chain.
-- One chain for the whole log: the head row is locked by each inserting transaction until it
-- commits, so concurrent writers queue only for the moment between their audit insert and commit.

alter table audit_log
    add column seq bigint,
    add column prev_hash text,
    add column hash text;

create table audit_head (
    id int primary key check (id = 1),
    seq bigint not null default 0,
    hash text not null default repeat('0', 64)
);
insert into audit_head (id) values (1);

-- The canonical content of an entry: every column but the chain's own hash, as jsonb text
-- (whose key order and spacing PostgreSQL fixes), the time in microseconds since 1970 UTC.
create function audit_canonical(a audit_log) returns text language sql stable as $$
    select jsonb_build_array(
        a.seq, a.id, (extract(epoch from a.at) * 1000000)::bigint, a.user_id, a.actor, a.role,
        a.action, a.record_type, a.record_id, a.unit_id, a.unit_path, a.before, a.after,
        a.request_id, a.ip_hash
    )::text
$$;

create function audit_link(prev text, a audit_log) returns text language sql stable as $$
    select encode(sha256(convert_to(prev || audit_canonical(a), 'UTF8')), 'hex')
$$;

-- Whatever inserts (this server, the command line, psql) gets the next link of the chain.
create function audit_log_chain() returns trigger language plpgsql as $$
declare
    head audit_head;
begin
    select * into head from audit_head where id = 1 for update;
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.hash := audit_link(head.hash, new);
    update audit_head set seq = new.seq, hash = new.hash where id = 1;
    return new;
end;
$$;

-- The entries already written, chained in the order they were written.
alter table audit_log disable trigger audit_log_no_update;
do $$
declare
    r record;
    prev text := repeat('0', 64);
    n bigint := 0;
begin
    for r in select id from audit_log order by id loop
        n := n + 1;
        update audit_log set seq = n, prev_hash = prev where id = r.id;
        update audit_log a set hash = audit_link(prev, a) where a.id = r.id returning a.hash into prev;
    end loop;
    update audit_head set seq = n, hash = prev where id = 1;
end;
$$;
alter table audit_log enable trigger audit_log_no_update;

create trigger audit_log_chain before insert on audit_log
    for each row execute function audit_log_chain();
create unique index audit_log_seq on audit_log (seq);
