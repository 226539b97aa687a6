select * from delivery_attempt where delivery_id in (<ids>) order by delivery_id, attempt
