-- The W3C traceparent of the request (from its sign request, else from its result), so that what the notifier logs
-- later about it (expiry, callback attempts, dead letters) carries the trace id of everything else about it.
alter table signature_result add column traceparent text;
alter table callback_delivery add column traceparent text;
