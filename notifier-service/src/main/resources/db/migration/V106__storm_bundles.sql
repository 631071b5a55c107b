-- A delivery held for a storm's one message (delivery.bundle) is HELD until that message goes.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'HELD', 'SENT', 'FAILED', 'ABANDONED', 'CANCELLED', 'DELIVERED', 'UNDELIVERED'));
-- A page's closing cancels its held deliveries too.
drop index deliveries_open_by_page;
create index deliveries_open_by_page on deliveries (page_id) where status in ('PENDING', 'FAILED', 'HELD');
-- What one bundle sends: the deliveries held for one person's address.
create index deliveries_held on deliveries (user_id, channel, address) where status = 'HELD';
-- When each address's current storm window opened: by the page message that went alone, or the
-- last bundle. Not an event-sourced fact, only the marker that makes concurrent first attempts
-- agree which of them goes at once and which wait.
create table bundle_windows (
    user_id   text        not null,
    channel   text        not null,
    address   text        not null,
    opened_at timestamptz not null,
    primary key (user_id, channel, address)
);
