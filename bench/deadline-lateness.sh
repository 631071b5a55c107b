#!/usr/bin/env bash
# Benchmark of the deadline engine: arms --count page.step deadlines in escalation-service's schema,
# due evenly over --over seconds from --lead seconds after arming, waits until every one has fired,
# and prints lateness (when firing began minus the due time) p50/p99/max, read from the change of
# escalation-service's tocsin_engine_lateness_seconds histogram over the run, and deadlines fired
# per second (count / (last removal seen - first due time)).
#
#   bench/deadline-lateness.sh [--count 100000] [--over 180] [--lead 15] [--timeout 1800]
#
# Uses the running local stack or starts one (`./tocsin up`, stopped again at the end). The
# deadlines are for pages that do not exist, so firing one reads the page's (empty) event stream
# and removes the row: the engine's own cost, without notifications. --over 0 arms them all due at
# once, which measures how fast a backlog drains. Percentiles are bucket bounds (the histogram's
# buckets are about 10% apart, and exact at 10, 50, 100, 250 and 500 ms, 1, 5 and 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

count=100000 over=180 lead=15 timeout=1800
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2 ;;
    --over) over=$2 ;;
    --lead) lead=$2 ;;
    --timeout) timeout=$2 ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done

METRICS=http://127.0.0.1:8082/q/metrics
KIND=page.step
run=bench-$(date +%s)-$$

trap stop_stack_if_started EXIT
ensure_stack
for _ in $(seq 1 24); do curl -fsS -o /dev/null --max-time 10 "$METRICS" && break; sleep 5; done
curl -fsS -o /dev/null "$METRICS" || { say "escalation-service does not answer at $METRICS"; exit 1; }

# PostgreSQL as the local stack wrote it down, or as the environment says (PG_JDBC_URL, PG_USER, PG_PASSWORD).
if [ -z "${PG_JDBC_URL:-}" ] && [ -f .tocsin/infra.env ]; then
  # shellcheck disable=SC1091
  . .tocsin/infra.env
fi
url=${PG_JDBC_URL:-jdbc:postgresql://127.0.0.1:15432/tocsin}
hostport=${url#jdbc:postgresql://}; database=${hostport#*/}; database=${database%%\?*}; hostport=${hostport%%/*}
export PGPASSWORD=${PG_PASSWORD:-postgres}
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "${hostport%:*}" -p "${hostport##*:}" -U "${PG_USER:-postgres}" -d "$database" -c "$1"; }

# Cumulative bucket counts of the lateness histogram ("bound count" lines), and the fired counter.
bucket_lines() { curl -fsS "$METRICS" | grep '^tocsin_engine_lateness_seconds_bucket{' | grep "module=\"$KIND\"" |
  sed 's/.*le="\([^"]*\)".*} \([0-9.eE+]*\)$/\1 \2/'; }
fired() { curl -fsS "$METRICS" | grep '^tocsin_engine_fired_total{' | grep "module=\"$KIND\"" | awk '{print $2}' | head -1; }

before=$(bucket_lines); fired_before=$(fired); fired_before=${fired_before:-0}
say "Arming $count $KIND deadlines (run $run), due over ${over}s from ${lead}s after arming ..."
first_due=$(sql "select extract(epoch from clock_timestamp() + interval '$lead seconds')")
sql "insert into escalation.deadlines (kind, ref, due_at, payload)
     select '$KIND', '$run-' || i, to_timestamp($first_due) + (i::float8 * $over / greatest($count - 1, 1)) * interval '1 second', '{}'
     from generate_series(0, $count - 1) i"
say "armed; waiting until every one has fired (at most ${timeout}s) ..."
deadline=$(( $(date +%s) + lead + over + timeout ))
while :; do
  left=$(sql "select count(*) from escalation.deadlines where kind = '$KIND' and ref like '$run-%'")
  [ "$left" = 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { say "timed out with $left deadlines not fired"; exit 1; }
  sleep 0.2
done
done_at=$(date +%s.%N)
after=$(bucket_lines); fired_after=$(fired)

# The run's own histogram: after minus before, per bucket bound; then the smallest bound holding
# half, 99% and all of the run's firings.
join -a 2 -e 0 -o 2.1,1.2,2.2 <(sort -k1,1 <<< "$before") <(sort -k1,1 <<< "$after") | awk -v n="$count" \
  -v fired="$(awk -v a="${fired_after:-0}" -v b="$fired_before" 'BEGIN{print a-b}')" \
  -v rate="$(awk -v n="$count" -v d="$done_at" -v f="$first_due" 'BEGIN{s=d-f; printf "%.0f", (s>0 ? n/s : 0)}')" '
  { le = ($1 == "+Inf") ? 1e308 : $1 + 0; bound[NR] = le; label[NR] = $1; delta[NR] = $3 - $2 }
  END {
    # Bucket series are cumulative; walk them in order of their bound.
    for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) if (bound[j] < bound[i]) {
      t = bound[i]; bound[i] = bound[j]; bound[j] = t; t = label[i]; label[i] = label[j]; label[j] = t
      t = delta[i]; delta[i] = delta[j]; delta[j] = t }
    total = delta[NR]
    for (i = 1; i <= NR; i++) {
      if (p50 == "" && delta[i] >= 0.50 * total) p50 = label[i]
      if (p99 == "" && delta[i] >= 0.99 * total) p99 = label[i]
      if (max == "" && delta[i] >= total) max = label[i]
    }
    printf "result deadlines=%d fired_by_engine=%d lateness_p50_le_s=%s lateness_p99_le_s=%s lateness_max_le_s=%s fired_per_s=%s\n",
      n, fired, p50, p99, max, rate
  }'
