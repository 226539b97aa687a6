-- Skip locked rows: a row being ended by a result right now is left to that transaction, and two notifier
-- instances sweeping at once expire disjoint rows, so every request expires at most once.
update signature_result r
   set status     = 'EXPIRED',
       error_code = 'EXPIRED',
       message    = :message,
       ended_at   = now()
 where r.signature_id in (select signature_id
                            from signature_result
                           where status = 'PENDING'
                             and deadline < now()
                           order by deadline
                           limit :limit
                             for update skip locked)
returning r.*
