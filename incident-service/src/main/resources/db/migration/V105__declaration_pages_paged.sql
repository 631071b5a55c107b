-- Who each page the declaration rules have seen has notified (its first step, then each escalation,
-- reassignment and renotification), so an incident a rule declares tells them.
alter table declaration_pages add column paged text[] not null default '{}';
