"""Time ``portpedia who`` against ss, lsof, netstat and psutil on a busy machine.

Opens N loopback TCP connections (default 10,000) whose two ends live in two processes,
plus one quiet listener, then runs every tool R times in interleaved rounds and reports
medians and ratios. Not part of the test suite; run it as root (owners of every process):

    .venv/bin/python benchmarks/who_bench.py --connections 10000 --rounds 15
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORTPEDIA = str(Path(sys.executable).with_name("portpedia"))


def _raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _hold(n: int) -> tuple[int, int, int, list[int]]:
    """Fork a server (busy listener + quiet listener + accepted ends) and a client process.

    Returns (busy port, quiet port, one client's ephemeral port, pids to stop)."""
    _raise_fd_limit()
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(4096)
    quiet = socket.socket()
    quiet.bind(("127.0.0.1", 0))
    quiet.listen()
    busy_port, quiet_port = busy.getsockname()[1], quiet.getsockname()[1]
    ready_r, ready_w = os.pipe()
    client = os.fork()
    if client == 0:
        busy.close()
        quiet.close()
        held = [socket.create_connection(("127.0.0.1", busy_port)) for _ in range(n)]
        os.write(ready_w, f"{held[n // 2].getsockname()[1]}\n".encode())
        os.read(os.open("/dev/null", os.O_RDONLY), 1)
        signal_wait()
    server = os.fork()
    if server == 0:
        accepted = []
        while len(accepted) < n:
            accepted.append(busy.accept()[0])
        os.write(ready_w, b"ok\n")
        signal_wait()
    busy.close()
    quiet.close()
    os.close(ready_w)
    data = b""
    while data.count(b"\n") < 2:
        chunk = os.read(ready_r, 64)
        if not chunk:
            raise SystemExit("holder processes died")
        data += chunk
    eph = int(next(line for line in data.split() if line != b"ok"))
    return busy_port, quiet_port, eph, [client, server]


def signal_wait() -> None:  # pragma: no cover - runs in the holder children
    import signal

    signal.sigwait({signal.SIGTERM})
    os._exit(0)


def _env() -> dict[str, str]:
    # Time an installed portpedia: bytecode cached (outside the source tree) like a
    # pip-installed package has, even where PYTHONDONTWRITEBYTECODE is set for development.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "portpedia-bench-pycache")
    return env


ENV = _env()


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, helpers included) of one run, in seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


# The least any owner lookup can cost: list every /proc/<pid>/fd and readlink each entry,
# in C, on one CPU, nothing else. Compiled at run time when a C compiler is around.
WALK_C = r"""
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
    char path[64], link[256];
    long n = 0;
    DIR *proc = opendir("/proc");
    struct dirent *p;
    while ((p = readdir(proc))) {
        if (p->d_name[0] < '0' || p->d_name[0] > '9') continue;
        snprintf(path, sizeof path, "/proc/%s/fd", p->d_name);
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) continue;
        DIR *dir = fdopendir(fd);
        struct dirent *e;
        while ((e = readdir(dir)))
            if (e->d_name[0] != '.' && readlinkat(fd, e->d_name, link, sizeof link) > 0) n++;
        closedir(dir);
    }
    printf("%ld\n", n);
    return 0;
}
"""


def _walk_floor() -> str | None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    out = Path(tempfile.gettempdir()) / "portpedia-bench-walk"
    src = out.with_suffix(".c")
    src.write_text(WALK_C)
    done = subprocess.run([cc, "-O2", "-o", str(out), str(src)], capture_output=True, check=False)
    return str(out) if done.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--serial", action="store_true", help="portpedia walks /proc without its forked helper"
    )
    parser.add_argument(
        "--quick", action="store_true", help="only portpedia and ss (no lsof, netstat, psutil)"
    )
    parser.add_argument(
        "--baseline",
        metavar="PROGRAM",
        help="another portpedia executable (an older version) to time in the same rounds",
    )
    args = parser.parse_args()
    if args.serial:
        ENV["PORTPEDIA_SERIAL"] = "1"

    walk = _walk_floor()
    busy, quiet, eph, pids = _hold(args.connections)
    psutil_code = "import psutil; psutil.net_connections('inet')"
    cases: dict[str, list[str]] = {
        "portpedia who QUIET": [PORTPEDIA, "who", str(quiet)],
        "ss -tanp 'sport = :QUIET'": ["ss", "-tanp", f"sport = :{quiet}"],
        "portpedia who EPH": [PORTPEDIA, "who", str(eph)],
        "ss -tanp '( sport = :EPH or dport = :EPH )'": [
            "ss",
            "-tanp",
            f"( sport = :{eph} or dport = :{eph} )",
        ],
        "portpedia who QUIET --no-owners": [PORTPEDIA, "who", str(quiet), "--no-owners"],
        "ss -tan 'sport = :QUIET'": ["ss", "-tan", f"sport = :{quiet}"],
        "portpedia who BUSY (20,001 sockets)": [PORTPEDIA, "who", str(busy)],
        "ss -tanp 'sport = :BUSY' (10,001 sockets)": ["ss", "-tanp", f"sport = :{busy}"],
        "lsof -nP -i :QUIET": ["lsof", "-nP", f"-i:{quiet}"],
        "netstat -tanp": ["netstat", "-tanp"],
        "psutil.net_connections()": [sys.executable, "-c", psutil_code],
        # Floors: what any Python CLI pays before its own code runs (the console script
        # imports re; the portpedia package imports typing), and the bare /proc walk in C.
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import re, typing'": [sys.executable, "-c", "import re, typing"],
    }
    if args.quick:
        for name in ("lsof -nP -i :QUIET", "netstat -tanp", "psutil.net_connections()"):
            del cases[name]
    if walk:
        cases["C: readlinkat every /proc/*/fd entry, 1 CPU"] = [walk]
    if args.baseline:
        for name in [n for n in cases if n.startswith("portpedia who")]:
            cases[f"baseline {name[len('portpedia ') :]}"] = [args.baseline, *cases[name][1:]]
    cases = {k: v for k, v in cases.items() if shutil.which(v[0])}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    load_before = os.getloadavg()
    try:
        for cmd in cases.values():  # warm caches once
            _time(cmd)
        for _ in range(args.rounds):
            for name, cmd in cases.items():
                times[name].append(_time(cmd))
    finally:
        import signal

        for pid in pids:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)

    med = {k: statistics.median(wall for wall, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(used for _, used in v) for k, v in times.items()}
    ref = {
        "portpedia who QUIET": "ss -tanp 'sport = :QUIET'",
        "portpedia who EPH": "ss -tanp '( sport = :EPH or dport = :EPH )'",
        "portpedia who QUIET --no-owners": "ss -tan 'sport = :QUIET'",
        "portpedia who BUSY (20,001 sockets)": "ss -tanp 'sport = :BUSY' (10,001 sockets)",
    }
    ref.update({f"baseline {k[len('portpedia ') :]}": v for k, v in ref.items()})
    base = med.get("portpedia who QUIET")
    load_after = os.getloadavg()
    print(f"{args.connections} loopback connections, {args.rounds} rounds, medians")
    print(
        f"cpus: {os.cpu_count()}, kernel: {os.uname().release}, "
        f"python: {sys.version.split()[0]}, load average (1 min) before/after: "
        f"{load_before[0]:.2f}/{load_after[0]:.2f}\n"
    )
    # CPU time counts the helper process too; under load it moves less than wall time.
    print("| command | median ms | CPU ms | vs portpedia who QUIET |")
    print("|---|---:|---:|---:|")
    for name, value in med.items():
        rel = f"{value / base:.2f}x" if base else ""
        print(f"| `{name}` | {value * 1000:.1f} | {cpu[name] * 1000:.1f} | {rel} |")
    print()
    for ours, theirs in ref.items():
        if ours in med and theirs in med:
            print(f"- `{ours}` is {med[theirs] / med[ours]:.2f}x as fast as `{theirs}`")


if __name__ == "__main__":
    main()
