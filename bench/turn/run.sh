#!/usr/bin/env bash
# coturn vs our relay on this machine under the same turnutils_uclient load; see bench.py and docs/turn-relay.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in turnserver turnutils_uclient turnutils_peer; do
  command -v "$tool" >/dev/null || { echo "bench/turn: $tool not found; install coturn (apt-get install coturn, as .ci/run does)" >&2; exit 2; }
done
# Build the relay when its jar is missing or older than any of its sources (a stale jar would bench old code).
jar=turn-relay/target/sprechzimmer-turn.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml common/pom.xml common/src turn-relay/pom.xml turn-relay/src -newer "$jar" -print -quit)" ]; then
  mvn -B -q -pl turn-relay -am package -DskipTests
fi
exec python3 bench/turn/bench.py "$@"
