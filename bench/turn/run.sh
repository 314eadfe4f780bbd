#!/usr/bin/env bash
# coturn vs our relay on this machine under the same turnutils_uclient load; see bench.py and docs/turn-relay.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in turnserver turnutils_uclient turnutils_peer; do
  command -v "$tool" >/dev/null || { echo "bench/turn: $tool not found; install coturn (apt-get install coturn, as .ci/run does)" >&2; exit 2; }
done
[ -f turn-relay/target/sprechzimmer-turn.jar ] || mvn -B -q -pl turn-relay -am package -DskipTests
exec python3 bench/turn/bench.py "$@"
