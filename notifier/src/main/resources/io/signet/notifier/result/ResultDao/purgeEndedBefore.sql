delete from signature_result where ended_at < :cutoff
