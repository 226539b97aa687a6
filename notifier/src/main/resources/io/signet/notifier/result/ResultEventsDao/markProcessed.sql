-- Records a batch of Kafka event ids at once; returns those not seen before (the rest are duplicates).
insert into processed_event (event_id, topic)
select e.event_id, e.topic
  from unnest(cast(:eventIds as text[]), cast(:topics as text[])) as e(event_id, topic)
on conflict do nothing
returning event_id
