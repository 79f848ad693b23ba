"""Search: the relevance set's hit rate, /search and /api/v1/search latency, rapidfuzz's cost.

1. Hit rate: every query of tests/explain/search_relevance.toml that today's data can
   answer, expected port in the top 3 (the suite's test fails below 95%).
2. Latency: `portpedia serve` (one worker) on loopback; after one warm-up request that
   builds the index, every query of the set plus misspellings and misses, each round, as
   `/search?q=...` (the HTML page) and `/api/v1/search?q=...`, one keep-alive client,
   sequential. Every URL carries a unique `n=` so that no response is replayed from
   memory: each request runs the search and renders. Reports p50, p90, p99 and max.
3. Import cost: `python -c 'import rapidfuzz.process'` against `python -c pass`, and the
   CLI commands that do and do not reach it (`portpedia 443`, `portpedia search ssh`,
   `portpedia search postgress`), interleaved rounds, medians.

Run: .venv/bin/python benchmarks/search_bench.py [--rounds 20] [--cli-rounds 15]
       [--before /path/to/older/checkout/src]   # also time that tree's `portpedia search`
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "explain" / "search_relevance.toml"
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import table, time_commands  # noqa: E402

# Beyond the set: misspellings, misses (the "did you mean" path) and long queries.
EXTRA = [
    "postgress", "mongo db", "teamviewer", "kerberos qqqqqq", "zzzzqqqq", "shh", "ftp server",
    "what port does ssh use", "rdp port", "sql server", "web server", "database",
    "elasticsearch opensearch rest api", "minecraft bedrock", "prometheus exporter",
]  # fmt: skip


def _queries() -> list[dict[str, object]]:
    with SET.open("rb") as fh:
        return tomllib.load(fh)["query"]


def hit_rate() -> tuple[int, int, list[str]]:
    sys.path.insert(0, str(ROOT / "tests" / "explain"))
    from test_search_relevance import top3

    from portpedia.explain._search import _curated_entries

    curated = _curated_entries()
    have = {k for k, key in (("articles", "article"), ("products", "product")) if curated[key]}
    queries = [q for q in _queries() if q.get("needs") in (None, *have)]
    misses = [str(q["q"]) for q in queries if not top3(str(q["q"]), int(q["port"]))]  # type: ignore[arg-type]
    return len(queries) - len(misses), len(queries), misses


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def latency(rounds: int) -> dict[str, list[float]]:
    tmp = Path(tempfile.mkdtemp(prefix="portpedia-search-bench-"))
    port = _free_port()
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp / "data"), "PORTPEDIA_SECRET": "s" * 40}
    proc = subprocess.Popen(
        [sys.executable, "-m", "portpedia", "serve", "--port", str(port),
         "--database", f"sqlite:///{tmp / 'feedback.sqlite3'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    texts = [str(q["q"]) for q in _queries()] + EXTRA
    samples: dict[str, list[float]] = {"/search": [], "/api/v1/search": [], "first": []}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("portpedia serve did not come up") from None
                time.sleep(0.05)
        n = 0

        def get(path: str, text: str) -> float:
            nonlocal n
            n += 1
            url = f"{path}?q={urllib.parse.quote(text)}&n={n}"
            t0 = time.perf_counter()
            conn.request("GET", url)
            r = conn.getresponse()
            r.read()
            elapsed = time.perf_counter() - t0
            if r.status not in (200, 303):
                raise RuntimeError(f"{url}: HTTP {r.status}")
            return elapsed

        samples["first"].append(get("/api/v1/search", "ssh"))  # builds the index
        for _ in range(rounds):
            for text in texts:
                samples["/search"].append(get("/search", text))
                samples["/api/v1/search"].append(get("/api/v1/search", text))
        conn.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    return samples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--cli-rounds", type=int, default=15)
    ap.add_argument("--before", help="src/ of another checkout, to time its search too")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")

    hits, total, misses = hit_rate()
    print(f"\nrelevance: {hits}/{total} in the top 3 = {hits / total:.1%}; misses: {misses}")

    samples = latency(args.rounds)
    print(f"\nfirst search (index build): {samples.pop('first')[0] * 1000:.0f} ms")
    print("| endpoint | requests | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values in samples.items():
        ms = [v * 1000 for v in values]
        print(f"| `{name}` | {len(ms)} | {statistics.median(ms):.1f} | {_pct(ms, 0.9):.1f} | "
              f"{_pct(ms, 0.99):.1f} | {max(ms):.1f} |")  # fmt: skip

    py = sys.executable
    exe = str(Path(py).with_name("portpedia"))
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import rapidfuzz.process'": [py, "-c", "import rapidfuzz.process"],
        "portpedia 443": [exe, "443"],
        "portpedia search ssh": [exe, "search", "ssh"],
        "portpedia search postgress": [exe, "search", "postgress"],
        # An unwritable data directory: no index cache, every run builds the index.
        "portpedia search ssh, no index cache": [
            "env", "PORTPEDIA_DATA_DIR=/proc/portpedia-no-cache", exe, "search", "ssh"
        ],
    }  # fmt: skip
    if args.before:
        commands["before: portpedia search ssh"] = [
            "env", f"PYTHONPATH={args.before}", py, "-m", "portpedia", "search", "ssh"
        ]  # fmt: skip
    print()
    print(table(time_commands(commands, rounds=args.cli_rounds), "python -c pass"))
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
