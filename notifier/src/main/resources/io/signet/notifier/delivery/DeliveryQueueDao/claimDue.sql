-- Skip locked rows so that several notifier instances claim disjoint deliveries.
update callback_delivery d
   set next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
 where d.id in (select id
                  from callback_delivery
                 where status = 'PENDING'
                   and next_attempt_at <= now()
                 order by next_attempt_at
                 limit :limit
                   for update skip locked)
returning d.*
