-- People and services of the directory (issue 10), projected from tocsin.directory like teams, so
-- every service checks a reference to a person or a service locally (a contact method for an
-- unknown person, an integration key for an unknown service is a 400 naming it).

create table directory_people (
    person_id text        primary key,
    name      text        not null,
    time_zone text        not null,
    locale    text,
    saved_at  timestamptz not null
);

-- team: the team the service belongs to, or null; alert-ingest holds its tickets to that team's hours.
create table directory_services (
    service_id  text        primary key,
    name        text        not null,
    criticality text        not null,
    team        text,
    saved_at    timestamptz not null
);
