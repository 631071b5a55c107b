-- The changes tools reported on tocsin.changes, kept a week, so an incident shows what changed on
-- its services just before it (SRE book ch. 12: start troubleshooting at the last change).
create table recent_changes (
    change_id   text        primary key,
    service     text        not null,
    summary     text        not null,
    source      text,
    happened_at timestamptz not null,
    link        text
);
create index recent_changes_service on recent_changes (service, happened_at);
create index recent_changes_age on recent_changes (happened_at);
