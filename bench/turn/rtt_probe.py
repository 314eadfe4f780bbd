#!/usr/bin/env python3
"""A TURN client of its own next to turnutils_uclient's load: one UDP allocation with TURN REST API credentials,
one channel to the echoing turnutils_peer, 170-byte ChannelData at 50/s, each round trip timed with a
microsecond clock (uclient reports whole milliseconds only). Runs until SIGTERM, then prints one JSON line:
{"sent", "received", "mean_ms", "p50_ms", "p99_ms", "max_ms"}. A process of its own, so that the benchmark's other
Python threads cannot delay it.

Usage: rtt_probe.py SERVER_PORT PEER_PORT SECRET   (server and peer on 127.0.0.1)
"""
import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import struct
import sys
import time

MAGIC = 0x2112A442
ALLOCATE, CHANNEL_BIND = 0x0003, 0x0009
SUCCESS, ERROR = 0x0100, 0x0110
USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, CHANNEL_NUMBER = 0x0006, 0x0008, 0x0009, 0x000C
XOR_PEER_ADDRESS, REALM, NONCE, REQUESTED_TRANSPORT = 0x0012, 0x0014, 0x0015, 0x0019
CHANNEL = 0x4000
PAYLOAD = 170


def attribute(kind, value):
    return struct.pack("!HH", kind, len(value)) + value + b"\0" * (-len(value) % 4)


def message(method, attrs, key=None):
    """A STUN request; with a key, MESSAGE-INTEGRITY (HMAC-SHA1) last, over a header whose length includes it."""
    txid = os.urandom(12)
    body = b"".join(attrs)
    if key is None:
        return txid, struct.pack("!HHI", method, len(body), MAGIC) + txid + body
    header = struct.pack("!HHI", method, len(body) + 24, MAGIC) + txid
    mac = hmac.new(key, header + body, hashlib.sha1).digest()
    return txid, header + body + attribute(MESSAGE_INTEGRITY, mac)


def parse(data):
    kind, length, _ = struct.unpack_from("!HHI", data)
    attrs, at = {}, 20
    while at + 4 <= 20 + length:
        t, n = struct.unpack_from("!HH", data, at)
        attrs.setdefault(t, data[at + 4:at + 4 + n])
        at += 4 + n + (-n % 4)
    return kind, data[8:20], attrs


def transact(sock, method, attrs, key=None):
    txid, packet = message(method, attrs, key)
    for _ in range(5):
        sock.send(packet)
        try:
            while True:
                kind, rid, got = parse(sock.recv(2048))
                if rid == txid:
                    return kind & 0x0110, got
        except socket.timeout:
            continue
    raise SystemExit(f"no answer to method {method:#06x}")


def error(attrs):
    """ERROR-CODE as "437 Allocation Mismatch", or empty."""
    value = attrs.get(ERROR_CODE)
    if not value or len(value) < 4:
        return ""
    return f"{value[2] * 100 + value[3]} {value[4:].decode(errors='replace')}"


def xor_peer(port):
    return struct.pack("!BBH", 0, 1, port ^ (MAGIC >> 16)) + struct.pack("!I", 0x7F000001 ^ MAGIC)


def setup(server_port, peer_port, secret):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", server_port))
    sock.settimeout(1.0)
    transport = attribute(REQUESTED_TRANSPORT, bytes([17, 0, 0, 0]))
    cls, got = transact(sock, ALLOCATE, [transport])
    if cls != ERROR or REALM not in got or NONCE not in got:
        raise SystemExit(f"expected 401 with REALM and NONCE, got class {cls:#06x} {error(got)}")
    user = f"{int(time.time()) + 3600}:rtt-probe".encode()
    password = base64.b64encode(hmac.new(secret.encode(), user, hashlib.sha1).digest())
    realm, nonce = got[REALM], got[NONCE]
    key = hashlib.md5(user + b":" + realm + b":" + password).digest()
    auth = [attribute(USERNAME, user), attribute(REALM, realm), attribute(NONCE, nonce)]
    cls, got = transact(sock, ALLOCATE, [transport] + auth, key)
    if cls != SUCCESS:
        raise SystemExit(f"Allocate refused: {error(got)}")
    cls, got = transact(sock, CHANNEL_BIND, [attribute(CHANNEL_NUMBER, struct.pack("!HH", CHANNEL, 0)),
                                             attribute(XOR_PEER_ADDRESS, xor_peer(peer_port))] + auth, key)
    if cls != SUCCESS:
        raise SystemExit(f"ChannelBind refused: {error(got)}")
    return sock


def main():
    server_port, peer_port, secret = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    # A fresh local port per attempt: the kernel may hand out one that an allocation of an earlier uclient run
    # (the warm-up's, never deleted) still holds, and the server rightly answers that 5-tuple with 437.
    # A failed attempt's socket stays open, so the next attempt cannot be given the same port again.
    for attempt in range(3):
        try:
            sock = setup(server_port, peer_port, secret)
            break
        except SystemExit as failed:
            print(f"rtt probe, attempt {attempt + 1}: {failed}", file=sys.stderr)
    else:
        raise SystemExit("rtt probe: no allocation")
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    sent_at, rtts = {}, []
    seq = 0
    next_send = time.perf_counter()
    while not stop:
        now = time.perf_counter()
        if now >= next_send:
            seq += 1
            sent_at[seq] = time.perf_counter_ns()
            sock.send(struct.pack("!HHQ", CHANNEL, PAYLOAD, seq) + b"\0" * (PAYLOAD - 8))
            next_send += 0.02
            continue
        sock.settimeout(next_send - now)
        try:
            data = sock.recv(2048)
        except (socket.timeout, InterruptedError):
            continue
        arrived = time.perf_counter_ns()
        if len(data) >= 12 and struct.unpack_from("!H", data)[0] == CHANNEL:
            t0 = sent_at.pop(struct.unpack_from("!Q", data, 4)[0], None)
            if t0 is not None:
                rtts.append((arrived - t0) / 1e6)
    rtts.sort()
    pick = lambda q: rtts[min(len(rtts) - 1, int(q * len(rtts)))] if rtts else float("nan")
    print(json.dumps({"sent": seq, "received": len(rtts), "mean_ms": sum(rtts) / len(rtts) if rtts else float("nan"),
                      "p50_ms": pick(0.5), "p99_ms": pick(0.99), "max_ms": rtts[-1] if rtts else float("nan")}))


if __name__ == "__main__":
    main()
