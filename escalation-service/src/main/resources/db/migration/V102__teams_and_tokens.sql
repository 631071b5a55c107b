-- The directory escalation-service owns (issue 10): teams, their members with a role each, and
-- the API tokens it issues. Every change is also published on tocsin.directory (outbox, same
-- transaction), which every service projects to check tokens itself.

create table teams (
    id             text        primary key,
    name           text        not null,
    time_zone      text        not null,
    business_hours jsonb,
    created_by     text        not null,
    created_at     timestamptz not null,
    updated_by     text        not null,
    updated_at     timestamptz not null
);

create table team_members (
    team_id    text        not null references teams (id),
    person_id  text        not null,
    role       text        not null,
    updated_by text        not null,
    updated_at timestamptz not null,
    primary key (team_id, person_id)
);

create index team_members_person on team_members (person_id);

-- A token's secret is shown once and kept only as its SHA-256.
create table api_tokens (
    id            text        primary key,
    secret_sha256 text        not null unique,
    subject_kind  text        not null,
    subject_id    text        not null,
    team_roles    jsonb       not null,
    expires_at    timestamptz not null,
    created_by    text        not null,
    created_at    timestamptz not null,
    revoked_by    text,
    revoked_at    timestamptz
);
