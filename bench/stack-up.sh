#!/usr/bin/env bash
# Measures the local stack: wall time of `./tocsin up` until every service is healthy (warm build),
# each service's own start time (Quarkus' "started in"), and the resident memory of every process
# `up` started, once idle. Prints one row per run, then min/median/max.
#
#   bench/stack-up.sh [runs]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
services=(alert-ingest escalation-service incident-service notifier-service)
idle_seconds=${IDLE_SECONDS:-20}

rss_mb() { ps -o rss= -p "$1" 2>/dev/null | awk '{printf "%.0f", $1/1024}'; }

# The broker and PostgreSQL are children of the dev-stack process: sum the whole process tree.
tree_rss_mb() {
  local pids
  pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1]=$2 } END { for (p in parent) { q=p; while (q in parent && q!=root && q>1) q=parent[q]; if (q==root) print p } }')
  ps -o rss= -p "$(echo "$pids" | paste -sd,)" | awk '{s+=$1} END {printf "%.0f", s/1024}'
}

./tocsin down >/dev/null 2>&1 || true
printf 'run\tup_s'; for s in "${services[@]}"; do printf '\t%s_start_s\t%s_rss_mb' "$s" "$s"; done; printf '\tinfra_rss_mb\ttotal_rss_mb\n'
results=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  ./tocsin up >/dev/null
  up_s=$(echo "$(date +%s.%N) - $start" | bc)
  # Let JIT compilation and the first polls settle before reading memory.
  sleep "$idle_seconds"
  row=$(printf '%s\t%.1f' "$run" "$up_s")
  total=0
  for s in "${services[@]}"; do
    pid=$(cat ".tocsin/pids/$s.pid")
    started=$(grep -o 'started in [0-9.]*s' ".tocsin/logs/$s.log" | tail -1 | grep -o '[0-9.]*' || echo NA)
    mb=$(rss_mb "$pid"); total=$((total + mb))
    row+=$(printf '\t%s\t%s' "$started" "$mb")
  done
  infra=$(tree_rss_mb "$(cat .tocsin/pids/devstack.pid)"); total=$((total + infra))
  row+=$(printf '\t%s\t%s' "$infra" "$total")
  echo "$row"; results+=("$row")
  ./tocsin down >/dev/null
done
cols=$(printf '%s\n' "${results[0]}" | awk -F'\t' '{print NF}')
for stat in min median max; do
  printf '%s' "$stat"
  for c in $(seq 2 "$cols"); do
    sorted=$(printf '%s\n' "${results[@]}" | cut -f"$c" | sort -n)
    case $stat in
      min) v=$(echo "$sorted" | head -1) ;;
      max) v=$(echo "$sorted" | tail -1) ;;
      median) v=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ;;
    esac
    printf '\t%s' "$v"
  done
  printf '\n'
done
