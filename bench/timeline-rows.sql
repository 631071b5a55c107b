-- What 60,000 of incident-service's timeline rows cost PostgreSQL alone, as one minute of the
-- provider benchmark at 200 alerts/s writes them: the table as V100__timeline.sql creates it
-- (details as jsonb, three indexes), the same with details as json, and jsonb without the two
-- secondary indexes. Each is inserted twice; the second round is the figure (docs/benchmarks.md).
--
--   psql -h <host> -p <port> -U postgres -d <a scratch database> -f bench/timeline-rows.sql
--
-- Its tables are ordinary ones (written to the WAL, as the service's are), in a schema of their own
-- that it drops at the end.
drop schema if exists timeline_rows_bench cascade;
create schema timeline_rows_bench;
set search_path = timeline_rows_bench;
\timing on
create table jsonb_rows (id bigserial primary key, event_id uuid not null unique, alert_id text,
    page_id text, at timestamptz not null, kind text not null, text text not null, details jsonb not null);
create index on jsonb_rows (alert_id, at);
create index on jsonb_rows (page_id, at);
create table json_rows (like jsonb_rows including all);
alter table json_rows alter column details type json;
create table unindexed_rows (like jsonb_rows including defaults);
alter table unindexed_rows add primary key (id);
alter table unindexed_rows add unique (event_id);

-- A delivery event as the notifier publishes it, one per row.
create table src as
select gen_random_uuid() as event_id, 'alert-' || i as alert_id, 'page-' || i as page_id, now() as at,
       'delivery.sent' as kind, 'Push sent to Bench pusher' as text,
       json_build_object('eventId', gen_random_uuid(), 'type', 'DeliverySent', 'deliveryId', 'd-' || i,
           'pageId', 'page-' || i, 'alertId', 'alert-' || i, 'userId', 'bench-p', 'channel', 'PUSH',
           'address', 'http://127.0.0.1:18091/tocsin-bench', 'attempt', 1, 'at', now(),
           'summary', 'bench push ' || i || ' firing on checkout with a longer summary text',
           'service', 'bench-push', 'urgencyReason', 'every bench alert pages: severity=critical')::text as details
from generate_series(1, 60000) i;

\echo jsonb, three indexes: warm-up round, then the measured one
insert into jsonb_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as jsonb) from src;
truncate jsonb_rows;
insert into jsonb_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as jsonb) from src;

\echo json, three indexes
insert into json_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as json) from src;
truncate json_rows;
insert into json_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as json) from src;

\echo jsonb, primary key and event id only
insert into unindexed_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as jsonb) from src;
truncate unindexed_rows;
insert into unindexed_rows (event_id, alert_id, page_id, at, kind, text, details)
    select event_id, alert_id, page_id, at, kind, text, cast(details as jsonb) from src;

\timing off
drop schema timeline_rows_bench cascade;
