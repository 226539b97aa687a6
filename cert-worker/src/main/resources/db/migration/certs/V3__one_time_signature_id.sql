-- The sign request a one-time certificate was issued for. A request redone with a new key (its worker crashed, or
-- its key vanished with an HSM session) gets a new certificate; the earlier ones of the same signature_id are then
-- revoked as superseded, so that no sign request ever has two usable certificates.
alter table certificate add column signature_id text;
create index certificate_signature_idx on certificate (signature_id) where signature_id is not null;
