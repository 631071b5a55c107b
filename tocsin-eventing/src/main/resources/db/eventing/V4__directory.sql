-- This service's projection of tocsin.directory (escalation-service's teams, memberships and API
-- tokens), against which it authenticates tokens itself: no service reads another's tables.

create table directory_teams (
    team_id        text        primary key,
    name           text        not null,
    time_zone      text        not null,
    business_hours jsonb,
    saved_at       timestamptz not null
);

create table directory_memberships (
    team_id   text        not null,
    person_id text        not null,
    role      text        not null,
    saved_at  timestamptz not null,
    primary key (team_id, person_id)
);

-- A person's token is bounded by their memberships, read by person at each check.
create index directory_memberships_person on directory_memberships (person_id);

-- A presented token is looked up by the SHA-256 of its secret; the secret itself is nowhere.
create table directory_tokens (
    token_id      text        primary key,
    secret_sha256 text        not null unique,
    subject_kind  text        not null,
    subject_id    text        not null,
    team_roles    jsonb       not null,
    expires_at    timestamptz not null,
    issued_at     timestamptz not null,
    revoked_at    timestamptz
);
