#!/usr/bin/env bash
# Statistics benchmark: ingest into Redis (events/s), CSV and PDF export of one practice with N events.
# Usage: bench/stats/run.sh [events=1000000] [sink-events=200000]
# Starts its own redis-server on a free loopback port (no persistence) and stops it by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-1000000}"
SINK_EVENTS="${2:-200000}"

# One reactor run builds the modules and writes each module's classpath (sibling modules as their jars).
mvn -B -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DIR="$(mktemp -d)"
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" >"$DIR/redis.log" 2>&1 &
REDIS_PID=$!
trap 'kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(redis-server --version | cut -d' ' -f3)"
java -Xmx2g ${JAVA_OPTS:-} -cp "$CP" de.sprechzimmer.bench.stats.StatsBench "redis://127.0.0.1:$PORT" "$EVENTS" "$SINK_EVENTS"
echo "redis memory: $(redis-cli -p "$PORT" info memory | grep '^used_memory_human' | tr -d '\r')"
