insert into processed_event (event_id, topic) values (:eventId, :topic) on conflict do nothing
