select count(*) from (select pg_notify('signet_result', :signatureId)) n
