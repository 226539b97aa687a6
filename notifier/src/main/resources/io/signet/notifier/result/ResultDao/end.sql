-- Ends a batch of requests (one row per signatureId: the caller removes duplicates). The first terminal result wins:
-- a row that has ended (completed, failed or expired) is never changed again, and is not returned.
insert into signature_result (signature_id, rp_id, status, signature, certificate, signature_timestamp,
                              error_code, message, ended_at)
select e.signature_id, e.rp_id, e.status, e.signature, e.certificate, e.signature_timestamp,
       e.error_code, e.message, cast(e.ended_at as timestamptz)
  from unnest(cast(:signatureIds as text[]), cast(:rpIds as text[]), cast(:statuses as text[]),
              cast(:signatures as text[]), cast(:certificates as text[]), cast(:signatureTimestamps as text[]),
              cast(:errorCodes as text[]), cast(:messages as text[]), cast(:endedAts as text[]))
       as e(signature_id, rp_id, status, signature, certificate, signature_timestamp, error_code, message, ended_at)
on conflict (signature_id) do update
    set status              = excluded.status,
        signature           = excluded.signature,
        certificate         = excluded.certificate,
        signature_timestamp = excluded.signature_timestamp,
        error_code          = excluded.error_code,
        message             = excluded.message,
        ended_at            = excluded.ended_at
    where signature_result.status = 'PENDING'
returning *
