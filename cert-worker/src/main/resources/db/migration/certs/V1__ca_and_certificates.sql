-- The CA's own material: one row per role (ROOT, ISSUING, TSA, OCSP). The private keys stay in the HSM
-- (token objects found by key_label); only the certificates live here.
create table ca (
    role        text primary key,
    key_label   text        not null unique,
    certificate bytea       not null,
    created_at  timestamptz not null default now()
);

-- Every end-entity certificate this CA issued. id is the hex SHA-256 of the DER certificate (the GovStack
-- certificateId); serial is the lower-case hex of the positive serial number.
create table certificate (
    id                text primary key,
    serial            text        not null unique,
    kind              text        not null check (kind in ('ONE_TIME', 'SCD')),
    request_id        text unique,
    subject_id        text        not null,
    pseudonym         text unique,
    scd_type          text,
    scd_remote_id     text,
    scd_key_id        bigint,
    der               bytea       not null,
    not_before        timestamptz not null,
    not_after         timestamptz not null,
    status            text        not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
    status_message    text,
    revocation_reason int,
    status_changed_at timestamptz,
    created_at        timestamptz not null default now()
);

create index certificate_subject_idx on certificate (subject_id) where kind = 'SCD';
-- The CRL lists exactly these rows; the partial index keeps that scan small next to millions of one-time rows.
create index certificate_unreleased_idx on certificate (status) where status <> 'ACTIVE';

-- History of status changes (who, when, why), one row per change.
create table certificate_status (
    id             bigserial primary key,
    certificate_id text        not null references certificate (id),
    status         text        not null,
    message        text,
    reason         int,
    changed_by     text        not null,
    changed_at     timestamptz not null default now()
);

-- Issued CRLs; the highest crl_number is the current one.
create table crl (
    crl_number  bigint primary key,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null
);
