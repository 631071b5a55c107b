#!/usr/bin/env bash
# How fast each service starts alone, with and without JDK 25's ahead-of-time cache, and what the
# four hold when idle. Uses the running local stack or starts one (./tocsin up); Kafka and
# PostgreSQL stay up while one service at a time is stopped and started again.
#
#   bench/startup.sh [runs]     (default 5 starts per service and mode)
#
# Prints per service the wall time from launch to a ready /q/health/ready (min/median/max), the
# same with TOCSIN_AOT=true after one training run, and, once every service has idled 30 s, each
# one's resident memory and heap in use after a full GC.
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

sleep 30   # idle: no load, the consumers polling
for s in "${SERVICES[@]}"; do
  pid=$(cat ".tocsin/pids/$s.pid")
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run > /dev/null
  heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1)
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  printf '%-20s idle: resident %d MiB, heap in use after full GC %d MiB\n' "$s" $((rss / 1024)) $((heap / 1024))
done
