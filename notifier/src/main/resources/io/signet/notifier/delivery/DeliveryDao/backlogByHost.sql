select host, count(*) as backlog from callback_delivery where status = 'PENDING' group by host
