#!/usr/bin/env bash
# Where new-alert intake spends its time: posts new (never seen) alerts to alert-ingest as
# Alertmanager does, with alert-ingest recording a JFR profile, and prints how many CPU seconds
# each process of the stack spent (the services, the Kafka broker and PostgreSQL of the local stack,
# the load generator) and alert-ingest's hottest methods.
#
#   bench/intake-profile.sh [--batch 1] [--duration 20] [--warmup 30] [--connections 16]
#
# Uses the running local stack or starts one. The same load runs --warmup seconds first (a JVM
# just started spends its cores compiling), then the recording (jcmd JFR.start) and the CPU count
# cover the measured --duration seconds only. The recording stays in
# .tocsin/bench/intake-profile-*/alert-ingest.jfr for `jfr view` or JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

batch=1 duration=20 warmup=30 connections=16
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch=$2 ;;
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --connections) connections=$2 ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

work=$PWD/.tocsin/bench/intake-profile-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
ensure_stack
create_bench_key profile
finish() {
  revoke_bench_key
  stop_stack_if_started
}
trap finish EXIT


# CPU seconds (ps: whole seconds) of every process, labelled by what it is.
cpu() {
  ps -eo pid=,times=,args= | awk '{
    n = split($3, path, "/"); label = "other:" path[n]
    if ($0 ~ /alert-ingest\/target/) label = "alert-ingest"
    else if ($0 ~ /escalation-service\/target/) label = "escalation-service"
    else if ($0 ~ /incident-service\/target/) label = "incident-service"
    else if ($0 ~ /notifier-service\/target/) label = "notifier-service"
    else if ($0 ~ /kafka\.Kafka|kafka-runtime/) label = "Kafka-broker"
    else if ($0 ~ /DevStack/) label = "devstack(Kafka,SMTP)"
    else if ($0 ~ /postgres/) label = "PostgreSQL"
    else if ($0 ~ /tocsin-load-generator/) label = "load-generator"
    print $1, $2, label }'
}
# New alerts: a run label of their own, so no identity was ever sent before.
post() {
  generator am-v2 --url http://127.0.0.1:8081 --key "$key" --run "profile-$1-$(date +%s)" --batch "$batch" \
    --identities $((batch * 100000)) --warmup 0 --duration "$2" --connections "$connections"
}
ingest=$(cat .tocsin/pids/alert-ingest.pid)
say "Warming up: new alerts, $batch per request, $connections connections, ${warmup}s ..."
post warmup "$warmup" > "$work/warmup.out"
"$JAVA_HOME/bin/jcmd" "$ingest" JFR.start name=intake settings=profile > /dev/null
cpu > "$work/cpu-before"
say "Measuring: the same, ${duration}s ..."
post measured "$duration" | tee "$work/generator.out" | grep '^result '
cpu > "$work/cpu-after"
"$JAVA_HOME/bin/jcmd" "$ingest" JFR.stop name=intake filename="$work/alert-ingest.jfr" > /dev/null

echo
echo "CPU seconds during the run (wall ${duration}s on $(nproc) cores):"
awk 'NR == FNR { before[$1] = $2; next }
     { n = $2 - ($1 in before ? before[$1] : 0); if (n > 0) spent[$3] += n }
     END { for (l in spent) printf "  %-24s %6d\n", l, spent[l] }' "$work/cpu-before" "$work/cpu-after" \
  | sort -k2 -n -r
echo
"$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$work/alert-ingest.jfr" | head -40
say "Recording: $work/alert-ingest.jfr"
