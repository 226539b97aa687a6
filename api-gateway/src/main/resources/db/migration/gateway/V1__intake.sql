-- Intake: RPs, accepted sign requests, idempotency keys, the transactional outbox and the relay's offsets.

create table rp_client (
    rp_id               text primary key,
    -- SHA-256 of the RP's API key; the key itself is never stored.
    key_hash            bytea not null unique check (octet_length(key_hash) = 32),
    -- Per-RP token bucket; null means the configured default.
    rate_per_second     integer check (rate_per_second > 0),
    burst               integer check (burst > 0),
    -- Host names or CIDR blocks this RP's callback URLs may resolve to although private.
    callback_allow_list text[] not null default '{}',
    -- Name of the secret the notifier signs this RP's callbacks with (a reference, never the secret).
    webhook_secret_ref  text,
    enabled             boolean not null default true,
    created_at          timestamptz not null default now()
);

create table sign_request (
    signature_id         text primary key,
    rp_id                text not null,
    format               text not null,
    hash_type            text not null,
    hash                 text not null,
    data_to_be_displayed text,
    request_timestamp    timestamptz,
    callback_url         text,
    nonce                text,
    state                text,
    conformance_level    text not null,
    key_algorithm        text not null,
    accepted_at          timestamptz not null,
    deadline             timestamptz not null
);

create table idempotency_key (
    rp_id           text not null,
    idempotency_key text not null,
    -- SHA-256 of the request body as received.
    body_hash       bytea not null,
    signature_id    text not null,
    accepted_at     timestamptz not null,
    expires_at      timestamptz not null,
    primary key (rp_id, idempotency_key)
);
create index idempotency_key_expires_at on idempotency_key (expires_at);

-- Outbox rows are inserted and deleted in the same transaction: logical decoding still sees the insert in the
-- WAL, and the table stays empty (no clean-up job, no bloat).
create table outbox (
    id             uuid primary key,
    aggregate_type text not null,
    aggregate_id   text not null,
    event_type     text not null,
    occurred_at    timestamptz not null,
    traceparent    text,
    payload        text not null
);

-- Only inserts are decoded: the deletes are of no interest to the relay.
create publication signet_gateway_outbox for table outbox with (publish = 'insert');

-- The relay's Debezium offsets (a Kafka Connect offset map: key and value are opaque bytes).
create table relay_offset (
    offset_key   bytea primary key,
    offset_value bytea,
    updated_at   timestamptz not null default now()
);
