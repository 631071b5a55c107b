-- A provider's later report on a message it took: it reached the person (DELIVERED) or not (UNDELIVERED).
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'ABANDONED', 'CANCELLED', 'DELIVERED', 'UNDELIVERED'));
-- Failing over finds the other deliveries of one request to one person.
create index deliveries_request on deliveries (request_id, user_id);
