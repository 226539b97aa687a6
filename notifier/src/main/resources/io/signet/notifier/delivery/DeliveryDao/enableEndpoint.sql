delete from disabled_endpoint where rp_id = :rpId and endpoint = :endpoint
