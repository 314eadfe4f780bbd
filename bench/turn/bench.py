#!/usr/bin/env python3
"""Runs coturn's turnserver and our relay on this machine, one after the other, under the same
turnutils_uclient load, and prints throughput, loss, mean round trip and memory per allocation of each,
and the ratios ours/coturn. Traffic stays on loopback. Usage: bench/turn/run.sh [--quick]"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "turn-relay", "target", "sprechzimmer-turn.jar")
SECRET = "bench-secret-" + os.urandom(8).hex()
QUICK = "--quick" in sys.argv

# name, uclient flags. -c: one allocation per session (no RTCP twin); -l 170: 170-byte packets;
# -z 20: one packet every 20 ms = 50/s per session; -z 0: as fast as uclient can (saturating).
SCENARIOS = [
    ("100 sessions, channels, 170 B at 50/s", ["-m", "100", "-n", "250" if QUICK else "500", "-l", "170", "-z", "20", "-c"]),
    ("500 sessions, channels, 170 B at 50/s", ["-m", "500", "-n", "150" if QUICK else "250", "-l", "170", "-z", "20", "-c"]),
    ("100 sessions, Send indications, 170 B at 50/s", ["-m", "100", "-n", "250", "-l", "170", "-z", "20", "-c", "-s"]),
    ("saturating: 20 sessions, channels, 170 B back to back", ["-m", "20", "-n", "5000" if QUICK else "20000", "-l", "170", "-z", "0", "-c"]),
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
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_ours(port, workdir):
    env = dict(os.environ, SPRECHZIMMER_TURN_SECRET=SECRET)
    cmd = ["java", "-jar", JAR, "--turn-listen-ip", "127.0.0.1", "--turn-port", str(port),
           "--turn-allowed-peers", "127.0.0.0/8", "--turn-rfc5766-channels", "--turn-user-quota", "0",
           "--turn-total-quota", "0", "--admin-port", str(free_port())]
    return subprocess.Popen(cmd, env=env, stdout=open(os.path.join(workdir, "ours.log"), "w"), stderr=subprocess.STDOUT)


def uclient(port, peer_port, flags, pid):
    cmd = ["turnutils_uclient", "-p", str(port), "-W", SECRET, "-u", "bench", "-e", "127.0.0.1", "-r", str(peer_port)] + flags + ["127.0.0.1"]
    peak = 0
    out = tempfile.TemporaryFile()
    started = time.time()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    while p.poll() is None:
        peak = max(peak, rss_kib(pid))
        time.sleep(0.2)
        if time.time() - started > 300:
            p.kill()
    out.seek(0)
    text = out.read().decode(errors="replace")
    sent = recv = sent_bytes = recv_bytes = lost = None
    for m in re.finditer(r"start_mclient: tot_send_msgs=(\d+), tot_recv_msgs=(\d+)\s*$", text, re.M):
        sent, recv = int(m.group(1)), int(m.group(2))
    for m in re.finditer(r"start_mclient: tot_send_bytes ~ (\d+), tot_recv_bytes ~ (\d+)\s*$", text, re.M):
        sent_bytes, recv_bytes = int(m.group(1)), int(m.group(2))
    t = re.search(r"Total transmit time is (\d+)", text)
    l = re.search(r"Total lost packets (\d+) \(([0-9.]+)%\)", text)
    r = re.search(r"Average round trip delay ([0-9.]+) ms", text)
    if recv is None or t is None:
        raise RuntimeError("uclient output not understood:\n" + text[-2000:])
    seconds = max(1, int(t.group(1)))
    return {
        "sent": sent, "recv": recv, "seconds": seconds,
        "pps": recv / seconds, "mbps": recv_bytes * 8 / seconds / 1e6,
        "loss": float(l.group(2)) if l else 100.0 * (sent - recv) / max(1, sent),
        "rtt": float(r.group(1)) if r else float("nan"), "peak_rss_kib": peak,
    }


def run_server(name, start, peer_port, workdir):
    port = free_port()
    proc = start(port, workdir)
    try:
        wait_udp_answer(port)
        # Warm-up (JIT for ours, caches for both), same for both servers.
        uclient(port, peer_port, ["-m", "20", "-n", "200", "-l", "170", "-z", "5", "-c"], proc.pid)
        time.sleep(2)
        idle = rss_kib(proc.pid)
        results = []
        for title, flags in SCENARIOS:
            r = uclient(port, peer_port, flags, proc.pid)
            sessions = int(flags[flags.index("-m") + 1])
            r["kib_per_alloc"] = max(0, r["peak_rss_kib"] - idle) / sessions
            results.append(r)
            print(f"  {name:7s} {title}: {r['pps']:.0f} pkt/s ({r['mbps']:.1f} Mbit/s) received, loss {r['loss']:.3f} %, "
                  f"mean RTT {r['rtt']:.2f} ms, RSS +{r['kib_per_alloc']:.1f} KiB/allocation", flush=True)
            time.sleep(2)
        return results
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    if not os.path.exists(JAR):
        sys.exit(f"missing {JAR}: mvn -pl turn-relay -am package -DskipTests")
    workdir = tempfile.mkdtemp(prefix="turn-bench-")
    peer_port = free_port()
    peer = subprocess.Popen(["turnutils_peer", "-p", str(peer_port), "-L", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; coturn {subprocess.run(['turnserver', '--version'], capture_output=True, text=True).stdout.strip()}")
        coturn = run_server("coturn", start_coturn, peer_port, workdir)
        ours = run_server("ours", start_ours, peer_port, workdir)
    finally:
        peer.terminate()
        peer.wait()
    print()
    print("| scenario | throughput ours/coturn | loss ours vs coturn | mean RTT ours/coturn (ms) | KiB per allocation ours vs coturn |")
    print("|---|---|---|---|---|")
    for (title, _), c, o in zip(SCENARIOS, coturn, ours):
        ratio = o["pps"] / c["pps"] if c["pps"] else float("nan")
        rtt = o["rtt"] / c["rtt"] if c["rtt"] else float("nan")
        print(f"| {title} | {ratio:.2f} ({o['pps']:.0f} / {c['pps']:.0f} pkt/s) | {o['loss']:.3f} % vs {c['loss']:.3f} % "
              f"| {rtt:.2f} ({o['rtt']:.2f} / {c['rtt']:.2f}) | {o['kib_per_alloc']:.1f} vs {c['kib_per_alloc']:.1f} |")


if __name__ == "__main__":
    main()
