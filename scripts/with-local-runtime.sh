#!/usr/bin/env bash
# Runs a command against a fresh local runtime: starts one on free ports with its own data
# folder, waits until it is healthy, runs the command with API_URL pointing at it, then stops
# the runtime. The command's exit code is this script's.
#
# Usage: scripts/with-local-runtime.sh <command> [args...]
# Environment: TASKS_LOCAL_POLL_INTERVAL and other settings pass through to the runtime;
# KEEP_LOCAL_RUNTIME_LOG=<file> keeps a copy of the runtime's log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

(($# > 0)) || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

DATA="$(mktemp -d "${TMPDIR:-/tmp}/tasks-local-XXXXXX")"
export LOCAL_DATA_DIR="$DATA"
export DYNAMODB_PORT="$(free_port)"
export PORT="$(free_port)"
export TASKS_LOCAL_SQS_PORT="$(free_port)"
export API_URL="http://localhost:$PORT"

RUNTIME_PID=""
stop_runtime() {
  if [[ -n "$RUNTIME_PID" ]] && kill -0 "$RUNTIME_PID" 2>/dev/null; then
    kill -TERM "$RUNTIME_PID" 2>/dev/null || true
    wait "$RUNTIME_PID" 2>/dev/null || true
  fi
  if [[ -n "${KEEP_LOCAL_RUNTIME_LOG:-}" ]]; then
    cp "$DATA/runtime.log" "$KEEP_LOCAL_RUNTIME_LOG" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop_runtime EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "with-local-runtime: starting the local runtime at $API_URL (log: $DATA/runtime.log)" >&2
scripts/run-local.sh >"$DATA/runtime.log" 2>&1 &
RUNTIME_PID=$!

# A start takes 10-20 s on a quiet 2-core machine; a busy one (a build beside it) can take a minute or more.
for ((i = 0; i < 720; i++)); do
  if curl -sf "$API_URL/actuator/health" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$RUNTIME_PID" 2>/dev/null; then
    tail -n 40 "$DATA/runtime.log" >&2
    echo "with-local-runtime: the local runtime exited during startup" >&2
    exit 1
  fi
  sleep 0.25
done
curl -sf "$API_URL/actuator/health" >/dev/null 2>&1 || {
  tail -n 40 "$DATA/runtime.log" >&2
  echo "with-local-runtime: the local runtime was not healthy within 180 s" >&2
  exit 1
}

status=0
"$@" || status=$?
exit "$status"
