#!/usr/bin/env bash
# Installs Debian's Chromium for the page test (src-e2e/page), once: nothing to do when /usr/bin/chromium is there.
# The test drives it with playwright-core, which downloads no browser of its own.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[[ -x "$CHROMIUM" ]] && exit 0

command -v apt-get >/dev/null 2>&1 ||
  { echo "install-chromium: $CHROMIUM is missing and there is no apt-get here: install Chromium yourself" >&2; exit 1; }

SUDO=()
if ((EUID != 0)); then
  command -v sudo >/dev/null 2>&1 ||
    { echo "install-chromium: installing Chromium needs root or sudo (apt-get install chromium)" >&2; exit 1; }
  SUDO=(sudo)
fi

echo "install-chromium: installing Debian's chromium for the page test" >&2
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
[[ -x "$CHROMIUM" ]] || { echo "install-chromium: apt-get ran but $CHROMIUM is still missing" >&2; exit 1; }
