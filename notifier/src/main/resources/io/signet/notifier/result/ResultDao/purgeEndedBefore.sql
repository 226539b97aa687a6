-- Deliveries and attempts cascade. Returns how many results went and the range of their end times (for the audit).
with deleted as (
    delete from signature_result where ended_at < :cutoff returning ended_at
)
select count(*)::int as results, min(ended_at) as oldest_ended_at, max(ended_at) as newest_ended_at from deleted
