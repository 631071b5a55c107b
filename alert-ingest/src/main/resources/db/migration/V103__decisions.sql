-- What the pipeline decided about each alert besides its urgency, and what it needs to publish a
-- held-back alert later (a released ticket carries the same fields as one published at once).
alter table alerts
    add column disposition        text not null default 'PUBLISHED',
    add column disposition_reason text,
    add column suppressed_by      text,
    add column held_until         timestamptz,
    add column group_id           text,
    add column acknowledged_at    timestamptz,
    add column acknowledged_by    text,
    add column starts_at          timestamptz,
    add column generator_url      text,
    add column details            jsonb,
    add column links              jsonb,
    add column images             jsonb;
alter table alerts alter column urgency type text;
-- Updates touch count and last_seen on every repeat: keep them out of indexes and leave room on each
-- page so PostgreSQL can update in place (HOT) instead of rewriting index entries.
drop index alerts_service_last_seen;
alter table alerts set (fillfactor = 80);
create index alerts_service_first_seen on alerts (service, first_seen desc);
-- Storm grouping counts a service's latest PAGE alerts; most alerts are not pages, so index only those.
create index alerts_recent_pages on alerts (service, first_seen desc)
    where urgency = 'PAGE' and disposition in ('PUBLISHED', 'GROUPED');
create index alerts_first_seen on alerts (first_seen desc);
-- Flap damping looks at a dedup key's recent alerts.
create index alerts_dedup_key_first_seen on alerts (dedup_key, first_seen desc);
create index alerts_suppressed_by on alerts (suppressed_by) where status = 'OPEN' and suppressed_by is not null;
create index alerts_group on alerts (group_id) where group_id is not null;

-- Storm groups: one open group per service at a time.
create table alert_groups (
    id           text        primary key,
    service      text        not null,
    open         boolean     not null,
    reason       text        not null,
    members      integer     not null,
    firing       integer     not null,
    version      integer     not null,
    opened_at    timestamptz not null,
    published_at timestamptz,
    summary      text        not null,
    closed_at    timestamptz
);
create unique index alert_groups_open_service on alert_groups (service) where open;

-- How far the pipeline has applied each partition of tocsin.alert-signals, written in the batch's
-- own transaction: a redelivered record at or below it was applied already and changes nothing.
create table signal_offsets (
    topic_partition integer primary key,
    applied_offset  bigint  not null
);
