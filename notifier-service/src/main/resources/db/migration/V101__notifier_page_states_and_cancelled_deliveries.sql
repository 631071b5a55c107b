-- A delivery stops when its page is acknowledged or resolved (CANCELLED), and says why.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'ABANDONED', 'CANCELLED'));
alter table deliveries add column cancel_reason text;
-- Cancelling finds a page's deliveries that are still open.
create index deliveries_open_by_page on deliveries (page_id) where status in ('PENDING', 'FAILED');

-- Projection of tocsin.pages (escalation-service's page events): where each page stands, as far as
-- notifier-service needs it to decide whether a notification is still wanted. Rebuilt by replaying
-- the topic. No check on status: the page event family grows, and the fold names every status.
create table notifier_page_states (
    page_id         text        primary key,
    status          text        not null,
    acknowledged_by text,
    closed_at       timestamptz,
    updated_at      timestamptz not null
);
