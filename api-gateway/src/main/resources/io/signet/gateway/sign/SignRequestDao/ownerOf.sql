select rp_id from gateway.sign_request where signature_id = :signatureId
