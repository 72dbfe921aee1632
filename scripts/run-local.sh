#!/usr/bin/env bash
# One-command local runtime: starts dynalite (the DynamoDB protocol server) with its data kept
# in .data/dynalite, then runs the service (API, poller, queue, workflow) in the foreground
# against it. Ctrl-C stops both.
#
# Environment:
#   DYNAMODB_PORT   port for dynalite (default 4567)
#   LOCAL_DATA_DIR  where dynalite keeps its data and log, and the service its dev webhook secret (default .data)
#   TASKS_WEBHOOK_SECRET  the secret webhooks are signed with (default: a dev secret made in LOCAL_DATA_DIR on the
#                   first run and printed at startup)
#   JAVA_HOME       JDK 21+ to use (found automatically when unset or unusable)
#   JAVA_OPTS       extra JVM options for the service
#   TASKS_LOCAL_STORES_ADDRESS  the address dynalite and the embedded SQS listen on (default 127.0.0.1: this machine
#                   only; they ask for no credentials)
# Anything else (PORT, TASKS_LOCAL_POLL_INTERVAL, TASKS_TARGET_ALLOW, ...) passes through to the service.
#
# The jar is built by `make run`; run that rather than this script directly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

JAR="local-runtime/target/local-runtime-exec.jar"
LOCAL_DATA_DIR="${LOCAL_DATA_DIR:-.data}"
# The service keeps its dev webhook secret there too.
export LOCAL_DATA_DIR
DATA_DIR="$LOCAL_DATA_DIR/dynalite"
LOG_FILE="$LOCAL_DATA_DIR/dynalite.log"
DYNAMODB_PORT="${DYNAMODB_PORT:-4567}"
STORES_ADDRESS="${TASKS_LOCAL_STORES_ADDRESS:-127.0.0.1}"
# Where this machine reaches the stores: an "every interface" address is reached on loopback.
case "$STORES_ADDRESS" in
  0.0.0.0 | :: | '[::]') STORES_HOST=127.0.0.1 ;;
  *:*) STORES_HOST="[$STORES_ADDRESS]" ;;
  *) STORES_HOST="$STORES_ADDRESS" ;;
esac

die() {
  printf 'run-local: %s\n' "$*" >&2
  exit 1
}
log() { printf 'run-local: %s\n' "$*" >&2; }

# --- checks that need nothing started -----------------------------------------------------------

[[ "$DYNAMODB_PORT" =~ ^[0-9]+$ ]] && ((DYNAMODB_PORT >= 1 && DYNAMODB_PORT <= 65535)) ||
  die "DYNAMODB_PORT must be a TCP port number, got '$DYNAMODB_PORT'"

[[ -f "$JAR" ]] || die "$JAR is missing: run make run, which builds it"

JAVA_HOME="$("$ROOT/scripts/find-jdk.sh")" || exit 1
export JAVA_HOME

command -v node >/dev/null 2>&1 || die "Node.js is needed to run dynalite (the local DynamoDB): install Node.js 20 or newer"

port_open() {
  # Succeeds when something accepts TCP connections on the stores' address, port $1.
  (exec 3<>"/dev/tcp/${STORES_HOST//[\[\]]/}/$1") 2>/dev/null
}

if port_open "$DYNAMODB_PORT"; then
  die "port $DYNAMODB_PORT is already in use, so dynalite cannot start there; stop whatever listens on it or pick another port, e.g. DYNAMODB_PORT=4568 make run"
fi

# --- npm dependencies ---------------------------------------------------------------------------

if [[ ! -d node_modules/dynalite || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
  touch node_modules/.package-lock.json
fi

# --- processes and cleanup ----------------------------------------------------------------------

DYNALITE_PID=""
JAVA_PID=""

# Sends TERM to $1, waits up to $2 seconds for it to exit, then KILLs it.
stop_process() {
  local pid="$1" grace="$2" name="$3" i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop within ${grace}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  trap - EXIT INT TERM HUP
  # Stop the API first so it does not log errors about a vanished database.
  stop_process "$JAVA_PID" 30 "the API"
  JAVA_PID=""
  if [[ -n "$DYNALITE_PID" ]]; then
    stop_process "$DYNALITE_PID" 5 "dynalite"
    DYNALITE_PID=""
    log "dynalite stopped (data kept in $DATA_DIR; make clean-data removes it)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- dynalite -----------------------------------------------------------------------------------

mkdir -p "$DATA_DIR"
log "starting dynalite on $STORES_ADDRESS port $DYNAMODB_PORT (data: $DATA_DIR, log: $LOG_FILE)"
node node_modules/dynalite/cli.js \
  --host "$STORES_ADDRESS" \
  --port "$DYNAMODB_PORT" \
  --path "$DATA_DIR" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 \
  >>"$LOG_FILE" 2>&1 </dev/null &
DYNALITE_PID=$!

ready=""
for ((i = 0; i < 150; i++)); do
  if ! kill -0 "$DYNALITE_PID" 2>/dev/null; then
    wait "$DYNALITE_PID" 2>/dev/null || true
    DYNALITE_PID=""
    tail -n 20 "$LOG_FILE" >&2 || true
    die "dynalite exited during startup; see $LOG_FILE"
  fi
  if port_open "$DYNAMODB_PORT"; then
    ready=yes
    break
  fi
  sleep 0.1
done
[[ -n "$ready" ]] || die "dynalite did not accept connections on port $DYNAMODB_PORT within 15s; see $LOG_FILE"
log "dynalite is ready at http://$STORES_HOST:$DYNAMODB_PORT"

# --- the API ------------------------------------------------------------------------------------

export DYNAMODB_ENDPOINT="http://$STORES_HOST:$DYNAMODB_PORT"
export TASKS_LOCAL_STORES_ADDRESS="$STORES_ADDRESS"
# The embedded SQS server (Pekko) uses sun.misc.Unsafe: JDK 23+ would warn about it at every start.
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  UNSAFE_OPT="--sun-misc-unsafe-memory-access=allow"
fi
log "starting the service with $JAVA_HOME/bin/java (Ctrl-C stops it and dynalite)"

# Started in the background and waited for, so that the traps above run as soon as a signal
# arrives (a foreground child would delay them until it exits). stdin is kept.
# shellcheck disable=SC2086 # JAVA_OPTS is deliberately word-split
"$JAVA_HOME/bin/java" ${UNSAFE_OPT:-} ${JAVA_OPTS:-} -jar "$JAR" <&0 &
JAVA_PID=$!

status=0
wait "$JAVA_PID" || status=$?
JAVA_PID=""
exit "$status"
