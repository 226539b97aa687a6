insert into disabled_endpoint (rp_id, endpoint) values (:rpId, :endpoint) on conflict do nothing
