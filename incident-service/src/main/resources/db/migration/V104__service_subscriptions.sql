-- Who receives the stakeholder updates of every incident on a service (SRE book ch. 14: keep
-- stakeholders informed), besides each incident's own subscribers.
create table service_subscriptions (
    service       text        not null,
    person        text        not null,
    subscribed_by text        not null,
    subscribed_at timestamptz not null,
    primary key (service, person)
);
create index service_subscriptions_person on service_subscriptions (person);
