-- Records a consumer parked because no retry could apply them; listed and retried over the API.
-- Key and value are kept as the bytes received: they may hold exactly what PostgreSQL refused
-- (a NUL character in JSON text), which neither jsonb nor text can store.
create table dead_letters (
    id              bigserial   primary key,
    consumer        text        not null,
    topic           text        not null,
    topic_partition integer     not null,
    record_offset   bigint      not null,
    record_key      bytea,
    headers         text        not null,
    value           bytea,
    error_class     text        not null,
    error           text        not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    attempts        integer     not null,
    status          text        not null check (status in ('PARKED', 'RETRIED', 'RESOLVED')),
    unique (consumer, topic, topic_partition, record_offset)
);
create index dead_letters_newest on dead_letters (id desc);
create index dead_letters_parked on dead_letters (status) where status = 'PARKED';
