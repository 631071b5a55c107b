#!/usr/bin/env bash
# Intake of new alerts beside Prometheus Alertmanager: every request carries alerts never sent
# before (as in a storm), posted as Prometheus does (Alertmanager API v2), 1 and 100 alerts per
# request, closed loop, the same load against both. Prints a markdown table: Tocsin, Alertmanager,
# their ratio, and how long after the measured run alert-ingest took to decide what it accepted.
#
#   bench/intake-new.sh [--duration 20] [--lead-in 10] [--jvm-warmup 120] [--connections 16]
#                       [--drain-wait 900]
#
# Alertmanager (Debian's package, installed when absent; needs root) runs alone first, in memory,
# and is stopped before Tocsin's runs, so neither competes with the other for the cores. Each
# scenario sends --lead-in seconds unmeasured, then --duration measured. Before its first scenario
# Tocsin gets --jvm-warmup seconds of the same load (new alerts, 1 per request): on two cores the
# JIT compilers need minutes of load to reach steady state, and a service runs for days. Uses the
# running local stack or starts one (`./tocsin up`, stopped again at the end). Before each Tocsin
# run every consumer group of the stack is at the end of its topics. All traffic goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=20 lead_in=10 jvm_warmup=120 connections=16 drain_wait=900
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2 ;;
    --lead-in) lead_in=$2 ;;
    --jvm-warmup) jvm_warmup=$2 ;;
    --connections) connections=$2 ;;
    --drain-wait) drain_wait=$2 ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

work=.tocsin/bench/intake-new-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
cleanup() {
  stop_alertmanager
  revoke_bench_key
  stop_stack_if_started
}
trap cleanup EXIT

# new NAME URL BATCH [--key KEY]: new alerts only, a run label of their own; prints the result line.
new() {
  local name=$1 url=$2 batch=$3; shift 3
  say "  $name"
  generator am-v2 --url "$url" --run "$name-$(date +%s)" --identities new --batch "$batch" \
    --warmup "$lead_in" --duration "$duration" --connections "$connections" "$@" > "$work/$name.out" 2>&1 \
    || { say "generator failed; see $work/$name.out"; cat "$work/$name.out" >&2; exit 1; }
  grep '^result ' "$work/$name.out"
}
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'; }

start_alertmanager "$work"
am_b1=$(new am-new-1 "$am" 1)
am_b100=$(new am-new-100 "$am" 100)
stop_alertmanager

ensure_stack
create_bench_key intake-new
tocsin=http://127.0.0.1:8081
say "  JVM warm-up, ${jvm_warmup}s"
generator am-v2 --url "$tocsin" --key "$key" --run "jvm-warmup-$(date +%s)" --identities new --batch 1 \
  --warmup 0 --duration "$jvm_warmup" --connections "$connections" > "$work/tocsin-jvm-warmup.out" 2>&1
generator settle --timeout "$drain_wait" > /dev/null
t_b1=$(new tocsin-new-1 "$tocsin" 1 --key "$key")
start=$(date +%s.%N); generator drain --timeout "$drain_wait" > /dev/null; decided_b1=$(seconds_since "$start")
generator settle --timeout "$drain_wait" > /dev/null
t_b100=$(new tocsin-new-100 "$tocsin" 100 --key "$key")
start=$(date +%s.%N); generator drain --timeout "$drain_wait" > /dev/null; decided_b100=$(seconds_since "$start")

ratio() { awk -v t="$1" -v a="$2" 'BEGIN { if (a > 0 && t != "NA" && a != "NA") printf "%.2f", t/a; else printf "–" }'; }
row() { # figure, tocsin result line, alertmanager result line, field
  local t a
  t=$(field "$2" "$4"); a=$(field "$3" "$4")
  printf '| %s | %s | %s | %s |\n' "$1" "$t" "$a" "$(ratio "$t" "$a")"
}
failed() { printf '%s of %s (%s)' "$(field "$1" errors)" "$(field "$1" requests)" "$(field "$1" failures)"; }
echo
echo "New alerts: alert-ingest vs Prometheus Alertmanager $am_version, $(date -u +%F), $(nproc) cores;" \
  "closed loop, $connections connections, ${duration}s after a ${lead_in}s lead-in, every alert new;" \
  "Tocsin's JVMs warmed ${jvm_warmup}s first"
echo
echo "| figure | Tocsin | Alertmanager | Tocsin ÷ Alertmanager |"
echo "|---|---|---|---|"
row "new alerts/s accepted, 1 alert per request" "$t_b1" "$am_b1" alerts_per_s
row "  latency p50 ms" "$t_b1" "$am_b1" p50_ms
row "  latency p99 ms" "$t_b1" "$am_b1" p99_ms
row "new alerts/s accepted, 100 alerts per request" "$t_b100" "$am_b100" alerts_per_s
row "  latency p50 ms" "$t_b100" "$am_b100" p50_ms
row "  latency p99 ms" "$t_b100" "$am_b100" p99_ms
printf '| failed requests, 1 / 100 per request | %s / %s | %s / %s | |\n' \
  "$(failed "$t_b1")" "$(failed "$t_b100")" "$(failed "$am_b1")" "$(failed "$am_b100")"
printf '| s after the run until alert-ingest had decided all it accepted, 1 / 100 per request | %s / %s | – | |\n' \
  "$decided_b1" "$decided_b100"
echo
say "Generator output and Alertmanager's log: $work/"
