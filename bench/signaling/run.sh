#!/usr/bin/env bash
# Signaling load test: starts the standalone signaling server (embedded default: in-memory stores) and drives it
# with the Java load generator. Not a test; prints figures. Arguments go to the generator, e.g.
#   bench/signaling/run.sh --connections 10000 --doctors 50 --rate 1000 --seconds 60
# Server and generator are separate processes: each holds one end of every connection (file-descriptor limit).
set -euo pipefail
cd "$(dirname "$0")/../.."
HEAP=${SIGNALING_BENCH_HEAP:-1g}

mvn -B -q -o -pl signaling-server,bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null 2>&1 \
  || mvn -B -q -pl signaling-server,bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
admin=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
password="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
log=$(mktemp)

# Rate limits raised: the generator logs in and redeems thousands of codes from one address.
java -Xmx"$HEAP" -XX:+UseG1GC -jar signaling-server/target/sprechzimmer-signaling.jar \
  --http-host 127.0.0.1 --http-port "$port" --admin-port "$admin" \
  --bootstrap-login admin --bootstrap-password "$password" \
  --redeem-rate-per-minute 100000000 --redeem-rate-global 100000000 >"$log" 2>&1 &
server=$!
trap 'rc=$?; kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$log"; exit $rc' EXIT
for _ in $(seq 1 100); do
  grep -q "ready" "$log" && break
  sleep 0.2
done
grep -q "ready" "$log" || { cat "$log"; exit 1; }
echo "server pid $server on 127.0.0.1:$port, heap limit $HEAP, open-file limit $(ulimit -n)"

java -Xmx1g -Dlogback.configurationFile=bench/signaling/logback.xml -cp "bench/target/classes:$(cat bench/target/classpath.txt)" de.sprechzimmer.bench.signaling.LoadGenerator \
  --url "http://127.0.0.1:$port" --admin "http://127.0.0.1:$admin" --login admin --password "$password" "$@"
