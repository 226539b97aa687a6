-- One row per signatureId. A row is created by whichever arrives first: the sign request (PENDING, with the
-- relying party's deadline and callback details) or a terminal result (COMPLETED/FAILED, request details filled in
-- later). The first terminal status wins; nothing moves a row out of a terminal status.
create table signature_result (
    signature_id        text primary key,
    rp_id               text        not null,
    status              text        not null check (status in ('PENDING', 'COMPLETED', 'FAILED', 'EXPIRED')),
    registered          boolean     not null default false, -- the sign request itself has been seen
    deadline            timestamptz,
    callback_url        text,
    nonce               text,
    state               text,
    signature           text,       -- base64 (CMS DER or raw value)
    certificate         text,       -- PEM
    signature_timestamp text,       -- base64 DER RFC 3161 token
    error_code          text,
    message             text,
    ended_at            timestamptz,
    created_at          timestamptz not null default now()
);
-- The deadline sweep only looks at pending rows.
create index signature_result_pending_deadline on signature_result (deadline) where status = 'PENDING';
create index signature_result_ended_at on signature_result (ended_at);

-- Kafka event ids already applied, written in the same transaction as their effect.
create table processed_event (
    event_id     text primary key,
    topic        text        not null,
    processed_at timestamptz not null default now()
);
create index processed_event_processed_at on processed_event (processed_at);

-- One callback (GovStack GET or webhook POST) per ended request and kind. webhook_id stays the same across retries.
create table callback_delivery (
    id              uuid primary key,
    signature_id    text        not null references signature_result (signature_id) on delete cascade,
    rp_id           text        not null,
    kind            text        not null check (kind in ('GET', 'POST')),
    url             text        not null,
    endpoint        text        not null, -- scheme://host:port/path: what a 410 disables
    host            text        not null, -- destination host: unit of concurrency limits and backlog metrics
    event_type      text        not null,
    body            text,       -- JSON for POST, null for GET
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD', 'DISABLED')),
    attempts        int         not null default 0,
    schedule_offset int         not null default 0, -- attempts made before the last re-drive: the schedule restarts there
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null default now(),
    ended_at        timestamptz,
    unique (signature_id, kind)
);
create index callback_delivery_due on callback_delivery (next_attempt_at) where status = 'PENDING';
create index callback_delivery_dead on callback_delivery (ended_at) where status in ('DEAD', 'DISABLED');

-- Every attempt, visible to the relying party and to ops.
create table delivery_attempt (
    delivery_id  uuid        not null references callback_delivery (id) on delete cascade,
    attempt      int         not null,
    attempted_at timestamptz not null,
    http_status  int,
    latency_ms   bigint      not null,
    outcome      text        not null,
    error        text,
    primary key (delivery_id, attempt)
);

-- Endpoints that answered 410 Gone: nothing is sent to them until ops re-drive a delivery to them.
create table disabled_endpoint (
    rp_id       text        not null,
    endpoint    text        not null,
    disabled_at timestamptz not null default now(),
    primary key (rp_id, endpoint)
);
