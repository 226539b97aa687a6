insert into delivery_attempt (delivery_id, attempt, attempted_at, http_status, latency_ms, outcome, error)
values (:deliveryId, :attempt, :attemptedAt, :httpStatus, :latencyMs, :outcome, :error)
on conflict do nothing
