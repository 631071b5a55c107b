# Shared by the alert-ingest benchmarks (bench/*.sh); sourced
# from the repository root. Builds the load generator, and brings up the local stack unless one
# runs already, remembering whether to stop it again.

GENERATOR_JAR=bench/load-generator/target/tocsin-load-generator.jar
# The JDK the build uses (>= 21; .mvn/java-home.sh), not whatever `java` is first on PATH.
. .mvn/java-home.sh
STARTED_STACK=0

say() { printf '%s\n' "$*" >&2; }

# The load generator, built (with the event module it needs) when its jar is missing.
generator() {
  if [ ! -f "$GENERATOR_JAR" ]; then
    say "Building the load generator ..."
    ./mvnw -q -pl bench/load-generator -am package -DskipTests >&2
  fi
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$GENERATOR_JAR" "$@"
}

ingest_ready() { curl -fsS -o /dev/null --max-time 10 http://127.0.0.1:8081/q/health/ready 2>/dev/null; }

# A stack counts as running when `./tocsin up` started alert-ingest here or alert-ingest answers,
# so a readiness check slowed by load never makes the benchmark stop a stack it did not start.
stack_running() {
  ingest_ready || { [ -f .tocsin/pids/alert-ingest.pid ] && kill -0 "$(cat .tocsin/pids/alert-ingest.pid)" 2>/dev/null; }
}

# Uses a running local stack, or starts one (stopped again by stop_stack_if_started).
ensure_stack() {
  if stack_running; then
    say "Using the running local stack."
  else
    say "Starting the local stack (./tocsin up) ..."
    STARTED_STACK=1
    ./tocsin up >&2
  fi
  for _ in $(seq 1 12); do ingest_ready && return 0; sleep 5; done
  say "alert-ingest is not ready at http://127.0.0.1:8081"; return 1
}

stop_stack_if_started() {
  if [ "$STARTED_STACK" = 1 ]; then
    say "Stopping the local stack this benchmark started ..."
    ./tocsin down >&2 || true
  fi
}

# The process id of alert-ingest when `./tocsin up` started it, for a full GC before heap readings.
ingest_pid() {
  local pid
  pid=$(cat .tocsin/pids/alert-ingest.pid 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# --- Where the cores go: CPU time per process of the local stack ------------------------------
# stack_cpu: one line per process `./tocsin up` started, "<name> <ticks>", its CPU time (user and
# system, in clock ticks) with that of its descendants, those still running and those it has reaped;
# PostgreSQL's server, which daemonizes away from the devstack, is counted as "postgres" by the pid
# its data directory names.
stack_cpu() {
  local f pid
  for f in .tocsin/pids/*.pid; do
    pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null && echo "$(basename "$f" .pid) $(tree_ticks "$pid")"
  done
  pid=$(head -1 .tocsin/pg/postmaster.pid 2>/dev/null || true)
  [ -n "$pid" ] && echo "postgres $(tree_ticks "$pid")"
  return 0
}
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() {
  local total child
  total=$(ticks "$1")
  for child in $(pgrep -P "$1" || true); do total=$((total + $(tree_ticks "$child"))); done
  echo "$total"
}
# cpu_report BEFORE AFTER SECONDS: the cores each process used between two stack_cpu readings.
cpu_report() {
  local hz; hz=$(getconf CLK_TCK)
  join <(sort "$1") <(sort "$2") | awk -v hz="$hz" -v s="$3" '
    { used = ($3 - $2) / hz / s; total += used; printf "  %-20s %5.2f cores\n", $1, used }
    END { printf "  %-20s %5.2f cores\n", "all", total }'
}

# A key=value field of the generator's "result" line.
field() { sed -n 's/^result .*\b'"$2"'=\([^ ]*\).*/\1/p' <<< "$1"; }

# --- Alertmanager, for the benchmarks that run the same load against it ----------------------
AM_PID="" AM_WORK=""
# start_alertmanager WORKDIR: Debian's prometheus-alertmanager (installed when absent; needs root)
# on a free loopback port in 19300-19399, clustering off, one null receiver, its data in WORKDIR.
# Sets am (its URL), am_pid and am_version.
start_alertmanager() {
  AM_WORK=$1
  if ! command -v prometheus-alertmanager > /dev/null; then
    [ "$(id -u)" = 0 ] || { say "prometheus-alertmanager is not installed; as root: apt-get install -y prometheus-alertmanager"; exit 1; }
    say "Installing Debian's prometheus-alertmanager ..."
    apt-get update > "$AM_WORK/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus-alertmanager >> "$AM_WORK/apt.log" 2>&1
  fi
  am_version=$(prometheus-alertmanager --version 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -1)
  local port="" p
  for p in $(seq 19300 19399); do
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || { say "no free port in 19300-19399 for Alertmanager"; exit 1; }
  printf 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n' > "$AM_WORK/alertmanager.yml"
  prometheus-alertmanager --config.file="$AM_WORK/alertmanager.yml" --storage.path="$AM_WORK/alertmanager-data" \
    --web.listen-address="127.0.0.1:$port" --cluster.listen-address= > "$AM_WORK/alertmanager.log" 2>&1 &
  AM_PID=$! am_pid=$AM_PID
  am=http://127.0.0.1:$port
  for _ in $(seq 1 30); do curl -fsS -o /dev/null --max-time 2 "$am/-/ready" 2>/dev/null && break; sleep 1; done
  curl -fsS -o /dev/null --max-time 2 "$am/-/ready" || { say "Alertmanager did not start; see $AM_WORK/alertmanager.log"; exit 1; }
  say "Alertmanager $am_version on $am (pid $AM_PID)"
}

# Stops the Alertmanager start_alertmanager started, if it still runs, and removes its data.
stop_alertmanager() {
  if [ -n "$AM_PID" ] && kill -0 "$AM_PID" 2>/dev/null; then
    kill "$AM_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$AM_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$AM_PID" 2>/dev/null || true
  fi
  AM_PID=""
  [ -z "$AM_WORK" ] || rm -rf "$AM_WORK/alertmanager-data"
}

# --- An integration key for the benchmark's alerts ---------------------------------------------
BENCH_KEY_ID=""
# create_bench_key NAME: a key for the `bench` service with the highest rate limit a key may have,
# so no limit caps the run; sets key (its secret) and admin_token. revoke_bench_key revokes it.
create_bench_key() {
  admin_token=${TOCSIN_ADMIN_TOKEN:-$(cat .tocsin/admin-token)}
  key=bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local created tries=0
  # The key names a service of the directory: escalation-service defines `bench` unless a benchmark
  # already did, and alert-ingest knows it within seconds.
  if [ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" \
      http://127.0.0.1:8082/api/v1/services/bench)" = 404 ]; then
    curl -fsS -o /dev/null --max-time 10 -X PUT http://127.0.0.1:8082/api/v1/services/bench \
      -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
      -d '{"name": "Bench", "criticality": "CRITICAL"}'
  fi
  until created=$(curl -fsS --max-time 10 -X POST http://127.0.0.1:8081/api/v1/integration-keys \
      -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
      -d "{\"service\":\"bench\",\"name\":\"$1\",\"key\":\"$key\",\"rateLimitPerMinute\":1000000}"); do
    [ $((tries += 1)) -le 150 ] || { echo "cannot create the benchmark's integration key" >&2; return 1; }
    sleep 0.2
  done
  BENCH_KEY_ID=$(grep -o '"id":"[^"]*"' <<< "$created" | head -1 | cut -d'"' -f4)
}

revoke_bench_key() {
  if [ -n "$BENCH_KEY_ID" ]; then
    curl -sS -o /dev/null --max-time 10 -X DELETE -H "Authorization: Bearer $admin_token" \
      "http://127.0.0.1:8081/api/v1/integration-keys/$BENCH_KEY_ID" || true
  fi
  BENCH_KEY_ID=""
}
