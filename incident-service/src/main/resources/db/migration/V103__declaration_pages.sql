-- The pages the declaration rules have seen (dev.tocsin.incident.declare.DeclarationRules), with
-- the team of each page's service and the incident a page went to, kept a day: "pages of two
-- teams within a window" is decided on them.
create table declaration_pages (
    page_id     text        primary key,
    service     text        not null,
    team        text,
    opened_at   timestamptz not null,
    incident_id text
);
create index declaration_pages_opened on declaration_pages (opened_at);
