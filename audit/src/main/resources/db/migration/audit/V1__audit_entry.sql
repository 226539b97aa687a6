-- The append-only audit log. One row per audited event; the columns are the components of
-- io.signet.schemas.audit.AuditEntry, hashed as io.signet.schemas.audit.AuditHashing describes.
create table audit_entry (
    position               bigint      primary key check (position >= 0),
    event_id               text        not null unique,
    event_type             text        not null,
    source                 text        not null,
    event_time             timestamptz not null,
    signature_id           text,
    rp_id                  text,
    signer_id              text,
    digest_algorithm       text,
    document_digest        bytea,
    certificate_thumbprint bytea,
    key_id                 text,
    status                 text        not null,
    detail                 text,
    trace_id               text,
    prev_hash              bytea       not null check (length(prev_hash) = 32),
    leaf_hash              bytea       not null check (length(leaf_hash) = 32)
);

create index audit_entry_signature_id on audit_entry (signature_id, position) where signature_id is not null;
create index audit_entry_event_time on audit_entry (event_time, position);

-- Signed tree heads: size, Merkle root, time, signature of the audit key, RFC 3161 token over the signature.
create table tree_head (
    tree_size           bigint      primary key check (tree_size >= 0),
    root_hash           bytea       not null check (length(root_hash) = 32),
    head_time           timestamptz not null,
    signature_algorithm text        not null,
    signature           bytea       not null,
    key_id              bytea       not null check (length(key_id) = 32),
    time_stamp_token    bytea
);

-- Rows of the log are never changed or removed, by two barriers. First, privileges: the role that runs this
-- migration (the service's own role on the embedded stack) gives up UPDATE, DELETE and TRUNCATE on both tables,
-- and so does a separate service role named by the Flyway placeholder serviceRole. Second, because an owner could
-- grant itself those privileges back: a trigger refuses every UPDATE, DELETE and TRUNCATE, whoever issues it.
-- Only ALTER TABLE ... DISABLE TRIGGER, which the service never issues, gets past it.
create function refuse_change_of_audit_log() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit log is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
        using errcode = '42501';
end
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function refuse_change_of_audit_log();
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function refuse_change_of_audit_log();
create trigger tree_head_append_only
    before update or delete on tree_head
    for each row execute function refuse_change_of_audit_log();
create trigger tree_head_no_truncate
    before truncate on tree_head
    for each statement execute function refuse_change_of_audit_log();

revoke update, delete, truncate on audit_entry, tree_head from public;
revoke update, delete, truncate on audit_entry, tree_head from current_user;
do
$$
begin
    if '${serviceRole}' <> current_user and exists (select 1 from pg_roles where rolname = '${serviceRole}') then
        execute format('grant usage on schema %I to %I', current_schema(), '${serviceRole}');
        execute format('grant select, insert on audit_entry, tree_head to %I', '${serviceRole}');
        execute format('revoke update, delete, truncate on audit_entry, tree_head from %I', '${serviceRole}');
    end if;
end
$$;
