#!/usr/bin/env bash
# Prints the JAVA_HOME of a JDK 21 or newer on stdout (and nothing else).
# Order of preference:
#   1. $JAVA_HOME, if set and it is a JDK >= 21 (an unusable JAVA_HOME is ignored with a warning);
#   2. the `java` on PATH, if it is >= 21;
#   3. the highest-versioned JDK >= 21 under the usual install locations.
# Messages go to stderr. Exits 1 when no suitable JDK is found.
set -euo pipefail

MIN_VERSION=21

log() { printf 'find-jdk: %s\n' "$*" >&2; }

# Normalises a Java version string ("25.0.3", "21", "1.8.0_392", "21-ea") to its feature number.
feature_of() {
  local v="$1"
  v="${v#\"}"
  v="${v%\"}"
  if [[ "$v" == 1.* ]]; then
    v="${v#1.}"
  fi
  v="${v%%[!0-9]*}"
  printf '%s' "${v:-0}"
}

# Prints the feature version of the JDK at $1 (0 if it is not a usable JDK).
jdk_feature() {
  local home="${1%/}" line v=""
  if [[ ! -x "$home/bin/java" ]]; then
    printf '0'
    return 0
  fi
  if [[ -r "$home/release" ]]; then
    line="$(grep -E '^JAVA_VERSION=' "$home/release" 2>/dev/null | head -n 1 || true)"
    v="${line#JAVA_VERSION=}"
  fi
  if [[ -z "$v" ]]; then
    # e.g.: openjdk version "25.0.3" 2026-04-21
    line="$("$home/bin/java" -version 2>&1 | grep -E 'version "' | head -n 1 || true)"
    v="$(printf '%s' "$line" | sed -E 's/.*version "([^"]*)".*/\1/')"
  fi
  feature_of "$v"
}

# Resolves the JAVA_HOME of a `java` executable (following symlinks).
home_of_java() {
  local exe="$1" real
  if real="$(readlink -f "$exe" 2>/dev/null)" && [[ -n "$real" ]]; then
    exe="$real"
  fi
  (cd "$(dirname "$exe")/.." && pwd -P)
}

# 1. JAVA_HOME
if [[ -n "${JAVA_HOME:-}" ]]; then
  f="$(jdk_feature "$JAVA_HOME")"
  if [[ "$f" -ge "$MIN_VERSION" ]]; then
    printf '%s\n' "${JAVA_HOME%/}"
    exit 0
  elif [[ "$f" -eq 0 ]]; then
    log "ignoring JAVA_HOME=$JAVA_HOME: no bin/java there"
  else
    log "ignoring JAVA_HOME=$JAVA_HOME: it is Java $f, $MIN_VERSION or newer is needed"
  fi
fi

# 2. java on PATH
if java_exe="$(command -v java 2>/dev/null)" && [[ -n "$java_exe" ]]; then
  if home="$(home_of_java "$java_exe" 2>/dev/null)"; then
    f="$(jdk_feature "$home")"
    if [[ "$f" -ge "$MIN_VERSION" ]]; then
      printf '%s\n' "$home"
      exit 0
    fi
  fi
fi

# 3. scan the usual locations; pick the highest feature version
best_home=""
best_feature=0
shopt -s nullglob
for dir in /usr/lib/jvm/*/ /opt/java/*/ /usr/java/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
  dir="${dir%/}"
  [[ -L "$dir" ]] && continue # skip aliases such as default-java; the target is scanned too
  f="$(jdk_feature "$dir")"
  if [[ "$f" -ge "$MIN_VERSION" && "$f" -gt "$best_feature" ]]; then
    best_feature="$f"
    best_home="$dir"
  fi
done
shopt -u nullglob

if [[ -n "$best_home" ]]; then
  log "using Java $best_feature at $best_home"
  printf '%s\n' "$best_home"
  exit 0
fi

log "Tasks Service needs a JDK 21 or newer: install one (e.g. Temurin 21) or set JAVA_HOME"
exit 1
