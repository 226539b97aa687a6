update callback_delivery set next_attempt_at = now() + :delayMillis * interval '1 millisecond' where id = :id and status = 'PENDING'
