#!/usr/bin/env bash
# Benchmark of alert-ingest's intake beside Prometheus Alertmanager, on this machine, with the same
# payloads: accepted alerts/s with 1 and with 100 alerts per request (closed loop), accept latency
# at a steady open-loop 1,000 alerts/s, PagerDuty Events v2 (Tocsin only), and Alertmanager's
# resident memory per open alert. Prints a markdown table: Tocsin, Alertmanager, and their ratio.
#
#   bench/ingest-load.sh [--duration 30] [--steady 60] [--rate 1000] [--connections 16]
#                        [--steady-connections 64] [--warmup 30] [--open-alerts 100000] [--drain-wait 900]
#                        [--identities 10000]
#
# Load is what a monitoring system sends: a fixed set of --identities firing alerts, sent
# again and again. Each target first receives every identity once (the "new alerts" pass, timed
# for Tocsin until the whole stack has handled it), then the measured scenarios re-send them.
# Before each Tocsin scenario the script waits (at most --drain-wait s) until every consumer group
# of the four services is at the end of its topics, so one scenario's work does not run during the
# next.
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end). Installs
# Debian's prometheus-alertmanager when absent (needs root) and runs it on a free loopback port
# with a null receiver; it is stopped at the end. All traffic goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=30 steady=60 rate=1000 connections=16 steady_connections=64 warmup=30 open_alerts=100000 drain_wait=900
identities=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2 ;;
    --steady) steady=$2 ;;
    --rate) rate=$2 ;;
    --connections) connections=$2 ;;
    --steady-connections) steady_connections=$2 ;;
    --warmup) warmup=$2 ;;
    --open-alerts) open_alerts=$2 ;;
    --drain-wait) drain_wait=$2 ;;
    --identities) identities=$2 ;;
    *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

work=.tocsin/bench/ingest-load-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
cleanup() {
  stop_alertmanager
  revoke_bench_key
  stop_stack_if_started
}
trap cleanup EXIT

# --- Alertmanager ---------------------------------------------------------------------------
start_alertmanager "$work"

# Scenario NAME TARGET-ARGS...: runs the generator, keeps its output, prints its result line.
scenario() {
  local name=$1; shift
  say "  $name"
  generator "$@" > "$work/$name.out" 2>&1 || { say "generator failed; see $work/$name.out"; cat "$work/$name.out" >&2; exit 1; }
  grep '^result ' "$work/$name.out"
}

say "Alertmanager: resident memory for $open_alerts open alerts ..."
sleep 3
rss_before=$(ps -o rss= -p "$am_pid" | tr -d ' ')
scenario am-open-alerts am-v2 --url "$am" --batch 100 --identities "$open_alerts" --max-alerts "$open_alerts" \
  --warmup 0 --duration 300 --connections 4 > /dev/null
sleep 5
rss_after=$(ps -o rss= -p "$am_pid" | tr -d ' ')
# Alerts wait as "unprocessed" until their group's first flush, so all states are counted.
am_held=$(curl -fsS --max-time 10 "$am/metrics" | awk '/^alertmanager_alerts\{/ {n += $2} END {printf "%.0f", n}')
kb_per_alert=$(awk -v a="$rss_after" -v b="$rss_before" -v n="$open_alerts" 'BEGIN {printf "%.1f", (a-b)/n}')

common=(--warmup "$warmup" --duration "$duration" --connections "$connections" --identities "$identities")
steady_args=(--batch 1 --rate "$rate" --warmup "$warmup" --duration "$steady" --connections "$steady_connections"
  --identities "$identities")
# Every identity once: the alerts the measured scenarios then re-send.
first_pass=(--identities "$identities" --max-alerts "$identities" --warmup 0 --duration 300 --connections 4)
run_id() { printf '%s-%s' "$1" "$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }
say "Alertmanager: scenarios ..."
run=$(run_id am)
scenario am-new-alerts am-v2 --url "$am" --run "$run" --batch 100 "${first_pass[@]}" > /dev/null
am_b1=$(scenario am-batch1 am-v2 --url "$am" --run "$run" --batch 1 "${common[@]}")
am_b100=$(scenario am-batch100 am-v2 --url "$am" --run "$run" --batch 100 "${common[@]}")
am_steady=$(scenario am-steady am-v2 --url "$am" --run "$run" "${steady_args[@]}")
stop_alertmanager

# --- Tocsin ---------------------------------------------------------------------------------
ensure_stack
create_bench_key load
tocsin=http://127.0.0.1:8081
backlogs=()
settled() { # records the backlog the next scenario starts with
  say "  waiting up to ${drain_wait}s until every service has handled what it was sent"
  local out
  out=$(generator settle --timeout "$drain_wait")
  say "  $out"
  backlogs+=("$(sed -n 's/^settle lag=\([0-9]*\).*/\1/p' <<< "$out")")
}
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'; }
say "Tocsin: $identities new alerts ..."
run=$(run_id tocsin)
settled; backlogs=()
new_start=$(date +%s.%N)
scenario tocsin-new-alerts am-v2 --url "$tocsin" --key "$key" --run "$run" --batch 100 "${first_pass[@]}" > /dev/null
new_accepted=$(seconds_since "$new_start")
generator drain --timeout "$drain_wait" > /dev/null; new_decided=$(seconds_since "$new_start")
generator settle --timeout "$drain_wait" > /dev/null; new_settled=$(seconds_since "$new_start")
scenario tocsin-pagerduty-new pagerduty --url "$tocsin" --key "$key" --run "$run" "${first_pass[@]}" > /dev/null
say "Tocsin: scenarios ..."
settled; t_b1=$(scenario tocsin-batch1 am-v2 --url "$tocsin" --key "$key" --run "$run" --batch 1 "${common[@]}")
settled; t_b100=$(scenario tocsin-batch100 am-v2 --url "$tocsin" --key "$key" --run "$run" --batch 100 "${common[@]}")
settled; t_steady=$(scenario tocsin-steady am-v2 --url "$tocsin" --key "$key" --run "$run" "${steady_args[@]}")
settled; t_pd=$(scenario tocsin-pagerduty pagerduty --url "$tocsin" --key "$key" --run "$run" "${common[@]}")

# --- Table ----------------------------------------------------------------------------------
ratio() { awk -v t="$1" -v a="$2" 'BEGIN { if (a > 0 && t != "NA" && a != "NA") printf "%.2f", t/a; else printf "–" }'; }
row() { # figure, tocsin result line, alertmanager result line, field
  local t a
  t=$(field "$2" "$4"); a=${3:+$(field "$3" "$4")}
  printf '| %s | %s | %s | %s |\n' "$1" "$t" "${a:-n/a}" "$(ratio "$t" "${a:-0}")"
}
failed() { printf '%s of %s (%s)' "$(field "$1" errors)" "$(field "$1" requests)" "$(field "$1" failures)"; }
echo
echo "alert-ingest vs Prometheus Alertmanager $am_version, $(date -u +%F), $(nproc) cores; $identities firing alerts" \
  "re-sent; closed loop: $connections connections, ${duration}s after ${warmup}s warm-up; open loop: ${steady}s at $rate alerts/s"
echo
echo "| figure | Tocsin | Alertmanager | Tocsin ÷ Alertmanager |"
echo "|---|---|---|---|"
row "accepted alerts/s, 1 alert per request" "$t_b1" "$am_b1" alerts_per_s
row "accepted alerts/s, 100 alerts per request" "$t_b100" "$am_b100" alerts_per_s
row "accept latency p50 ms at $rate alerts/s (open loop)" "$t_steady" "$am_steady" p50_ms
row "accept latency p99 ms at $rate alerts/s (open loop)" "$t_steady" "$am_steady" p99_ms
row "accept latency p99.9 ms at $rate alerts/s (open loop)" "$t_steady" "$am_steady" p999_ms
row "alerts/s accepted in the open-loop run" "$t_steady" "$am_steady" alerts_per_s
row "accepted PagerDuty events/s, 1 per request" "$t_pd" "" alerts_per_s
printf '| RSS per open alert (RSS growth over %s alerts held) | – | %s KB | – |\n' "${am_held:-?}" "$kb_per_alert"
printf '| failed requests, 1 per request | %s | %s | |\n' "$(failed "$t_b1")" "$(failed "$am_b1")"
printf '| failed requests, 100 per request | %s | %s | |\n' "$(failed "$t_b100")" "$(failed "$am_b100")"
printf '| failed requests, open loop | %s | %s | |\n' "$(failed "$t_steady")" "$(failed "$am_steady")"
printf '| failed requests, PagerDuty | %s | n/a | |\n' "$(failed "$t_pd")"
printf '| unhandled records when each Tocsin scenario started (1 / 100 / open loop / PagerDuty) | %s | n/a | |\n' \
  "$(IFS=/; echo "${backlogs[*]}")"
printf '| %s new alerts in batches of 100: accepted / decided / handled by every service, s | %s / %s / %s | – | |\n' \
  "$identities" "$new_accepted" "$new_decided" "$new_settled"
echo
say "Generator output and Alertmanager's log: $work/"
