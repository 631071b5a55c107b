#!/usr/bin/env bash
# Benchmark of alert-ingest's decision stage (dedup and classify) alone: writes signals straight to
# Kafka's tocsin.alert-signals as the intake does, follows alert-ingest's consumer group until it
# has decided them all, and prints signals/s, alert-ingest's heap (after a full GC at start and
# end, and the most seen in between) and the alerts the run produced: one per key, no more.
#
#   bench/decision-stage.sh [--signals 1000000] [--keys 10000] [--timeout 3600]
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

signals=1000000 keys=10000 timeout=3600
while [ $# -gt 0 ]; do
  case "$1" in
    --signals) signals=$2 ;;
    --keys) keys=$2 ;;
    --timeout) timeout=$2 ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

trap stop_stack_if_started EXIT
ensure_stack
pid=$(ingest_pid)
[ -n "$pid" ] || say "alert-ingest was not started by ./tocsin up here: heap readings without a forced GC."
generator signals --signals "$signals" --keys "$keys" --timeout "$timeout" ${pid:+--ingest-pid "$pid"}
