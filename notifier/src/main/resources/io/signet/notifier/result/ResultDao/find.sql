select * from signature_result where signature_id = :signatureId
