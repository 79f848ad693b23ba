"""`portpedia serve --workers 2` against nginx serving the exported file of the same page.

portpedia runs on its default uvicorn stack and with `--server granian`, and on the
documented production path: deploy/nginx.conf, as shipped (addresses swapped), in front of
two `portpedia serve` processes, pages cached by nginx. All answer /ports/443 on loopback;
wrk (-t2 -c64 -d10s --latency) loads each in turn, interleaved over several rounds.
Reports requests/s, p50 and p99 per round and the median.

Run: .venv/bin/python benchmarks/serve_bench.py [--rounds 3] [--duration 10]
Needs wrk and nginx (apt-get install wrk nginx-light).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen[bytes], host: str | None = None) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            request = urllib.request.Request(url, headers={"Host": host} if host else {})
            with urllib.request.urlopen(request, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    assert m, text
    return float(m.group(1)) * _UNITS[m.group(2)]


def wrk(url: str, duration: int, host: str | None = None) -> dict[str, float]:
    extra = ["-H", f"Host: {host}"] if host else []
    out = subprocess.run(
        ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", *extra, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument(
        "--compare-src",
        metavar="DIR",
        help="also run `serve --workers 2` from another checkout's src/ (PYTHONPATH), "
        "such as the code before a change, in the same rounds",
    )
    args = ap.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light")

    from portpedia.export import export_site

    tmp = Path(tempfile.mkdtemp(prefix="portpedia-bench-"))
    tmp.chmod(0o755)
    site = tmp / "site"
    export_site(site, ports=[443], languages=["en"], jobs=1)
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp / "data"), "PORTPEDIA_SECRET": "b" * 40}
    nginx_port = _free_port()
    servers: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
    for server in ("uvicorn", "granian"):
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "portpedia", "serve", "--workers", "2", "--port", str(port),
             "--server", server, "--database", f"sqlite:///{tmp / 'feedback.sqlite3'}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        servers[f"portpedia serve --workers 2 --server {server}"] = (proc, port)
    if args.compare_src:
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "portpedia", "serve", "--workers", "2", "--port", str(port),
             "--database", f"sqlite:///{tmp / 'compare.sqlite3'}"],
            env={**env, "PYTHONPATH": args.compare_src}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        servers[f"same, from {args.compare_src}"] = (proc, port)
    # The production path: deploy/nginx.conf before two serve processes, as docs/deploy.md.
    site_name = "ports.example.org"
    backends = [_free_port(), _free_port()]
    for port in backends:
        proc = subprocess.Popen(
            [sys.executable, "-m", "portpedia", "serve", "--port", str(port),
             "--database", f"sqlite:///{tmp / 'feedback.sqlite3'}",
             "--allowed-hosts", f"{site_name},127.0.0.1", "--forwarded-allow-ips", "127.0.0.1"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        servers[f"backend {port}"] = (proc, port)
    front = _free_port()
    prefix = tmp / "front"
    for d in (tmp, prefix):
        (d / "logs").mkdir(parents=True)
        (d / "tmp").mkdir(mode=0o777)
        (d / "tmp").chmod(0o777)
    prefix.chmod(0o755)
    text = (Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf").read_text()
    from importlib.resources import files

    for old, new in [
        ("127.0.0.1:8001", f"127.0.0.1:{backends[0]}"),
        ("127.0.0.1:8002", f"127.0.0.1:{backends[1]}"),
        ("127.0.0.1:8080", f"127.0.0.1:{front}"),
        ("/usr/lib/python3/dist-packages/portpedia/web/static/",
         str(files("portpedia.web").joinpath("static")) + "/"),
    ]:  # fmt: skip
        assert old in text, old
        text = text.replace(old, new)
    (prefix / "nginx.conf").write_text(text)
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
pid logs/nginx.pid;
error_log logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path tmp/body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    server {{
        listen 127.0.0.1:{nginx_port};
        root {site};
        location / {{ try_files $uri $uri.html $uri/index.html =404; }}
    }}
}}
"""
    )
    nginx = subprocess.Popen(
        ["nginx", "-p", f"{tmp}/", "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    proxy = subprocess.Popen(
        ["nginx", "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    targets = {
        name: f"http://127.0.0.1:{port}/ports/443"
        for name, (_, port) in servers.items()
        if not name.startswith("backend")
    }
    production = "deploy/nginx.conf (cache) + 2 x portpedia serve"
    targets[production] = f"http://127.0.0.1:{front}/ports/443"
    targets["nginx, exported file"] = f"http://127.0.0.1:{nginx_port}/ports/443"
    hosts = {production: site_name}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
    try:
        for proc, port in servers.values():
            _wait(f"http://127.0.0.1:{port}/ports/443", proc)
        _wait(targets["nginx, exported file"], nginx)
        _wait(targets[production], proxy, site_name)
        for name, url in targets.items():
            wrk(url, 2, hosts.get(name))  # warm-up: every worker renders and compresses once
        for i in range(args.rounds):
            for name, url in targets.items():
                r = wrk(url, args.duration, hosts.get(name))
                results[name].append(r)
                print(f"round {i + 1} {name}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.2f} ms, "
                      f"p99 {r['p99_ms']:.2f} ms", flush=True)  # fmt: skip
    finally:
        nginx.send_signal(signal.SIGQUIT)
        proxy.send_signal(signal.SIGQUIT)
        for proc, _ in servers.values():
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in (nginx, proxy, *(p for p, _ in servers.values())):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    static = "nginx, exported file"
    print("\n| server | requests/s | p50 (ms) | p99 (ms) | vs nginx |\n|---|---:|---:|---:|---:|")
    for name in targets:
        ratio = med(name, "rps") / med(static, "rps")
        print(f"| {name} | {med(name, 'rps'):.0f} | {med(name, 'p50_ms'):.2f} | "
              f"{med(name, 'p99_ms'):.2f} | {ratio:.0%} |")  # fmt: skip
    print(
        f"\nmedian of {args.rounds} rounds, wrk -t2 -c64 -d{args.duration}s, "
        f"{os.cpu_count()} CPUs shared by all"
    )


if __name__ == "__main__":
    main()
