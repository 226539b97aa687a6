insert into signature_result (signature_id, rp_id, status, registered, deadline, callback_url, nonce, state)
values (:signatureId, :rpId, 'PENDING', true, :deadline, :callbackUrl, :nonce, :state)
on conflict (signature_id) do update
    set registered   = true,
        deadline     = excluded.deadline,
        callback_url = excluded.callback_url,
        nonce        = excluded.nonce,
        state        = excluded.state
    where not signature_result.registered
returning *
