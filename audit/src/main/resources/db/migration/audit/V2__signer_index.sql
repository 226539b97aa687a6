-- A signer reads the entries of their own transactions (GET /v1/audit/log as a signer): by pseudonymous id, in order.
create index audit_entry_signer_id on audit_entry (signer_id, position) where signer_id is not null;
