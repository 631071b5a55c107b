-- Every configuration document applied with ./tocsin apply, kept so it can be listed and applied again.
create table configuration_versions (
    version    bigint generated always as identity primary key,
    document   text        not null,
    applied_by text        not null,
    applied_at timestamptz not null
);
