#!/usr/bin/env bash
# A burst of new alerts through every service: --alerts (10,000) new, distinct alerts posted at
# once (Alertmanager API v2, 100 per request, 4 connections), timed until alert-ingest has accepted
# them, until it has decided them, and until every consumer group of the four services is at the
# end of its topics. Runs --passes bursts one after the other, each of alerts never sent before:
# the first on JVMs as they are (cold when the script started the stack), the later ones on JVMs
# warmed by the bursts before them, as a service that has run for a while is. Prints one line per
# pass.
#
#   bench/new-alerts.sh [--alerts 10000] [--passes 4] [--drain-wait 900]
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end). The
# alerts are for the `bench` service, which has no SLO: they are tickets, as in ingest-load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

alerts=10000 passes=4 drain_wait=900
while [ $# -gt 0 ]; do
  case "$1" in
    --alerts) alerts=$2 ;;
    --passes) passes=$2 ;;
    --drain-wait) drain_wait=$2 ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

cleanup() {
  revoke_bench_key
  stop_stack_if_started
}
trap cleanup EXIT
ensure_stack
create_bench_key new-alerts
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'; }

generator settle --timeout "$drain_wait" > /dev/null
echo "$alerts new alerts per pass, batches of 100, $(date -u +%FT%TZ), $(nproc) cores"
echo "| pass | accepted | decided | handled by every service |"
echo "|---|---|---|---|"
for pass in $(seq 1 "$passes"); do
  start=$(date +%s.%N)
  generator am-v2 --url http://127.0.0.1:8081 --key "$key" --run "new-$pass-$(date +%s)" --identities new \
    --batch 100 --max-alerts "$alerts" --warmup 0 --duration 300 --connections 4 > /dev/null
  accepted=$(seconds_since "$start")
  generator drain --timeout "$drain_wait" > /dev/null; decided=$(seconds_since "$start")
  generator settle --timeout "$drain_wait" > /dev/null; settled=$(seconds_since "$start")
  echo "| $pass | $accepted s | $decided s | $settled s |"
done
