#!/usr/bin/env bash
# The browser check of the offline site: loads every page of SITE_DIR in Debian's headless chromium from a server on
# 127.0.0.1 with no network (see check-offline.mjs for what it asserts).
# Usage: docs/tools/check-offline.sh SITE_DIR      (SITE_DIR: the output of `mkdocs build`)
# Needs node and npm (Debian: apt-get install nodejs npm chromium); playwright-core, pinned in package-lock.json,
# is installed with `npm ci` into a temporary folder (the npm registry must be reachable), never into docs/.
# CHROMIUM overrides the browser (default /usr/bin/chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 SITE_DIR (a directory built by mkdocs build)" >&2; exit 2; }
site=$(cd "$1" && pwd)
browser=${CHROMIUM:-/usr/bin/chromium}
[ -x "$browser" ] || { echo "check-offline: no chromium at $browser (apt-get install chromium, or set CHROMIUM)" >&2; exit 1; }
echo "check-offline: $("$browser" --version 2>/dev/null || echo "$browser")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/check-offline.mjs" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --silent)
CHROMIUM="$browser" node "$work/check-offline.mjs" "$site"
