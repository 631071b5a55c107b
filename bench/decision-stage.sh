#!/usr/bin/env bash
# Benchmark of alert-ingest's decision stage (dedup and classify) alone: writes signals straight to
# Kafka's tocsin.alert-signals as the intake does, follows alert-ingest's consumer group until it
# has decided them all, and prints signals/s, alert-ingest's heap (after a full GC at start and
# end, and the most seen in between) and the alerts the run produced: one per key, no more.
#
#   bench/decision-stage.sh [--signals 1000000] [--keys 10000] [--timeout 3600] [--alone]
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end). With
# --alone, the other three services are paused (SIGSTOP) while it runs and resumed after, so the
# stage is measured without their work on the alerts it publishes competing for the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

signals=1000000 keys=10000 timeout=3600 alone=0
while [ $# -gt 0 ]; do
  case "$1" in
    --alone) alone=1; shift; continue ;;
    --signals) signals=$2 ;;
    --keys) keys=$2 ;;
    --timeout) timeout=$2 ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

paused=()
resume() {
  for pid in "${paused[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
  stop_stack_if_started
}
trap resume EXIT
ensure_stack
if [ "$alone" = 1 ]; then
  for service in escalation-service incident-service notifier-service; do
    pid=$(cat ".tocsin/pids/$service.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -STOP "$pid" 2>/dev/null; then paused+=("$pid"); fi
  done
  say "paused for the run: escalation-service, incident-service and notifier-service (${#paused[@]} processes)"
fi
pid=$(ingest_pid)
[ -n "$pid" ] || say "alert-ingest was not started by ./tocsin up here: heap readings without a forced GC."
generator signals --signals "$signals" --keys "$keys" --timeout "$timeout" ${pid:+--ingest-pid "$pid"}
