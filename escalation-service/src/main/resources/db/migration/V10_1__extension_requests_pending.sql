-- the queue of extension requests (延期) to decide: GET /extensions lists the pending ones, oldest first
create index extension_request_pending on extension_request (requested_at) where status = 'PENDING';
