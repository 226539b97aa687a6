-- The relay claims rows with a committed lease instead of locking them in a transaction held open while Kafka
-- acknowledges (up to send-timeout, longer while the broker is away): such a transaction pins a pool connection and
-- holds back vacuum on every table of the database for as long as it stays open. A claimed row whose relay dies is
-- claimable again when its lease ends; publishing it twice is harmless (same event_id, consumers dedupe).
alter table outbox add column claimed_until timestamptz;
