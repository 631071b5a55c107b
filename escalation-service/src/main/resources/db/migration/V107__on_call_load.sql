-- The facts the on-call load is counted from (docs/on-call-load.md).

-- One row per page, a projection of the Page events like pages (rebuilt from event_store): what
-- the response times and the noisiest alerts are counted from. alert is the alert's name
-- (its alertname label, else its summary), what "the same alert" means across pages. A drill's
-- page names its drill (drill_id) and counts in no load figure: it is what a drill reports on.
create table load_pages (
    page_id         text        primary key,
    service         text        not null,
    alert           text        not null,
    opened_at       timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    drill_id        text
);
create index load_pages_opened on load_pages (opened_at);
create index load_pages_drill on load_pages (drill_id) where drill_id is not null;

-- Each time a page notified a person (its first step, an escalation, a reassignment, a renotice):
-- a page counts in the shift in which it reached the person.
create table load_reached (
    page_id text        not null,
    person  text        not null,
    at      timestamptz not null,
    primary key (page_id, person, at)
);
create index load_reached_at on load_reached (at);

-- The pages of each incident, from tocsin.incidents (rebuilt by replaying it).
create table load_incident_pages (
    incident_id text        not null,
    page_id     text        not null,
    at          timestamptz not null,
    primary key (incident_id, page_id)
);
create index load_incident_pages_page on load_incident_pages (page_id);

-- Each TICKET alert, and who its service's policy's first step named when it triggered: the
-- people the ticket was for. Recorded by the alert consumer as it decides the alert; nothing
-- else knows who was on call then, so it is kept, not rebuilt.
create table load_tickets (
    alert_id text        primary key,
    service  text        not null,
    people   text[]      not null,
    at       timestamptz not null
);
create index load_tickets_at on load_tickets (at);
