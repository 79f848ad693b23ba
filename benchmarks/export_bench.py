"""Time of a full static export (every port, every language) and of a re-run with no change;
plus where a port page's render time goes.

Run: .venv/bin/python benchmarks/export_bench.py [--jobs 2] [--ports 0-65535] [--profile]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable


def _per_call(fn: Callable[[int], object], items: range) -> float:
    """Seconds of this process's CPU per call: steadier than wall time on a shared machine."""
    t = time.process_time()
    for i in items:
        fn(i)
    return (time.process_time() - t) / len(items)


def profile(samples: int = 300) -> None:
    import cProfile
    import pstats

    from portpedia.explain import explain
    from portpedia.export._units import port_json
    from portpedia.export.layout import rewrite_links
    from portpedia.web.render import render_port_page

    ports = range(1000, 1000 + samples)
    render_port_page(443, "en")
    port_json(443, "en")
    for lang in ("en", "bn"):
        page = _per_call(lambda p, lang=lang: render_port_page(p, lang), ports)
        report = _per_call(explain, ports)
        data = _per_call(lambda p, lang=lang: port_json(p, lang), ports)
        html = render_port_page(443, lang)
        links = _per_call(lambda _, html=html: rewrite_links(html, "ports/443.html"), ports)
        print(f"{lang}: render_port_page {page * 1e3:.2f} ms (explain() {report * 1e3:.2f} ms), "
              f"JSON {data * 1e3:.2f} ms, link rewriting {links * 1e3:.2f} ms; "
              f"CPU time per call")  # fmt: skip
    prof = cProfile.Profile()
    prof.enable()
    for p in ports:
        render_port_page(p, "en")
        port_json(p, "en")
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--ports", default=None, help="a subset such as 0-9999 (default: all)")
    ap.add_argument("--profile", action="store_true", help="only profile one page's render")
    args = ap.parse_args()
    if args.profile:
        profile()
        return
    from portpedia.export import export_site, parse_ports

    ports = parse_ports(args.ports) if args.ports else None
    out = tempfile.mkdtemp(prefix="portpedia-export-bench-")
    try:
        first = export_site(out, ports=ports, base_url="https://ports.example.org", jobs=args.jobs)
        print(f"full export: {first.files} files in {first.seconds:.1f} s "
              f"({first.jobs} jobs, {len(first.languages)} languages)", flush=True)  # fmt: skip
        again = export_site(out, ports=ports, base_url="https://ports.example.org", jobs=args.jobs)
        print(f"no-change re-run: {again.written} written, {again.unchanged} unchanged, "
              f"{again.seconds:.1f} s")  # fmt: skip
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
