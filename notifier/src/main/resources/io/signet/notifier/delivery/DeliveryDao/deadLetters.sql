select * from callback_delivery where status in ('DEAD', 'DISABLED') order by ended_at desc limit :limit
