-- Configuration: each row is one validated document, replaced whole by PUT.
create table users (id text primary key, body jsonb not null, updated_at timestamptz not null);
create table schedules (id text primary key, body jsonb not null, updated_at timestamptz not null);
create table escalation_policies (id text primary key, body jsonb not null, updated_at timestamptz not null);
create table services (id text primary key, body jsonb not null, updated_at timestamptz not null);

-- The Page projection, rebuilt from event_store.
create table pages (
    id         text        primary key,
    alert_id   text        not null unique,
    service    text        not null,
    policy_id  text,
    status     text        not null,
    reason     text,
    step       integer     not null,
    round      integer     not null,
    notified   jsonb       not null,
    opened_at  timestamptz not null,
    updated_at timestamptz not null
);
create index pages_status on pages (status, opened_at desc);
