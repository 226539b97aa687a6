-- The W3C trace context of the request an outbox event is about (an expiry), published as the event's traceparent
-- header so that its consumers log under the request's trace id; null for events about no request (a purge).
alter table outbox add column traceparent text;
