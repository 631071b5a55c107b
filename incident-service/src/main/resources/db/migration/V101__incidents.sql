-- The Incident aggregate's read model: one row per declared incident, for listing and search.
-- Written in the transaction that appends the incident's events; rebuilt from them alone.
create table incidents (
    incident_id text primary key,
    title text not null,
    status text not null,
    severity text not null,
    services text[] not null,
    commander text,
    summary text,
    declared_by text not null,
    declared_at timestamptz not null,
    updated_at timestamptz not null
);
create index incidents_newest on incidents (declared_at desc, incident_id desc);
create index incidents_services on incidents using gin (services);
