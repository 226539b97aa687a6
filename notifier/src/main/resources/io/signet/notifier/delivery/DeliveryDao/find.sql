select * from callback_delivery where id = :id
