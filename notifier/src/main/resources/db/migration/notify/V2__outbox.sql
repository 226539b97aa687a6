-- Events the notifier publishes (so far: retention purges for the audit trail), written in the same transaction as
-- their cause and relayed to Kafka by OutboxRelay. A row is deleted only after the broker acknowledged its record,
-- so a crash in between publishes it again with the same event_id, which consumers (audit) dedupe.
create table outbox (
    seq         bigint generated always as identity primary key,
    event_id    text        not null unique, -- CloudEvents ce_id
    event_type  text        not null,        -- CloudEvents ce_type, e.g. signet.results.purged.v1
    subject     text        not null,        -- ce_subject and Kafka key
    occurred_at timestamptz not null,        -- ce_time
    payload     text        not null         -- the event's JSON data
);
