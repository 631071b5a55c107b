#!/usr/bin/env bash
# How fast each service starts alone, with and without JDK 25's ahead-of-time cache
# (bench/stack-up.sh measures the whole stack and its idle memory). Uses the running local stack or starts one (./tocsin up); Kafka and
# PostgreSQL stay up while one service at a time is stopped and started again.
#
#   bench/startup.sh [runs]     (default 5 starts per service and mode)
#
# Prints per service the wall time from launch to a ready /q/health/ready (min/median/max) and
# the same with TOCSIN_AOT=true after one training run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${1:-5}
SERVICES=(alert-ingest escalation-service incident-service notifier-service)

ensure_stack
trap stop_stack_if_started EXIT

# min/median/max of the numbers on stdin
spread() { sort -n | awk '{v[NR]=$1} END {printf "%d / %d / %d ms", v[1], v[int((NR+1)/2)], v[NR]}'; }

restart_ms() { ./tocsin restart "$1" | sed -n 's/.* ready in \([0-9]*\) ms$/\1/p'; }

for s in "${SERVICES[@]}"; do
  plain=$(for _ in $(seq "$RUNS"); do restart_ms "$s"; done | spread)
  quarkus=$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' ".tocsin/logs/$s.log" | tail -1)
  # The first AOT run trains; stopping it writes the cache, which every later run loads.
  rm -f ".tocsin/aot/$s.aot"
  TOCSIN_AOT=true restart_ms "$s" > /dev/null
  aot=$(for _ in $(seq "$RUNS"); do TOCSIN_AOT=true restart_ms "$s"; done | spread)
  aot_quarkus=$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' ".tocsin/logs/$s.log" | tail -1)
  [ -f ".tocsin/aot/$s.aot" ] || say "warning: no AOT cache was written for $s"
  printf '%-20s ready %s (Quarkus: %ss)   with AOT cache %s (Quarkus: %ss)\n' \
    "$s" "$plain" "$quarkus" "$aot" "$aot_quarkus"
  restart_ms "$s" > /dev/null   # leave it running as ./tocsin up starts it
done
