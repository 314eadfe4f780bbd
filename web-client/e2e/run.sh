#!/usr/bin/env bash
# Browser end-to-end test of the consultation path (TESTING.md): the server jar and Debian's Chromium run
# inside a network namespace of their own (Chromium gathers no loopback candidates, so media flows over a
# veth pair there; no test traffic leaves the namespace). The test runs once against the embedded default
# and once against a real redis-server; afterwards the server's log and metrics are searched for the
# patient's name, the access code, the password and every token the browsers saw: none may appear. With Redis,
# every key and value is searched too: no password or token in clear, the client's full address nowhere, and
# the statistics keys hold pseudonyms, never the account's or practice's raw id.
#
#   sudo web-client/e2e/run.sh            # needs root (ip netns)
# Environment: SZ_JAR (server jar; default app/target/sprechzimmer.jar), SZ_E2E_MODES ("embedded redis relay relay-refused"),
# SZ_E2E_OUT (artifacts; default web-client/target/e2e), SZ_JAVA_OPTS (default -Xmx512m), SZ_E2E_SERVER_ARGS
# (more server flags, e.g. "--web-dir web-client/src/main/web" to test edited files without a rebuild),
# SZ_E2E_ONLY (run only these scenarios, comma-separated).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${SZ_JAR:-$root/app/target/sprechzimmer.jar}
out=${SZ_E2E_OUT:-$root/web-client/target/e2e}
modes=${SZ_E2E_MODES:-embedded redis relay relay-refused}
java_opts=${SZ_JAVA_OPTS:--Xmx512m}
read -r -a server_args <<<"${SZ_E2E_SERVER_ARGS:-}"

# Settings from the caller's environment must not leak into the server under test (e.g. a Redis URL).
while read -r var; do unset "$var"; done < <(compgen -e | grep '^SPRECHZIMMER_' || true)

die() { echo "e2e: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (ip netns)"
[[ -f $jar ]] || die "server jar $jar is missing: build it first, or set SZ_JAR"
for tool in ip java node curl openssl redis-server redis-cli /usr/bin/chromium; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -d $root/node_modules/playwright-core ]] || die "playwright-core missing: run 'npm install --no-audit --no-fund' in $root"

ns="sz-e2e-$$"
pids=()
browser_trust=()

stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do
    stop "$pid"
  done
  ip netns del "$ns" 2>/dev/null || true
  exit "$rc"
}
trap cleanup EXIT INT TERM

in_ns() { ip netns exec "$ns" "$@"; }
free_port() {
  in_ns node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

ip netns add "$ns"
ip -n "$ns" link set lo up
ip link add sz0 netns "$ns" type veth peer name sz1 netns "$ns"
lan=10.200.0.1 # the namespace's own address; the statistics check's front-desk browser reaches the server by it
ip -n "$ns" addr add "$lan/24" dev sz0
ip -n "$ns" link set sz0 up
ip -n "$ns" link set sz1 up
ip -n "$ns" route add default via 10.200.0.254 dev sz0 # a gateway that does not exist

login=e2e.doctor
password=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)

# run_mode embedded|redis: one server (plus Redis), the browser test against it, the privacy check.
run_mode() {
  local mode=$1 dir="$out/$1" started=$SECONDS
  local scenarios
  scenarios=$(scenarios_of "$mode")
  if [[ -z $scenarios ]]; then
    echo "# $mode: skipped (SZ_E2E_ONLY=$SZ_E2E_ONLY)"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  local http admin
  http=$(free_port)
  admin=$(free_port)
  while [[ $admin == "$http" ]]; do admin=$(free_port); done
  local extra=() redis_pid='' secret_env=()
  if [[ $mode == redis ]]; then
    local rport
    rport=$(free_port)
    # rdbcompression off: the snapshot taken after the test is searched for tokens in clear.
    # Not through in_ns: a shell function in the background is a subshell, and stopping its PID would leave
    # redis-server running (ip netns exec execs it, so this $! is redis-server itself).
    ip netns exec "$ns" redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --rdbcompression no \
      >"$dir/redis.log" 2>&1 &
    redis_pid=$!
    pids+=("$redis_pid")
    for _ in $(seq 100); do
      [[ $(in_ns redis-cli -p "$rport" ping 2>/dev/null) == PONG ]] && break
      sleep 0.1
    done
    extra=(--redis-url "redis://127.0.0.1:$rport")
    # Shared state needs the nodes' shared secrets; given by environment (not visible in ps), grepped for later.
    local name value
    for name in TURN_SECRET TICKET_SECRET PSEUDONYM_SECRET WHITEBOARD_KEY_SECRET; do
      value=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
      secret_env+=("SPRECHZIMMER_$name=$value")
      echo "$value" >>"$dir/server-secrets.txt"
    done
  fi

  # The relay modes: ICE only through the embedded TURN relay (UDP, TCP and TLS with the test CA's certificate), on
  # ports of their own. No --turn-urls: the signaling server derives the URLs from the host the pages were opened by
  # (127.0.0.1), as it does by default; the browsers reach that from their sockets on the veth address.
  local test_args=()
  if [[ $mode == relay* ]]; then
    local tport tlsport
    tport=$(free_port)
    tlsport=$(free_port)
    while [[ $tlsport == "$tport" ]]; do tlsport=$(free_port); done
    relay_tls "$dir/tls" 127.0.0.1
    extra+=(--ice-transport-policy relay --turn-port "$tport" --turn-tls-port "$tlsport" --turn-credential-ttl 10m
      --turn-tls-cert "$dir/tls/chain.crt" --turn-tls-key "$dir/tls/turn.key")
    # Our relay refuses private peers, and the namespace's are 10.200.0.x: only "relay" lets them through.
    if [[ $mode == relay ]]; then
      extra+=(--turn-allowed-peers "${lan%.*}.0/24")
    fi
    test_args=(--turn-host 127.0.0.1 --turn-port "$tport" --turn-tls-port "$tlsport" --turn-credential-ttl 600
      "${browser_trust[@]}")
  fi

  # shellcheck disable=SC2086 # java_opts is a list of options
  (cd "$dir" && exec env "${secret_env[@]}" ip netns exec "$ns" java $java_opts -jar "$jar" --http-port "$http" --admin-port "$admin" \
    --bootstrap-login "$login" --bootstrap-password "$password" "${extra[@]}" "${server_args[@]}") >"$dir/server.log" 2>&1 &
  local server_pid=$!
  pids+=("$server_pid")
  local ready=''
  for _ in $(seq 300); do
    if in_ns curl -sf "http://127.0.0.1:$admin/health/ready" >/dev/null 2>&1; then
      ready=yes
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z $ready ]]; then
    echo "not ok - $mode: server did not become ready; last lines of $dir/server.log:"
    tail -n 20 "$dir/server.log" | sed 's/^/  /'
    return 1
  fi
  echo "# $mode: server ready after $((SECONDS - started)) s (http $http, admin $admin)"

  local rc=0
  in_ns node "$here/consultation.test.mjs" --base "http://127.0.0.1:$http" --login "$login" --password "$password" \
    --artifacts "$dir" --only "$scenarios" --lan-address "$lan" "${test_args[@]}" \
    | sed "s/^\(not ok\|ok\) - /\1 - $mode: /" || rc=1
  in_ns curl -sf "http://127.0.0.1:$admin/metrics" >"$dir/metrics.txt" 2>/dev/null || true
  local stopping=$SECONDS
  stop "$server_pid"
  echo "# $mode: server stopped after $((SECONDS - stopping)) s"
  if [[ -n $redis_pid ]]; then
    in_ns redis-cli -p "$rport" --rdb "$dir/redis.rdb" >/dev/null 2>&1 || echo "# $mode: could not take a Redis snapshot"
    redis_dump "$rport" >"$dir/redis-dump.txt" 2>/dev/null || echo "# $mode: could not dump Redis"
    stop "$redis_pid"
  fi

  # Privacy: no name, code, password, token or secret in the server's output or its metrics.
  if [[ -s $dir/server-secrets.txt ]]; then
    cat "$dir/server-secrets.txt" >>"$dir/secrets.txt"
  fi
  if [[ -s $dir/server-secrets.txt ]]; then
    cat "$dir/server-secrets.txt" >>"$dir/credentials.txt"
  fi
  if [[ ! -s $dir/secrets.txt ]]; then
    echo "not ok - $mode: privacy check has nothing to look for ($dir/secrets.txt missing)"
    rc=1
  else
    local leaks
    leaks=$(grep -c -F -i -f "$dir/secrets.txt" "$dir/server.log" "$dir/metrics.txt" | grep -v ':0$' || true)
    if [[ -n $leaks ]]; then
      echo "not ok - $mode: personal data or secrets in server output (lines per file: $leaks)"
      rc=1
    else
      echo "ok - $mode: server log and metrics hold no name, code, password or token ($(wc -l <"$dir/secrets.txt") strings checked)"
    fi
  fi
  if [[ $mode == relay* ]]; then
    check_relay "$mode" "$dir" || rc=1
  fi
  # Redis holds tokens and passwords only as hashes: none of them in clear in a snapshot of the whole store.
  if [[ -n $redis_pid ]]; then
    if [[ ! -s $dir/redis.rdb || ! -s $dir/credentials.txt ]]; then
      echo "not ok - $mode: no Redis snapshot or nothing to look for"
      rc=1
    elif grep -a -q -F -f "$dir/credentials.txt" "$dir/redis.rdb"; then
      echo "not ok - $mode: a password, token or secret is stored in clear in Redis"
      rc=1
    else
      echo "ok - $mode: Redis holds no password, token or secret in clear ($(wc -l <"$dir/credentials.txt") strings checked)"
    fi
    check_statistics_privacy "$mode" "$dir" || rc=1
  fi
  echo "# $mode: $((SECONDS - started)) s"
  return "$rc"
}

# relay_tls DIR HOST: a test CA and a certificate for HOST (IP address) signed by it, for the relay's TLS listener.
# Chromium checks the certificate of a turns: server like a web server's (it refuses the relay's self-signed one):
# the browsers trust the CA through an NSS database in a HOME of their own (certutil, Debian's libnss3-tools), so the
# chain and the name are checked for real; without certutil, through the CA's key pinned with
# --ignore-certificate-errors-spki-list (chain and name are not checked then). Sets browser_trust.
relay_tls() {
  local dir=$1 host=$2
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ca.key" -out "$dir/ca.crt" \
    -days 1 -subj "/CN=Sprechzimmer e2e test CA" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/turn.key" -out "$dir/turn.csr" \
    -subj "/CN=$host" 2>/dev/null
  openssl x509 -req -in "$dir/turn.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 1 -out "$dir/turn.crt" \
    -extfile <(printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$host") 2>/dev/null
  rm -f "$dir/ca.key"
  cat "$dir/turn.crt" "$dir/ca.crt" >"$dir/chain.crt"
  if command -v certutil >/dev/null; then
    mkdir -p "$dir/home/.pki/nssdb"
    certutil -d "sql:$dir/home/.pki/nssdb" -N --empty-password
    certutil -d "sql:$dir/home/.pki/nssdb" -A -t C,, -n "sprechzimmer-e2e-ca" -i "$dir/ca.crt"
    browser_trust=(--browser-home "$dir/home")
    echo "# TLS: the browsers trust the test CA (NSS database); chain and name are checked"
  else
    local spki
    spki=$(openssl x509 -in "$dir/ca.crt" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
    browser_trust=(--browser-arg "--ignore-certificate-errors-spki-list=$spki")
    echo "# TLS: no certutil (libnss3-tools): the browsers pin the test CA's key; chain and name are not checked"
  fi
}

# metric_total FILE NAME: the sum of a Prometheus counter over all its labels, as an integer.
metric_total() {
  awk -v m="$2" '$1 ~ "^"m"[{ ]" || $1 == m { s += $2 } END { printf "%d", s }' "$1"
}

# check_relay MODE DIR: the relay carried the call ("relay") or refused the private peers ("relay-refused"), by its
# metrics; and its log names no client: the browsers reach it from the namespace's address $lan, which may appear
# only in the relay's start line (its own relay address).
check_relay() {
  local mode=$1 dir=$2 rc=0
  local relayed refused
  relayed=$(metric_total "$dir/metrics.txt" turn_relayed_packets_total)
  refused=$(metric_total "$dir/metrics.txt" turn_peer_refusals_total)
  if [[ $mode == relay && ( $relayed -eq 0 || $refused -ne 0 ) ]]; then
    echo "not ok - $mode: the relay's metrics show no relayed call ($relayed packets relayed, $refused peers refused)"
    rc=1
  elif [[ $mode == relay-refused && ( $relayed -ne 0 || $refused -eq 0 ) ]]; then
    echo "not ok - $mode: the relay's metrics show no refused peer ($relayed packets relayed, $refused peers refused)"
    rc=1
  else
    echo "ok - $mode: relay metrics: $relayed packets relayed, $refused peers refused"
  fi
  if grep -F -w "$lan" "$dir/server.log" | grep -v -q 'TURN relay listening'; then
    echo "not ok - $mode: the server log holds the clients' address $lan"
    rc=1
  else
    echo "ok - $mode: the server log holds no client address"
  fi
  return "$rc"
}

# redis_dump PORT: every key with its type and content, one "key<TAB>type<TAB>content" line each (SCAN, then
# GET / LRANGE / SMEMBERS / ZRANGE / HGETALL / XRANGE by type), for the searches below.
redis_dump() {
  local port=$1 key type content
  in_ns redis-cli -p "$port" --scan | while IFS= read -r key; do
    type=$(in_ns redis-cli -p "$port" type "$key" </dev/null)
    case $type in
      string) content=$(in_ns redis-cli -p "$port" --no-raw get "$key" </dev/null) ;;
      list) content=$(in_ns redis-cli -p "$port" --no-raw lrange "$key" 0 -1 </dev/null) ;;
      set) content=$(in_ns redis-cli -p "$port" --no-raw smembers "$key" </dev/null) ;;
      zset) content=$(in_ns redis-cli -p "$port" --no-raw zrange "$key" 0 -1 withscores </dev/null) ;;
      hash) content=$(in_ns redis-cli -p "$port" --no-raw hgetall "$key" </dev/null) ;;
      stream) content=$(in_ns redis-cli -p "$port" --no-raw xrange "$key" - + </dev/null) ;;
      *) content='' ;;
    esac
    printf '%s\t%s\t%s\n' "$key" "$type" "${content//$'\n'/ }"
  done
}

# check_statistics_privacy MODE DIR: the statistics reached Redis (consultation, the front desk's address cut to its
# /24), yet no key or value anywhere holds the client's full address, and no statistics key or value holds the
# account's or practice's raw id (only keyed-hash pseudonyms).
check_statistics_privacy() {
  local mode=$1 dir=$2 dump=$2/redis-dump.txt ids=$2/stats-raw-ids.txt
  local prefix=${lan%.*}.0
  if [[ ! -s $dump || ! -s $ids ]]; then
    echo "not ok - $mode: no Redis dump or no account ids to look for"
    return 1
  fi
  if ! grep -q $'^sz:stats:ev:[^\t]*\tzset\t.*consultation\.ended' "$dump" \
      || ! grep -q -F "$prefix" <(grep '^sz:stats:ip:' "$dump"); then
    echo "not ok - $mode: the statistics (consultation, truncated address $prefix) are not in Redis: nothing was checked"
    return 1
  fi
  if grep -q -F -w "$lan" "$dump" || grep -a -q -F "$lan" "$dir/redis.rdb"; then
    echo "not ok - $mode: the client's full address $lan is stored in Redis"
    return 1
  fi
  if grep '^sz:stats:' "$dump" | grep -q -F -f "$ids"; then
    echo "not ok - $mode: a raw account or practice id is stored in the statistics"
    return 1
  fi
  echo "ok - $mode: Redis holds the client address only as $prefix and the statistics only pseudonyms ($(wc -l <"$dump") keys searched)"
}

# scenarios_of MODE: the scenarios a mode runs, comma-separated, narrowed to SZ_E2E_ONLY when that is set.
scenarios_of() {
  local all
  case $1 in
    # Device problems do not depend on the store: the embedded run covers them.
    embedded) all=consultation,mesh-and-resume,whiteboard,device-problems ;;
    redis) all=consultation,mesh-and-resume,whiteboard ;;
    relay) all=relay ;;
    relay-refused) all=relay-refused ;;
    *) die "unknown mode $1" ;;
  esac
  if [[ -z ${SZ_E2E_ONLY:-} ]]; then
    echo "$all"
    return
  fi
  local only picked=()
  IFS=, read -r -a only <<<"$SZ_E2E_ONLY"
  for name in "${only[@]}"; do
    [[ ,$all, == *",$name,"* ]] && picked+=("$name")
  done
  (IFS=,; echo "${picked[*]}")
}

failed=0
for mode in $modes; do
  run_mode "$mode" || failed=1
done
exit "$failed"
