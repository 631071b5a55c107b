-- Teams own services and policies (issue 10, "a page always reaches someone"): a team names the
-- policy its services page by when they name none, and the person told when a page's policy runs
-- out. Both are checked to exist when set, and a policy or person a team names is not deleted.
alter table teams add column default_policy text;
alter table teams add column fallback_contact text;

-- Whose turn it is in each team's round-robin: the next page takes turn `next_turn` (modulo the
-- team's responders then) and moves it on, in the transaction that opens the page.
create table team_turns (
    team_id   text   primary key,
    next_turn bigint not null
);

-- Open unrouted pages are counted for the readiness check and the tocsin.pages.unrouted gauge.
create index pages_unrouted on pages (status) where status = 'UNROUTED';
