-- The page timeline: a projection of the alert, page, notify-request and delivery events that
-- incident-service consumed. Built only from events, so a rebuild truncates it and replays the topics.

-- Pages as tocsin.pages reports them, so alert events (which know only the alert id) join to a page.
create table pages (
    page_id   text        primary key,
    alert_id  text        not null,
    service   text        not null,
    policy_id text,
    opened_at timestamptz not null,
    status    text        not null
);
create index pages_alert on pages (alert_id);
create index pages_recent on pages (opened_at desc);

-- One row per consumed event, in words a responder reads. An event carries an alert id, a page id or
-- both (deliveries know only the page), so either may be null and readers join through pages.
create table timeline_entries (
    id       bigserial   primary key,
    event_id uuid        not null unique,
    alert_id text,
    page_id  text,
    at       timestamptz not null,
    kind     text        not null,
    text     text        not null,
    details  jsonb       not null,
    check (alert_id is not null or page_id is not null)
);
create index timeline_entries_alert on timeline_entries (alert_id, at);
create index timeline_entries_page on timeline_entries (page_id, at);
