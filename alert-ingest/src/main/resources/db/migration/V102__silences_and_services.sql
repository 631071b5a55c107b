-- Silences (label matchers) and maintenance windows (one service) in one table: both mute alerts
-- for a time, are read together by the pipeline, and stay visible after they end.
create table suppressions (
    id         text        primary key,
    kind       text        not null check (kind in ('silence', 'maintenance')),
    service    text,
    matchers   jsonb,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    created_by text        not null,
    comment    text        not null,
    created_at timestamptz not null,
    check (ends_at >= starts_at),
    -- A silence always has matchers, a maintenance window always a service: never "everything".
    check ((kind = 'silence' and matchers is not null and jsonb_array_length(matchers) > 0)
        or (kind = 'maintenance' and service is not null))
);
-- The pipeline loads what overlaps a short span around now.
create index suppressions_ends_at on suppressions (ends_at, starts_at);
create index suppressions_service on suppressions (service, ends_at) where kind = 'maintenance';

-- One service profile per service: SLOs, urgency rules and business hours, kept as the validated
-- document it was written as, so GET answers with what PUT was given.
create table service_profiles (
    id         text        primary key,
    profile    jsonb       not null,
    updated_at timestamptz not null
);
