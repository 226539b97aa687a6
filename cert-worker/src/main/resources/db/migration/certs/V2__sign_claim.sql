-- Which signet.sign.requested record owns a signatureId, so that a relayed duplicate or a replay after a consumer
-- group reset is never signed a second time. sign-worker claims a whole polled batch before any HSM operation;
-- ended_at is set from signet.sign.completed / signet.sign.failed (read_committed). A row that ended before it was
-- ever claimed (history older than this table) has no source.
create table sign_claim (
    signature_id     text primary key,
    source_partition int,
    source_offset    bigint,
    claimed_at       timestamptz not null default now(),
    ended_at         timestamptz,
    check ((source_partition is null) = (source_offset is null))
);
