-- Overrides and swaps of a schedule, in their own tables rather than in the schedule's document:
-- a PUT replaces the document whole (configuration as code re-applies it), and must not wipe the
-- overrides and swaps people made in the meantime. They go with their schedule.
create table schedule_overrides (
    schedule_id text        not null references schedules (id) on delete cascade,
    id          text        not null,
    person_id   text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    layer_id    text,       -- null: every layer
    created_by  text        not null,
    created_at  timestamptz not null,
    primary key (schedule_id, id)
);
create index schedule_overrides_person on schedule_overrides (person_id);

-- A swap's current state, as the Swap aggregate decided it; updated_by is who moved it last.
create table schedule_swaps (
    schedule_id text        not null references schedules (id) on delete cascade,
    id          text        not null,
    requester   text        not null,
    counterpart text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    layer_id    text,
    status      text        not null,
    created_by  text        not null,
    updated_by  text        not null,
    updated_at  timestamptz not null,
    primary key (schedule_id, id)
);

-- The secret of each person's calendar feed URL, kept only as its SHA-256; issuing a new one
-- replaces the row, which revokes the old URL.
create table calendar_secrets (
    person_id     text        primary key references users (id) on delete cascade,
    secret_sha256 text        not null unique,
    created_by    text        not null,
    created_at    timestamptz not null
);
