-- One notification per payload (comma-separated signatureIds), sent when the transaction commits.
select count(pg_notify('signet_result', p)) from unnest(cast(:payloads as text[])) as p
