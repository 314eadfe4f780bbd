#!/usr/bin/env bash
# Runs every test: unit, contract (in-memory and real Redis), interop (coturn clients, ice4j), the web client's
# type check, and the browser end-to-end tests (real Chromium in network namespaces; needs root).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in java mvn node npm redis-server chromium turnutils_uclient ip openssl curl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: missing tools: ${missing[*]}" >&2
  echo "On Debian 12: apt-get install -y maven nodejs npm redis-server chromium coturn iproute2 openssl curl libnss3-tools (or run .ci/run as root)" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "test.sh: the browser tests create network namespaces and need root (see docs/testing.md)" >&2
  exit 2
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

start=$(date +%s)
step() { echo; echo "==== $* ($(( $(date +%s) - start ))s)"; }

step "Java: unit, contract, Redis and interop tests; builds the jars"
mvn -B -ntp verify

step "Web client: type check (tsc --checkJs)"
npm run --silent typecheck

for e2e in web-client/e2e/run.sh turn-relay/e2e/run.sh; do
  if [ -x "$e2e" ]; then
    step "Browser end-to-end: $e2e"
    "$e2e"
  fi
done

step "All tests passed"
