-- Shared by every service, each in its own schema. Service migrations start at V100.

-- Every aggregate's domain events; (aggregate_type, aggregate_id, seq) gives optimistic concurrency.
create table event_store (
    aggregate_type text        not null,
    aggregate_id   text        not null,
    seq            integer     not null,
    event_id       uuid        not null unique,
    event_type     text        not null,
    payload        jsonb       not null,
    recorded_at    timestamptz not null,
    primary key (aggregate_type, aggregate_id, seq)
);

-- Integration events written in the same transaction as the change; the relay publishes and deletes them.
create table outbox (
    id         bigserial   primary key,
    event_id   uuid        not null unique,
    topic      text        not null,
    record_key text        not null,
    ce_type    text        not null,
    ce_time    timestamptz not null,
    payload    text        not null
);

-- Ids of consumed events already applied: a redelivered event changes nothing.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

-- Time-driven work that must survive restarts; claimed with FOR UPDATE SKIP LOCKED.
create table deadlines (
    kind     text        not null,
    ref      text        not null,
    due_at   timestamptz not null,
    payload  text        not null default '{}',
    attempts integer     not null default 0,
    primary key (kind, ref)
);
create index deadlines_due on deadlines (due_at);
