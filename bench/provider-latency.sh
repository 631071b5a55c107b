#!/usr/bin/env bash
# Benchmark of the whole paging path: new alerts posted to alert-ingest at a steady --rate (200/s),
# each paging a person whose push topic is on an ntfy server the load generator plays, and the time
# from each alert's POST to its push arriving there, p50/p99/max. Afterwards the alerts are resolved.
#
#   bench/provider-latency.sh [--rate 200] [--warmup 300] [--duration 60] [--settle 60]
#
# Starts its own local stack (./tocsin up, stopped at the end), because it needs two settings at
# start: notifier-service sends pushes to the generator's ntfy (TOCSIN_NTFY_SERVERS, so the local
# ntfy fake stays off), and alert-ingest's storm grouping and notifier-service's storm bundles are
# out of the way, since at 200 alerts/s on one service every alert after the fifth would otherwise
# join one grouped page, and every push after the first would wait for one message per 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

# Five minutes of the same load before measuring: on two cores the stack's JVMs are still
# compiling for the first minutes, and a shorter warm-up measures that (docs/benchmarks.md).
args=() warmup=300 duration=60
while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--settle) args+=("$1" "$2") ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2; args+=("$1" "$2") ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done
args+=(--warmup "$warmup")

if stack_running; then
  say "A local stack is running; stop it first (./tocsin down): this benchmark starts one with its own settings."
  exit 1
fi
NTFY=http://127.0.0.1:18091
export TOCSIN_NTFY_SERVERS=$NTFY TOCSIN_INGEST_DECISIONS_STORM_ENABLED=false TOCSIN_NOTIFIER_BUNDLE_WINDOW=0s
# PostgreSQL counts its time per statement (pg_stat_statements), reported for the measured load.
export TOCSIN_PG_STAT_STATEMENTS=true
trap stop_stack_if_started EXIT
ensure_stack
admin=$(cat .tocsin/admin-token)
call() {
  curl -fsS --max-time 10 -X "$1" "$2" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$3"
}
call PUT http://127.0.0.1:8082/api/v1/users/bench-p '{"name": "Bench pusher", "timeZone": "UTC"}' > /dev/null
call PUT http://127.0.0.1:8082/api/v1/schedules/bench-push-oncall '{"name": "Bench push", "timeZone": "UTC",
  "rotation": {"start": "2026-01-05T09:00:00", "shiftLength": "P7D", "participants": ["bench-p"]}}' > /dev/null
# One step with the longest deadline, so no page of the run escalates before it is resolved.
call PUT http://127.0.0.1:8082/api/v1/escalation-policies/bench-push-policy '{"name": "Bench push", "repeat": 0,
  "steps": [{"targets": [{"type": "SCHEDULE_PRIMARY", "id": "bench-push-oncall"}], "deadline": "PT60M"}]}' > /dev/null
call PUT http://127.0.0.1:8082/api/v1/services/bench-push '{"name": "Bench push", "criticality": "CRITICAL",
  "escalationPolicy": "bench-push-policy"}' > /dev/null
# alert-ingest and notifier-service learn of the service and the person from the directory within seconds.
eventually() {
  for _ in $(seq 1 30); do "$@" > /dev/null 2>&1 && return 0; sleep 1; done
  "$@" > /dev/null
}
eventually call PUT http://127.0.0.1:8081/api/v1/services/bench-push '{"name": "Bench push",
  "criticality": "USER_FACING", "urgencyRules": [{"matchers": [{"name": "severity", "op": "=", "value": "critical"}],
  "urgency": "PAGE", "comment": "every bench alert pages"}]}'
eventually call PUT http://127.0.0.1:8084/api/v1/users/bench-p/contact-methods/push \
  "{\"type\": \"PUSH\", \"address\": \"$NTFY/tocsin-bench\"}"
# The key's own request limit, high enough for the run (the default, 600 a minute, would refuse most).
key=$(call POST http://127.0.0.1:8081/api/v1/integration-keys \
  '{"service": "bench-push", "name": "bench", "rateLimitPerMinute": 60000}' |
  grep -o '"key":"[^"]*"' | cut -d'"' -f4)
# Where the cores go while the measured load runs: CPU time per process from the warm-up's end to
# the load's end (read a second after the generator starts, give or take its start-up), and
# PostgreSQL's time per statement over the same span.
pg() { PGOPTIONS='-c client_min_messages=warning' PGPASSWORD=${PG_PASSWORD:-postgres} psql -h 127.0.0.1 -p 15432 -U "${PG_USER:-postgres}" -d tocsin -qAtX "$@"; }
pg -c 'create extension if not exists pg_stat_statements' > /dev/null
work=$(mktemp -d)
( sleep $((warmup + 1)); stack_cpu > "$work/cpu.before"; pg -c 'select pg_stat_statements_reset()' > /dev/null
  sleep "$duration"; stack_cpu > "$work/cpu.after"
  pg -F ' | ' -c "select calls, round(total_exec_time)::bigint, round(mean_exec_time::numeric, 2), rows,
      left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'tocsin')
    order by total_exec_time desc limit 15" > "$work/statements" ) &
sampler=$!
generator provider --key "$key" --service bench-push "${args[@]}"
wait "$sampler"
say "CPU per process while the measured load ran ($duration s):"
cpu_report "$work/cpu.before" "$work/cpu.after" "$duration"
say "PostgreSQL's statements by time spent in them meanwhile (calls | total ms | mean ms | rows | statement):"
sed 's/^/  /' "$work/statements"
