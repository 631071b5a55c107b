-- The Alert projection: one row per alert, rebuilt from event_store by replay.
create table alerts (
    id          text        primary key,
    dedup_key   text        not null,
    service     text        not null,
    status      text        not null,
    summary     text        not null,
    severity    text,
    urgency     text        not null,
    reason      text        not null,
    labels      jsonb       not null,
    annotations jsonb       not null,
    source      text        not null,
    count       integer     not null,
    version     integer     not null,
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    resolved_at timestamptz
);
-- At most one open alert per dedup key: repeats join it instead of paging again.
create unique index alerts_open_dedup_key on alerts (dedup_key) where status = 'OPEN';
create index alerts_service_last_seen on alerts (service, last_seen desc);

create table integration_keys (
    id         text        primary key,
    service    text        not null,
    name       text        not null,
    key_hash   text        not null unique,
    created_at timestamptz not null,
    revoked_at timestamptz
);
