#!/usr/bin/env bash
# The checks `make test` runs against one running local runtime (scripts/with-local-runtime.sh gives API_URL):
# EndToEnd (one task, strict timing), then the web page in headless Chromium (src-e2e/page/page-test.mjs).
# Both run even if the first fails; the exit code is non-zero if either failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

"$JAVA" -cp src-e2e/target/src-e2e.jar dev.tasksservice.e2e.EndToEnd
e2e=$?
node src-e2e/page/page-test.mjs
page=$?

((e2e == 0 && page == 0)) || { echo "local-checks: EndToEnd exited $e2e, the page test $page" >&2; exit 1; }
