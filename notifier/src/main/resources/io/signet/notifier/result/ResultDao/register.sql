-- Registers a batch of sign requests (one row per signatureId: the caller removes duplicates). A row that a result
-- created earlier gets the request's details; a row registered before is left alone and not returned.
insert into signature_result (signature_id, rp_id, status, registered, deadline, callback_url, nonce, state)
select r.signature_id, r.rp_id, 'PENDING', true, cast(r.deadline as timestamptz), r.callback_url, r.nonce, r.state
  from unnest(cast(:signatureIds as text[]), cast(:rpIds as text[]), cast(:deadlines as text[]),
              cast(:callbackUrls as text[]), cast(:nonces as text[]), cast(:states as text[]))
       as r(signature_id, rp_id, deadline, callback_url, nonce, state)
on conflict (signature_id) do update
    set registered   = true,
        deadline     = excluded.deadline,
        callback_url = excluded.callback_url,
        nonce        = excluded.nonce,
        state        = excluded.state
    where not signature_result.registered
returning *
