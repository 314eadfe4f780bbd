#!/usr/bin/env python3
"""Runs coturn's turnserver and our relay on this machine, one after the other, under the same
turnutils_uclient load, and prints throughput, loss, mean round trip, server CPU time per packet and memory per
allocation of each, and the ratios ours/coturn. Traffic stays on loopback.

Usage: bench/turn/run.sh [--quick] [--runs N] [--saturating-runs N] [--only TEXT] [--no-memory] [--java-opts="..."]
                        [--warm-runs N] [--candidate-jar PATH] [--candidate-args="..."]
                        [--candidate-java-opts="..."] [--pin SERVER:LOAD]
  --runs N       rounds per scenario (default 3); each round measures coturn, ours, ours, coturn, and the table
                 shows the median of the 2N samples per server
  --saturating-runs N
                 rounds of the saturating scenario (default 5): its samples scatter most, because on a small
                 machine the load generator, the peer and the server compete for the same cores, and its
                 throughput (the best second) depends on how uclient's randomly started sessions overlap
  --only TEXT    only the scenarios whose title contains TEXT (e.g. "500", "saturating")
  --no-memory    skip the memory-per-allocation measurement
  --java-opts="..."  extra JVM options for our relay (e.g. a flight recording while profiling); with "=", as
                 the options start with a dash
  --warm-runs N  unmeasured runs of each scenario before its measured one (default 3), after a short saturating
                 warm-up; 0 measures what a relay shows in its first seconds, while the JIT still compiles
  --candidate-jar PATH
                 a second build of our relay (a change under test), measured in the same rounds as a third
                 server ("candidate"; order coturn, ours, candidate, candidate, ours, coturn) and compared with
                 coturn like ours, so that a change is judged against main under the same load
  --candidate-args="..."
                 extra relay flags for the candidate (e.g. "--turn-threads 1"); the candidate is then the
                 jar under test or, without --candidate-jar, ours with these flags
  --candidate-java-opts="..."
                 JVM options for the candidate instead of --java-opts; another collector replaces the Parallel
                 one, e.g. "-XX:-UseParallelGC -XX:+UseZGC"
  --pin SERVER:LOAD
                 CPU lists for taskset, e.g. "1:0": every server runs on the cores SERVER, the load generator
                 (uclient, peer, probe) on the cores LOAD, as on a dedicated relay host; the JVM then sizes its
                 event loops and collector to the server's cores, coturn its threads to the machine's
  --side-by-side all servers at the same time instead of one after the other: each round starts them fresh
                 together, each with its own echoing peer, warms them up and measures them together, each under
                 its own uclient load and probe; a second table gives the median of the rounds' ratios. The
                 machine then carries the load twice (three times with a candidate), but a drift in its speed
                 between rounds, which on this machine moved CPU per packet by a fifth within minutes, falls on
                 every server alike
"""
import argparse
import json
import math
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "turn-relay", "target", "sprechzimmer-turn.jar")
PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rtt_probe.py")
SECRET = "bench-secret-" + os.urandom(8).hex()
CLK_TCK = os.sysconf("SC_CLK_TCK")

ARGS = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ARGS.add_argument("--quick", action="store_true")
ARGS.add_argument("--runs", type=int, default=3)
ARGS.add_argument("--saturating-runs", type=int, default=5)
ARGS.add_argument("--only", default="")
ARGS.add_argument("--no-memory", action="store_true")
ARGS.add_argument("--java-opts", default="")
ARGS.add_argument("--warm-runs", type=int, default=3)
ARGS.add_argument("--candidate-jar", default="")
ARGS.add_argument("--candidate-args", default="")
ARGS.add_argument("--candidate-java-opts", default=None)
ARGS.add_argument("--pin", default="")
ARGS.add_argument("--side-by-side", action="store_true")
OPTS = ARGS.parse_args()
if OPTS.pin and not re.fullmatch(r"[0-9,-]+:[0-9,-]+", OPTS.pin):
    raise SystemExit(f"--pin wants SERVER:LOAD CPU lists, e.g. 1:0, not {OPTS.pin!r}")
if not 0 <= OPTS.warm_runs <= 200:
    raise SystemExit(f"--warm-runs wants 0 to 200 (each warm run has a local address of its own), not {OPTS.warm_runs}")
# Command prefixes that pin the servers and the load generator to their cores (empty: no pinning).
SERVER_CPUS = ["taskset", "-c", OPTS.pin.split(":")[0]] if OPTS.pin else []
LOAD_CPUS = ["taskset", "-c", OPTS.pin.split(":")[1]] if OPTS.pin else []
QUICK = OPTS.quick

# name, uclient flags. -c: one allocation per session (no RTCP twin); -l 170: 170-byte packets;
# -z 20: one packet every 20 ms = 50/s per session; -z 0: as fast as uclient can (saturating).
SCENARIOS = [
    ("100 sessions, channels, 170 B at 50/s", ["-m", "100", "-n", "150" if QUICK else "300", "-l", "170", "-z", "20", "-c"]),
    ("500 sessions, channels, 170 B at 50/s", ["-m", "500", "-n", "100" if QUICK else "150", "-l", "170", "-z", "20", "-c"]),
    ("100 sessions, Send indications, 170 B at 50/s", ["-m", "100", "-n", "150" if QUICK else "300", "-l", "170", "-z", "20", "-c", "-s"]),
    ("saturating: 20 sessions, channels, 170 B back to back", ["-m", "20", "-n", "5000" if QUICK else "10000", "-l", "170", "-z", "0", "-c"]),
]


def free_port():
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            t.bind(("127.0.0.1", 0))
            port = t.getsockname()[1]
            try:
                u.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stat_ticks(path):
    """(command name, utime + stime in clock ticks) from a /proc stat file (fields 2, 14 and 15)."""
    with open(path) as f:
        head, rest = f.read().rsplit(")", 1)  # the command name may hold spaces and parentheses
    fields = rest.split()
    return head.split("(", 1)[1], int(fields[11]) + int(fields[12])


def cpu_seconds(pid):
    """utime + stime of all threads of the process so far."""
    return stat_ticks(f"/proc/{pid}/stat")[1] / CLK_TCK


def jvm_cpu_seconds(pid):
    """(JIT, GC) utime + stime of the JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre") and its
    collector's threads ("GC Thread#0", ...) plus the VM thread, which runs the collections' safepoints; (0, 0) for
    coturn. What the JVM spends besides relaying."""
    jit = gc = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            name, ticks = stat_ticks(f"/proc/{pid}/task/{task}/stat")
        except OSError:
            continue  # the thread ended
        if "CompilerThre" in name:
            jit += ticks
        elif name.startswith("GC Thread") or name == "VM Thread":
            gc += ticks
    return jit / CLK_TCK, gc / CLK_TCK


def udp_rcvbuf_errors():
    """Datagrams the kernel dropped system-wide for a full receive buffer (/proc/net/snmp Udp: RcvbufErrors)."""
    with open("/proc/net/snmp") as f:
        udp = [line.split() for line in f if line.startswith("Udp:")]
    return int(udp[1][udp[0].index("RcvbufErrors")])


class SocketDrops:
    """Counts the datagrams dropped at the UDP sockets of some processes (a full receive buffer: the process did
    not read fast enough): the server's own, as opposed to the load generator's (the echoing peer's one socket,
    uclient's). Reads the drop counters of the sockets each process holds from /proc/net/udp{,6}: once before the
    run (sockets of earlier runs count from there, new ones from zero) and when uclient prints its totals, before
    it exits (coturn closes some of a client's sockets soon after). Never during the transmit phase: one reading
    walks the processes' file descriptors and the kernel's socket table, 41 ms of CPU with 3,500 sockets; polling
    every 0.1 s, as this did until 2026-12-06, took that from the two cores under test."""

    def __init__(self, *pids):
        self.pids = pids
        self.baseline = self.counters()
        self.last = {pid: dict(found) for pid, found in self.baseline.items()}

    def read(self):
        for pid, found in self.counters().items():
            for inode, drops in found.items():
                self.last[pid][inode] = max(self.last[pid].get(inode, 0), drops)

    def total(self, pid):
        base = self.baseline[pid]
        return sum(max(0, drops - base.get(inode, 0)) for inode, drops in self.last[pid].items())

    def counters(self):
        """{pid: {socket inode: drops}}"""
        found = {pid: {} for pid in self.pids}
        owner = {}
        try:
            for pid in self.pids:
                for fd in os.listdir(f"/proc/{pid}/fd"):
                    try:
                        link = os.readlink(f"/proc/{pid}/fd/{fd}")
                    except OSError:
                        continue
                    if link.startswith("socket:["):
                        owner[link[8:-1]] = pid
            for table in ("/proc/net/udp", "/proc/net/udp6"):
                with open(table) as f:
                    for line in f.readlines()[1:]:
                        fields = line.split()
                        if fields[9] in owner:
                            found[owner[fields[9]]][fields[9]] = int(fields[-1])
        except OSError:
            pass
        return found


def wait_udp_answer(port, timeout=30):
    """Until the server answers a STUN Binding request on the port."""
    req = bytes.fromhex("000100002112a442") + os.urandom(12)
    deadline = time.time() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.2)
        while time.time() < deadline:
            s.sendto(req, ("127.0.0.1", port))
            try:
                s.recvfrom(2048)
                return
            except socket.timeout:
                pass
    raise RuntimeError(f"no STUN answer on port {port}")


def start_coturn(port, workdir):
    cmd = ["turnserver", "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", str(port),
           "--min-port", "49152", "--max-port", "65535", "--use-auth-secret", "--static-auth-secret", SECRET,
           "--realm", "sprechzimmer", "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls",
           "--log-file", os.path.join(workdir, "coturn.log"), "--pidfile", os.path.join(workdir, "coturn.pid")]
    return subprocess.Popen(SERVER_CPUS + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_ours(port, workdir, jar=JAR, args=(), java_opts=None):
    env = dict(os.environ, SPRECHZIMMER_TURN_SECRET=SECRET)
    extra = OPTS.java_opts if java_opts is None else java_opts
    # The JVM options docs/turn-relay.md recommends for the standalone jar, then the run's own.
    cmd = ["java", "-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"] + shlex.split(extra) + [
           "-jar", jar, "--turn-listen-ip", "127.0.0.1", "--turn-port", str(port),
           "--turn-allowed-peers", "127.0.0.0/8", "--turn-rfc5766-channels", "--turn-user-quota", "0",
           "--turn-total-quota", "0", "--admin-port", str(free_port())] + list(args)
    return subprocess.Popen(SERVER_CPUS + cmd, env=env, stdout=open(os.path.join(workdir, "ours.log"), "a"), stderr=subprocess.STDOUT)


def start_peer():
    """An echoing peer (turnutils_peer, one socket for all sessions) on a free port: (port, process)."""
    port = free_port()
    return port, subprocess.Popen(LOAD_CPUS + ["turnutils_peer", "-p", str(port), "-L", "127.0.0.1"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def uclient_cmd(port, peer_port, *wrapper):
    """turnutils_uclient with our credentials and the echoing peer, on the load generator's cores; `wrapper`
    (e.g. stdbuf) goes between the pinning and uclient."""
    return LOAD_CPUS + list(wrapper) + ["turnutils_uclient", "-p", str(port), "-W", SECRET, "-u", "bench",
                                        "-e", "127.0.0.1", "-r", str(peer_port)]


# The echoing peer (turnutils_peer, one socket for all sessions), started by main().
PEER_PID = None

# uclient's last totals line, printed when it has stopped sending, before it exits.
TOTALS = re.compile(r"start_mclient: tot_send_msgs=\d+, tot_recv_msgs=\d+\s*$")
# uclient's statistics line, printed once a second during the transmit phase (its 1 s timer).
EVERY_SECOND = re.compile(r"start_mclient: msz=\d+, tot_send_msgs=\d+, tot_recv_msgs=(\d+),")


def peak_second(counts):
    """The most packets received in one second: from uclient's once-a-second totals (arrival time, packets
    received so far), over consecutive lines 0.5-1.5 s apart (two lines read together after a delay of this
    script's are skipped). The saturating scenario's throughput: uclient starts each session 1-6 s after the
    connect phase at random and, after any loss, waits 10 s (its STOPPING_TIME) for the missing answers before it
    exits, so packets over the whole transmit phase halve whenever a single datagram is lost."""
    rates = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(counts, counts[1:]) if 0.5 <= b[0] - a[0] <= 1.5]
    return max(rates, default=float("nan"))


def uclient(port, peer_port, flags, pid, local="127.0.0.1", peer_pid=None):
    """One turnutils_uclient run. Throughput and server CPU cover the transmit phase only: from uclient's
    "Total connect time" line (all sessions allocated, channels bound) to its end. `peer_pid`: the echoing
    peer's process (default: the one main() started)."""
    peer_pid = peer_pid or PEER_PID
    cmd = uclient_cmd(port, peer_port, "stdbuf", "-oL") + ["-L", local] + flags + ["127.0.0.1"]
    load = os.getloadavg()[0]
    drops_before = udp_rcvbuf_errors()
    watch = SocketDrops(pid, peer_pid)  # its first reading before uclient starts
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    killer = threading.Timer(300, p.kill)
    killer.start()
    peak = rss_kib(pid)
    lines = []
    transmit_start = cpu_start = None
    counts = []  # (arrival time, packets received so far) from uclient's once-a-second lines
    for line in p.stdout:
        lines.append(line)
        peak = max(peak, rss_kib(pid))
        every_second = EVERY_SECOND.search(line)
        if every_second:
            counts.append((time.time(), int(every_second.group(1))))
        if transmit_start is None and "Total connect time" in line:
            transmit_start, cpu_start, jvm_start = time.time(), cpu_seconds(pid), jvm_cpu_seconds(pid)
            probe = subprocess.Popen(LOAD_CPUS + [sys.executable, PROBE, str(port), str(peer_port), SECRET], stdout=subprocess.PIPE, text=True)
        elif TOTALS.search(line):
            watch.read()
    p.wait()
    transmit_end, cpu_end, jvm_end = time.time(), cpu_seconds(pid), jvm_cpu_seconds(pid)
    probed = stop_probe(probe) if transmit_start is not None else {}
    killer.cancel()
    watch.read()
    dropped_total = udp_rcvbuf_errors() - drops_before
    text = "".join(lines)
    sent = recv = sent_bytes = recv_bytes = None
    for m in re.finditer(r"start_mclient: tot_send_msgs=(\d+), tot_recv_msgs=(\d+)\s*$", text, re.M):
        sent, recv = int(m.group(1)), int(m.group(2))
    for m in re.finditer(r"start_mclient: tot_send_bytes ~ (\d+), tot_recv_bytes ~ (\d+)\s*$", text, re.M):
        sent_bytes, recv_bytes = int(m.group(1)), int(m.group(2))
    l = re.search(r"Total lost packets (\d+) \(([0-9.]+)%\)", text)
    r = re.search(r"Average round trip delay ([0-9.]+) ms(?:; min = \d+ ms, max = (\d+) ms)?", text)
    if recv is None or transmit_start is None:
        raise RuntimeError("uclient output not understood:\n" + text[-2000:])
    seconds = max(0.001, transmit_end - transmit_start)
    cpu = cpu_end - cpu_start
    return {
        "sent": sent, "recv": recv, "seconds": seconds,
        "pps": recv / seconds, "mbps": recv_bytes * 8 / seconds / 1e6, "peak_pps": peak_second(counts),
        "loss": float(l.group(2)) if l else 100.0 * (sent - recv) / max(1, sent),
        "rtt": float(r.group(1)) if r else float("nan"), "peak_rss_kib": peak,
        # uclient measures round trips in whole milliseconds; the worst one shows pauses (e.g. garbage collection).
        "rtt_max": float(r.group(2)) if r and r.group(2) else float("nan"),
        # The probe's round trips, timed to the microsecond, one more session among uclient's.
        "probe_mean": probed.get("mean_ms", float("nan")),
        "probe_p50": probed.get("p50_ms", float("nan")), "probe_p99": probed.get("p99_ms", float("nan")),
        # Server CPU time (all threads) during the transmit phase per packet that made the round trip
        # client -> relay -> peer -> relay -> client (two relayed datagrams).
        "cpu_us": cpu * 1e6 / max(1, recv), "cpu_s": cpu, "load": load,
        # Of that, the JVM's JIT compiler threads (ours only): compiling, not relaying.
        "jit_s": jvm_end[0] - jvm_start[0], "jit_us": (jvm_end[0] - jvm_start[0]) * 1e6 / max(1, recv),
        # And its collector (GC threads and the VM thread's safepoints).
        "gc_s": jvm_end[1] - jvm_start[1],
        # Where lost datagrams were dropped, in per cent of those sent: at the server's sockets, at the echoing
        # peer's socket, or elsewhere (in practice uclient's sockets): the load generator, sharing the cores, fell behind.
        "server_drop": 100.0 * watch.total(pid) / max(1, sent),
        "peer_drop": 100.0 * watch.total(peer_pid) / max(1, sent),
        # System-wide: side by side (--side-by-side) it also holds what the other runs' sockets dropped.
        "other_drop": 100.0 * max(0, dropped_total - watch.total(pid) - watch.total(peer_pid)) / max(1, sent),
    }


def stop_probe(probe):
    probe.send_signal(signal.SIGTERM)
    try:
        out, _ = probe.communicate(timeout=10)
        return json.loads(out.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        probe.kill()
        return {}


def heap_used_after_gc_kib(pid):
    """Live heap of a JVM: forces a full GC (jcmd GC.run), then reads GC.heap_info."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=30)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else 0


# The same warm-up for both servers before every measurement (coturn needs none, it does it no harm): a short
# saturating run, then --warm-runs unmeasured runs of the scenario itself. The saturating run alone left the JIT
# compiling through the measured run (C2 took 0.3-0.5 s of ours' 1.7-2.0 s CPU at 100 sessions). The scenario's
# warm runs come from other local addresses, one each (127.0.0.2, 127.0.0.3, ...): uclient leaves its allocations
# to expire, and a 5-tuple reused from them would be refused (437).
WARM_UP = ["-m", "20", "-n", "1000" if QUICK else "3000", "-l", "170", "-z", "0", "-c"]


def together(calls):
    """Runs the calls (functions without arguments) at the same time, one thread each, and returns their results
    in order; raises the first exception after all have ended."""
    results, errors = [None] * len(calls), []

    def run(i, call):
        try:
            results[i] = call()
        except Exception as e:  # noqa: BLE001 - handed to the caller below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def measure(servers, peers, workdir, flags):
    """Servers fresh, each with its own echoing peer (a (port, pid) pair): started, warmed up and measured together,
    each under its own uclient load and probe, then stopped. One server is the usual measurement; several are
    --side-by-side, where whatever else the machine does in that minute (other jobs, the host's frequency) falls on
    all of them alike. {name: result}."""
    procs = []
    try:
        for name, start in servers:
            port = free_port()
            procs.append((name, port, start(port, workdir)))
        for _, port, _ in procs:
            wait_udp_answer(port)

        def all_at_once(run_flags, local):
            def one(name, port, proc, peer):
                try:
                    return uclient(port, peer[0], run_flags, proc.pid, local, peer[1])
                except RuntimeError as e:
                    raise RuntimeError(f"{name}: {str(e).splitlines()[-1]}") from e
            return together([lambda name=name, port=port, proc=proc, peer=peer: one(name, port, proc, peer)
                             for (name, port, proc), peer in zip(procs, peers)])

        warm_runs = [(flags, f"127.0.0.{2 + i}") for i in range(OPTS.warm_runs)]
        for warm_flags, local in [(WARM_UP, "127.0.0.1")] + warm_runs:
            try:
                all_at_once(warm_flags, local)
            except RuntimeError as e:
                # Seen with coturn now and then: a channel bind of uclient's refused with 400 ("You cannot use the
                # same channel number with different peer": uclient reuses a number for another peer). A warm-up
                # that stopped early still warmed; the measurement goes on.
                print(f"  warm-up failed, going on ({e})", flush=True)
        time.sleep(1)
        try:
            results = all_at_once(flags, "127.0.0.1")
        except RuntimeError as e:
            # Seen with coturn: the kernel hands uclient a local port of the warm-up again while the server still
            # holds that 5-tuple's allocation (437), or the channel bind above. Once more, after the warm-up's
            # allocations have had time to go.
            print(f"  run failed, once more in 5 s ({e})", flush=True)
            time.sleep(5)
            results = all_at_once(flags, "127.0.0.1")
        return {name: r for (name, _, _), r in zip(procs, results)}
    finally:
        for _, _, proc in procs:
            stop(proc)


def memory(name, start, peer_port, workdir, sessions):
    """Growth per allocation while `sessions` allocations are held at a low packet rate."""
    port = free_port()
    proc = start(port, workdir)
    try:
        wait_udp_answer(port)
        uclient(port, peer_port, ["-m", "20", "-n", "50", "-l", "170", "-z", "20", "-c"], proc.pid)
        time.sleep(2)
        java = name != "coturn"
        idle_rss = rss_kib(proc.pid)
        idle_heap = heap_used_after_gc_kib(proc.pid) if java else 0
        cmd = uclient_cmd(port, peer_port) + ["-m", str(sessions), "-n", "100", "-l", "170", "-z", "100", "-c", "127.0.0.1"]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak_rss = peak_heap = 0
        while p.poll() is None:
            peak_rss = max(peak_rss, rss_kib(proc.pid))
            if java:
                peak_heap = max(peak_heap, heap_used_after_gc_kib(proc.pid))
            time.sleep(0.5)
        return (peak_rss - idle_rss) / sessions, (peak_heap - idle_heap) / sessions if java else None
    finally:
        stop(proc)


# Compared round by round with --side-by-side.
PAIRED = ("probe_mean", "probe_p50", "probe_p99", "cpu_us")


def median(runs):
    # A failed probe leaves NaN in its fields; the median is over the samples that have a value.
    return {k: statistics.median([r[k] for r in runs if not math.isnan(r[k])] or [float("nan")]) for k in ("pps", "peak_pps", "mbps", "loss", "rtt", "cpu_us", "load", "server_drop", "peer_drop", "other_drop", "rtt_max", "probe_mean", "probe_p50", "probe_p99", "jit_us")}


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def ratio(a, b):
    return a / b if b else float("nan")


def report(name, title, r):
    """One sample's line."""
    print(f"  {name:9s} {title}: {r['pps']:.0f} pkt/s ({r['mbps']:.1f} Mbit/s) received over the transmit phase, "
          f"{r['peak_pps']:.0f} pkt/s in the best second, loss {r['loss']:.3f} %, "
          f"(dropped at the server {r['server_drop']:.3f} %, at the peer {r['peer_drop']:.3f} %, elsewhere {r['other_drop']:.3f} %), "
          f"mean RTT {r['rtt']:.3f} ms (worst {r['rtt_max']:.0f} ms), probe RTT mean {r['probe_mean']:.3f} ms p50 {r['probe_p50']:.3f} ms p99 {r['probe_p99']:.3f} ms, CPU {r['cpu_s']:.2f} s = {r['cpu_us']:.1f} us/pkt (JIT compiler {r['jit_s']:.2f} s, collector {r['gc_s']:.2f} s), load {r['load']:.1f}",
          flush=True)


def main():
    if not os.path.exists(JAR):
        raise SystemExit(f"missing {JAR}: mvn -pl turn-relay -am package -DskipTests")
    workdir = tempfile.mkdtemp(prefix="turn-bench-")
    global PEER_PID
    peer_port, peer = start_peer()
    PEER_PID = peer.pid
    peers = [(peer_port, peer.pid)]
    peer_procs = [peer]
    servers = [("coturn", start_coturn), ("ours", start_ours)]
    if OPTS.candidate_jar or OPTS.candidate_args or OPTS.candidate_java_opts is not None:
        jar, args = OPTS.candidate_jar or JAR, shlex.split(OPTS.candidate_args)
        if not os.path.exists(jar):
            raise SystemExit(f"missing candidate jar {jar}")
        servers.append(("candidate", lambda port, workdir: start_ours(port, workdir, jar, args, OPTS.candidate_java_opts)))
    names = [name for name, _ in servers]
    if OPTS.side_by_side:
        # One echoing peer per server: a shared one would couple the servers' round trips through its socket.
        for _ in servers[1:]:
            port, extra = start_peer()
            peers.append((port, extra.pid))
            peer_procs.append(extra)
    rows = []
    pairs = []  # (label, per-round ratios to coturn) with --side-by-side
    loads = []
    mem = None
    try:
        version = subprocess.run(["turnserver", "--version"], capture_output=True, text=True).stdout.strip()
        pinned = f"; servers on cores {SERVER_CPUS[-1]}, load generator on {LOAD_CPUS[-1]}" if OPTS.pin else ""
        order = " and ".join(names) + " side by side" if OPTS.side_by_side else ", ".join(names + names[::-1])
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}{pinned}; coturn {version}; {OPTS.runs} rounds "
              f"({OPTS.saturating_runs} saturated) of {order} per scenario; medians", flush=True)
        # Scenario by scenario, each server fresh and warmed up the same way, so that the load other processes
        # put on the machine drifts as little as possible between the two. Order A B B A per round: a load that
        # rises or falls during the round hits both servers alike. Medians over the rounds resist the outliers a
        # burst of other jobs causes.
        for title, flags in SCENARIOS:
            if OPTS.only not in title:
                continue
            results = {name: [] for name in names}
            for _ in range(OPTS.saturating_runs if title.startswith("saturating") else OPTS.runs):
                # Side by side all servers in one go; otherwise one at a time, in the order A B B A.
                groups = [servers] if OPTS.side_by_side else [[server] for server in servers + servers[::-1]]
                for group in groups:
                    measured = measure(group, peers, workdir, flags)
                    for name, _ in group:
                        r = measured[name]
                        results[name].append(r)
                        loads.append(r["load"])
                        report(name, title, r)
            for name in names[1:]:
                label = title if len(names) == 2 else f"{title} ({name})"
                rows.append((label, median(results["coturn"]), median(results[name])))
                if OPTS.side_by_side:
                    pairs.append((label, [{k: ratio(o[k], c[k]) for k in PAIRED} for c, o in zip(results["coturn"], results[name])]))
        if not OPTS.no_memory:
            mem = {name: memory(name, start, peer_port, workdir, 500) for name, start in servers}
    finally:
        for p in peer_procs:
            p.terminate()
            p.wait()
    print()
    if loads:
        print(f"load average (1 min) at the start of the measured runs: median {statistics.median(loads):.1f}, "
              f"min {min(loads):.1f}, max {max(loads):.1f}")
        print()
    print("| scenario | throughput ours/coturn | loss ours vs coturn | of which dropped at the server | mean RTT ours/coturn | worst RTT ours vs coturn | probe RTT mean ours/coturn | probe RTT p50 ours/coturn | probe RTT p99 ours/coturn | CPU per packet ours/coturn (ours' JIT compiler) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for title, c, o in rows:
        # Saturated, the best second (see peak_second); paced, packets over the whole transmit phase, which match
        # the offered load as long as nothing is lost.
        k, best = ("peak_pps", " in the best second") if title.startswith("saturating") else ("pps", "")
        print(f"| {title} | {ratio(o[k], c[k]):.2f} ({o[k]:.0f} / {c[k]:.0f} pkt/s{best}) "
              f"| {o['loss']:.3f} % vs {c['loss']:.3f} % "
              f"| {o['server_drop']:.3f} % vs {c['server_drop']:.3f} % "
              f"| {ratio(o['rtt'], c['rtt']):.2f} ({o['rtt']:.3f} / {c['rtt']:.3f} ms) "
              f"| {o['rtt_max']:.0f} vs {c['rtt_max']:.0f} ms "
              f"| {ratio(o['probe_mean'], c['probe_mean']):.2f} ({o['probe_mean']:.3f} / {c['probe_mean']:.3f} ms) "
              f"| {ratio(o['probe_p50'], c['probe_p50']):.2f} ({o['probe_p50']:.3f} / {c['probe_p50']:.3f} ms) "
              f"| {ratio(o['probe_p99'], c['probe_p99']):.2f} ({o['probe_p99']:.3f} / {c['probe_p99']:.3f} ms) "
              f"| {ratio(o['cpu_us'], c['cpu_us']):.2f} ({o['cpu_us']:.1f} / {c['cpu_us']:.1f} us; {o['jit_us']:.1f} us) |")
    if pairs:
        # Side by side, each round's servers ran in the same minute: the ratio within a round is free of the drift
        # between rounds, and its median over the rounds is the comparison to read.
        print()
        print("| scenario, side by side | rounds | probe RTT mean ours/coturn: median of the rounds' ratios (range) | rounds ours faster | probe RTT p50 | probe RTT p99 | CPU per packet |")
        print("|---|---|---|---|---|---|---|")
        for title, ratios in pairs:
            def summary(k):
                values = sorted(x[k] for x in ratios if not math.isnan(x[k]))
                return f"{statistics.median(values):.2f} ({values[0]:.2f}-{values[-1]:.2f})" if values else "n/a"
            faster = sum(1 for x in ratios if x["probe_mean"] < 1)
            print(f"| {title} | {len(ratios)} | {summary('probe_mean')} | {faster} of {len(ratios)} | {summary('probe_p50')} "
                  f"| {summary('probe_p99')} | {summary('cpu_us')} |")
    if mem:
        print()
        print(f"memory per allocation (500 allocations held): coturn RSS +{mem['coturn'][0]:.1f} KiB" + "".join(
              f"; {name} RSS +{mem[name][0]:.1f} KiB, live heap after GC +{mem[name][1]:.1f} KiB" for name in names[1:]))


if __name__ == "__main__":
    main()
