delete from processed_event where processed_at < :cutoff
