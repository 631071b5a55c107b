#!/usr/bin/env bash
# Benchmark of escalation-service opening pages: publishes new PAGE alerts on tocsin.alerts at a
# steady --rate (200/s), as alert-ingest does once it has decided them, and prints the pages opened
# per second and the time from each AlertTriggered to its first notify request, p50/p99/max
# (record timestamps, both stamped on this machine). Afterwards the run's alerts are resolved.
#
#   bench/page-open.sh [--rate 200] [--warmup 10] [--duration 60] [--settle 60]
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end). The pages
# are for a service `bench` whose policy notifies its schedule's primary, who has no contact
# method: notifier-service records each request as undeliverable and sends nothing, so the figure
# is escalation-service's own. Storm grouping does not apply: it is alert-ingest's, and these
# alerts do not pass through it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--warmup|--duration|--settle) args+=("$1" "$2") ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

trap stop_stack_if_started EXIT
ensure_stack
admin_token=${TOCSIN_ADMIN_TOKEN:-$(cat .tocsin/admin-token)}
put() {
  curl -fsS -o /dev/null --max-time 10 -X PUT "http://127.0.0.1:8082$1" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/json' -d "$2"
}
put /api/v1/users/bench-a '{"name": "Bench A", "timeZone": "UTC"}'
put /api/v1/users/bench-b '{"name": "Bench B", "timeZone": "UTC"}'
put /api/v1/schedules/bench-oncall '{"name": "Bench on-call", "timeZone": "UTC",
  "rotation": {"start": "2026-01-05T09:00:00", "shiftLength": "P7D", "participants": ["bench-a", "bench-b"]}}'
# One step with the longest deadline, so no page of the run escalates before it is resolved.
put /api/v1/escalation-policies/bench-policy '{"name": "Bench", "repeat": 0,
  "steps": [{"targets": [{"type": "SCHEDULE_PRIMARY", "id": "bench-oncall"}], "deadline": "PT60M"}]}'
put /api/v1/services/bench '{"name": "Bench", "criticality": "CRITICAL", "escalationPolicy": "bench-policy"}'
generator pages --service bench "${args[@]}"
