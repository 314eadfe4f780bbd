#!/usr/bin/env bash
# Browser test of the TURN relay: two Chromium instances in network namespaces A and B that cannot reach each
# other, and the relay (the shaded jar) in namespace T linked to both. Over UDP and over TCP the call must connect
# relay/relay with media flowing; without TURN it must not connect. Needs root (ip netns) and a built
# turn-relay/target/sprechzimmer-turn.jar. Cleans up in a trap; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/turn-relay/target/sprechzimmer-turn.jar"

[ "$(id -u)" = 0 ] || { echo "turn-relay/e2e/run.sh needs root (ip netns)" >&2; exit 1; }
[ -f "$jar" ] || { echo "missing $jar: run mvn -pl turn-relay -am package first" >&2; exit 1; }
if [ ! -d "$root/node_modules/playwright-core" ]; then
  (cd "$root" && npm install --no-audit --no-fund >/dev/null)
fi

id=$$
nsA="sz-turn-a-$id"; nsB="sz-turn-b-$id"; nsT="sz-turn-t-$id"
work=$(mktemp -d)
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
  ip netns del "$nsA" 2>/dev/null || true
  ip netns del "$nsB" 2>/dev/null || true
  ip netns del "$nsT" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A (10.213.1.1) -- T (10.213.1.254 | 10.213.2.254) -- B (10.213.2.1); T does not forward.
for ns in "$nsA" "$nsB" "$nsT"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
ip link add "sza$id" netns "$nsA" type veth peer name "szta$id" netns "$nsT"
ip link add "szb$id" netns "$nsB" type veth peer name "sztb$id" netns "$nsT"
ip -n "$nsA" addr add 10.213.1.1/24 dev "sza$id"
ip -n "$nsB" addr add 10.213.2.1/24 dev "szb$id"
ip -n "$nsT" addr add 10.213.1.254/24 dev "szta$id"
ip -n "$nsT" addr add 10.213.2.254/24 dev "sztb$id"
for l in "$nsA sza$id" "$nsB szb$id" "$nsT szta$id" "$nsT sztb$id"; do
  set -- $l
  ip -n "$1" link set "$2" up
done
ip -n "$nsA" route add default via 10.213.1.254
ip -n "$nsB" route add default via 10.213.2.254
ip netns exec "$nsT" sysctl -qw net.ipv4.ip_forward=0

secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
turn_port=3478
http_port=8000

# The relay: relay address on T's A-side address; the peers it relays to (the other side's relay address) are
# T's own private addresses, which the default peer policy refuses, so the test LAN is allow-listed.
ip netns exec "$nsT" env SPRECHZIMMER_TURN_SECRET="$secret" java -Xmx256m -jar "$jar" \
  --turn-listen-ip 0.0.0.0 --turn-port "$turn_port" --turn-relay-ip 10.213.1.254 \
  --turn-allowed-peers 10.213.0.0/16 --admin-port 9090 >"$work/relay.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "TURN relay listening" "$work/relay.log" && break
  sleep 0.25
done
grep -q "TURN relay listening" "$work/relay.log" || { cat "$work/relay.log"; echo "relay did not start" >&2; exit 1; }

for ns in "$nsA" "$nsB"; do
  ip netns exec "$ns" python3 -m http.server "$http_port" --bind 127.0.0.1 --directory "$here/www" >/dev/null 2>&1 &
  pids+=($!)
done
for ns in "$nsA" "$nsB"; do
  for _ in $(seq 1 40); do
    ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/127.0.0.1/$http_port" 2>/dev/null && break
    sleep 0.25
  done
done

export SZ_TURN_SECRET="$secret" SZ_TURN_PORT="$turn_port" SZ_HTTP_PORT="$http_port" SZ_NS_A="$nsA" SZ_NS_B="$nsB" \
  SZ_TURN_HOST_A=10.213.1.254 SZ_TURN_HOST_B=10.213.2.254

failed=0
for mode in udp tcp none; do
  node "$here/relay-call.mjs" "$mode" || failed=1
done

# The relay's log must hold no client address and no username (personal data).
if grep -E '10\.213\.[12]\.1([^0-9]|$)|:e2e' "$work/relay.log"; then
  echo "relay log holds a client address or username" >&2
  failed=1
fi

if [ "$failed" = 0 ]; then
  echo "turn-relay-e2e: 3 passed, 0 failed"
else
  echo "turn-relay e2e: FAILED" >&2
fi
exit "$failed"
