# Shared by the alert-ingest benchmarks (bench/ingest-load.sh, bench/decision-stage.sh); sourced
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

# A key=value field of the generator's "result" line.
field() { sed -n 's/^result .*\b'"$2"'=\([^ ]*\).*/\1/p' <<< "$1"; }
