select * from callback_delivery where signature_id = :signatureId order by kind
