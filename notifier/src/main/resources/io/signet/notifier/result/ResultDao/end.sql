-- The first terminal result wins: a row that has ended (completed, failed or expired) is never changed again.
insert into signature_result (signature_id, rp_id, status, signature, certificate, signature_timestamp,
                              error_code, message, ended_at)
values (:signatureId, :rpId, :statusName, :signature, :certificate, :signatureTimestamp,
        :errorCode, :message, :endedAt)
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
