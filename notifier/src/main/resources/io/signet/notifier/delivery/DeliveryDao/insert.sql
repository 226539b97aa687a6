insert into callback_delivery (id, signature_id, rp_id, kind, url, endpoint, host, event_type, body, status,
                               next_attempt_at, created_at)
values (:id, :signatureId, :rpId, :kindName, :url, :endpoint, :host, :eventType, :body, 'PENDING',
        :dueAt, :createdAt)
on conflict (signature_id, kind) do nothing
