select rp_id || ' ' || endpoint from disabled_endpoint
