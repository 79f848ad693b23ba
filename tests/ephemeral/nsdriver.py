"""Runs inside a fresh network namespace (``unshare --net``) and does what the test asks.

It shrinks this namespace's ephemeral range, starts a loopback listener outside it, and
then reads one JSON command per line from stdin, answering with one JSON line:

    {"op": "connect", "n": 5}     open up to n connections (stops at the first error)
    {"op": "fill"}                connect until the kernel says EADDRNOTAVAIL
    {"op": "close"}               close the clients first, then the server sides
    {"op": "listen", "port": P}   start another listener on 127.0.0.1:P
    {"op": "sysctl", "name": N, "value": V}   write /proc/sys/net/ipv4/N here
    {"op": "run", "argv": [...]}  run ``python -m portpedia ARGV`` in this namespace

Everything here dies with the namespace when stdin closes.
"""

from __future__ import annotations

import errno
import json
import socket
import subprocess
import sys

RANGE = sys.argv[1] if len(sys.argv) > 1 else "40000 40009"
SERVER_PORT = 5000

subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
with open("/proc/sys/net/ipv4/ip_local_port_range", "w") as f:
    f.write(RANGE)

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", SERVER_PORT))
server.listen(128)
clients: list[socket.socket] = []
accepted: list[socket.socket] = []
others: list[socket.socket] = []


def connect(limit: int) -> dict:
    ports = []
    error = None
    for _ in range(limit):
        c = socket.socket()
        try:
            c.connect(("127.0.0.1", SERVER_PORT))
        except OSError as exc:
            c.close()
            error = errno.errorcode.get(exc.errno or 0, str(exc))
            break
        clients.append(c)
        accepted.append(server.accept()[0])
        ports.append(c.getsockname()[1])
    return {"opened": ports, "error": error, "clients": len(clients)}


def handle(cmd: dict) -> dict:
    op = cmd["op"]
    if op == "connect":
        return connect(cmd["n"])
    if op == "fill":
        return connect(1 << 16)
    if op == "close":
        # The side that closes first keeps TIME_WAIT: the clients, on their ephemeral ports.
        for c in clients:
            c.close()
        for a in accepted:
            a.close()
        clients.clear()
        accepted.clear()
        return {"closed": True}
    if op == "listen":
        s = socket.socket()
        s.bind(("127.0.0.1", cmd["port"]))
        s.listen()
        others.append(s)
        return {"port": s.getsockname()[1]}
    if op == "sysctl":
        with open(f"/proc/sys/net/ipv4/{cmd['name']}", "w") as f:
            f.write(cmd["value"])
        return {"ok": True}
    if op == "run":
        done = subprocess.run(
            [sys.executable, "-m", "portpedia", *cmd["argv"]],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return {"rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
    raise ValueError(f"unknown op {op!r}")


print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    print(json.dumps(handle(json.loads(line))), flush=True)
