-- Who changed what through the management API (GET /api/v1/audit): one row per change that
-- succeeded, written in the change's own transaction where it has one.
create table audit_log (
    id     bigint generated always as identity primary key,
    at     timestamptz not null,
    actor  text        not null,
    method text        not null,
    path   text        not null
);
create index audit_log_actor on audit_log (actor, id);
