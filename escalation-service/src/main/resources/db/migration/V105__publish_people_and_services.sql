-- People and services join the directory on tocsin.directory (issue 10). Those stored before this
-- version are published once, here: the outbox rows are written in the migration's transaction,
-- so each existing user and service is enqueued exactly once, before the service takes a request,
-- and the relay sends them like any other change. Later PUTs and DELETEs write their own events.
-- The payloads are the JSON of PersonSaved and ServiceSaved (tocsin-events); who saved a document
-- before this version is not known, so savedBy names this migration.

insert into outbox (event_id, topic, record_key, ce_type, ce_time, payload)
select gen_random_uuid(), 'tocsin.directory', 'person:' || u.id, 'tocsin.person.saved.v1', now(),
       cast(jsonb_build_object(
           'personId', u.id,
           'name', u.body ->> 'name',
           'timeZone', u.body ->> 'timeZone',
           'locale', null,
           'savedBy', 'migration:V105',
           'savedAt', to_char(u.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) as text)
  from users u
 order by u.id;

insert into outbox (event_id, topic, record_key, ce_type, ce_time, payload)
select gen_random_uuid(), 'tocsin.directory', 'service:' || s.id, 'tocsin.service.saved.v1', now(),
       cast(jsonb_build_object(
           'serviceId', s.id,
           'name', s.body ->> 'name',
           'criticality', s.body ->> 'criticality',
           'team', s.body ->> 'team',
           'savedBy', 'migration:V105',
           'savedAt', to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) as text)
  from services s
 order by s.id;
