select signature_id, status from signature_result where signature_id = any(cast(:signatureIds as text[]))
