-- How each person can be reached. Owned by notifier-service; the user id is escalation-service's.
create table contact_methods (
    user_id    text        not null,
    id         text        not null,
    type       text        not null,
    address    text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (user_id, id)
);

-- Projection of the Delivery aggregate's events: where each notification stands.
-- channel and address are null for a delivery abandoned because the person has no contact method.
create table deliveries (
    id              text        primary key,
    request_id      text        not null,
    page_id         text        not null,
    alert_id        text,
    user_id         text        not null,
    channel         text,
    address         text,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'ABANDONED')),
    attempts        integer     not null,
    last_error      text,
    next_attempt_at timestamptz,
    updated_at      timestamptz not null
);
create index deliveries_page on deliveries (page_id, updated_at);
create index deliveries_user on deliveries (user_id, updated_at);
