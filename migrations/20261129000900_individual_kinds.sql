-- #18: community and religious leaders attend as individuals; they are not asked to confirm
-- unless the officer chooses so on the attendee line. (Columns first: no DDL after DML here,
-- the data_version triggers are deferred.)
alter table institution_kind add column individual boolean not null default false;
-- Whether the line's institution is asked to confirm: from its kind unless the officer chooses.
alter table attendee add column asks_confirmation boolean not null default true;

insert into institution_kind (code, label, category, sort, individual) values
    ('tokoh_agama', 'Tokoh agama', 'masyarakat', 73, true),
    ('tokoh_masyarakat', 'Tokoh masyarakat', 'masyarakat', 74, true),
    ('tokoh_adat', 'Tokoh adat', 'masyarakat', 75, true),
    ('tokoh_pemuda', 'Tokoh pemuda', 'masyarakat', 76, true)
on conflict (code) do nothing;
update institution_kind set individual = true where code = 'tokoh';
update attendee a set asks_confirmation = false
    from institution i join institution_kind k on k.code = i.kind
    where i.id = a.institution_id and k.individual;
