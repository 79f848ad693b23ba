"""Soak portpedia: wrk with mix.lua against ``portpedia serve --workers 2`` on loopback.

Samples the resident memory of the worker processes while wrk runs and prints one JSON
document: request counts by status class, votes, latency, RSS per sample, RSS growth after
warm-up, and whether the run passed (no 5xx, no socket errors, growth under the limit).

    .venv/bin/python benchmarks/soak/soak.py                    # 3 minutes, SQLite
    .venv/bin/python benchmarks/soak/soak.py --duration 30 --database postgresql://...

Needs wrk (apt-get install wrk). Exit status 0 when the run passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workers(supervisor: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in supervisor.children():
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=180, help="seconds of load (180)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds before the RSS baseline")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", help="feedback database URL (default: a new SQLite file)")
    parser.add_argument("--max-growth", type=float, default=10.0, help="allowed RSS growth, %%")
    parser.add_argument("--interval", type=float, default=5.0, help="RSS sampling period, s")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")

    tmp = Path(tempfile.mkdtemp(prefix="portpedia-soak-"))
    port = _free_port()
    database = args.database or f"sqlite:///{tmp / 'feedback.sqlite3'}"
    # Every vote comes from 127.0.0.1: lift the per-network bound of new votes per page and
    # day, or the soak would measure 429s rather than the store under load.
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp / "data"),
           "PORTPEDIA_SECRET": "soak-secret-" + "0" * 32,
           "PORTPEDIA_VOTES_PER_NETWORK": "1000000000"}  # fmt: skip
    env.pop("PORTPEDIA_DATABASE_URL", None)
    log = open(tmp / "serve.log", "wb")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(
        [sys.executable, "-m", "portpedia", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(args.workers), "--database", database],
        env=env, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"portpedia serve did not start; see {tmp / 'serve.log'}")
                time.sleep(0.1)
        supervisor = psutil.Process(server.pid)
        workers = _workers(supervisor)

        samples: list[dict[str, object]] = []
        stop = threading.Event()
        started = time.monotonic()

        def sample() -> None:
            while not stop.is_set():
                rss = {}
                for w in workers:
                    try:
                        rss[w.pid] = w.memory_info().rss
                    except psutil.Error:
                        rss[w.pid] = None
                samples.append({"t": round(time.monotonic() - started, 1), "rss": rss})
                stop.wait(args.interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        wrk = subprocess.run(
            ["wrk", "-t", str(args.threads), "-c", str(args.connections),
             "-d", f"{args.duration}s", "--timeout", "10s", "--latency",
             "-s", str(HERE / "mix.lua"), base],
            capture_output=True, text=True,
        )  # fmt: skip
        stop.set()
        sampler.join()
        alive = [w.pid for w in workers if w.is_running()]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()

    line = next((x for x in wrk.stdout.splitlines() if x.startswith("SOAK ")), None)
    if line is None:
        sys.exit(f"wrk gave no summary:\n{wrk.stdout}\n{wrk.stderr}")
    result: dict[str, object] = json.loads(line[5:])
    baseline = next((s for s in samples if float(s["t"]) >= args.warmup), samples[0])
    final = samples[-1]
    growth = {}
    for pid in baseline["rss"]:
        before, after = baseline["rss"][pid], final["rss"].get(pid)
        if before and after:
            growth[pid] = round(100.0 * (after - before) / before, 2)
    total_before = sum(v for v in baseline["rss"].values() if v)
    total_after = sum(v for v in final["rss"].values() if v)
    total_growth = round(100.0 * (total_after - total_before) / total_before, 2)
    serve_log = (tmp / "serve.log").read_text(errors="replace")
    errors = sum(int(result[k]) for k in result if str(k).startswith("errors_"))
    passed = (
        result["status_5xx"] == 0
        and errors == 0
        and total_growth < args.max_growth
        and len(alive) == len(workers)
        and "Traceback" not in serve_log
    )
    report = {
        "command": " ".join(sys.argv),
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": len(workers),
        "database": database.split("://", 1)[0],
        **result,
        "requests_per_s": round(int(result["requests"]) / args.duration, 1),
        "rss_baseline_mib": round(total_before / 2**20, 1),
        "rss_final_mib": round(total_after / 2**20, 1),
        "rss_growth_percent": total_growth,
        "rss_growth_percent_per_worker": growth,
        "workers_survived": len(alive) == len(workers),
        "tracebacks_in_log": "Traceback" in serve_log,
        "samples": [
            {"t": s["t"], "rss_mib": round(sum(v for v in s["rss"].values() if v) / 2**20, 1)}
            for s in samples
        ],
        "passed": passed,
    }
    print(json.dumps(report, indent=2))
    if passed:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"kept {tmp} for inspection", file=sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
