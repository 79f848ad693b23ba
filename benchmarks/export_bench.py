"""Time of a full static export (every port, every language) and of a re-run with no change;
plus where a port page's render time goes.

Run: .venv/bin/python benchmarks/export_bench.py [--jobs N] [--ports 0-65535] [--profile]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any


def _per_call(fn: Callable[[Any], object], items: Sequence[Any]) -> float:
    """Seconds of this process's CPU per call: steadier than wall time on a shared machine."""
    t = time.process_time()
    for i in items:
        fn(i)
    return (time.process_time() - t) / len(items)


def profile(samples: int = 300) -> None:
    """Per port and language: explain(), the page, its links, the JSON (CPU time)."""
    import cProfile
    import pstats

    from portpedia.explain import explain
    from portpedia.export._shared_pages import checks_for, fill_marks, port_page_pieces
    from portpedia.export._units import port_json
    from portpedia.export.layout import rewrite_links
    from portpedia.web.render import render_port_page

    kinds = (("ports with their own page (1000-)", 1000), ("plain ports (40000-)", 40000))
    for label, first in kinds:
        reports = [explain(p) for p in range(first, first + samples)]
        report_cpu = _per_call(lambda r: explain(r.port), reports)
        for lang in ("en", "bn"):
            render_port_page(reports[0].port, lang, report=reports[0])
            page = _per_call(lambda r, lang=lang: render_port_page(r.port, lang, report=r), reports)
            data = _per_call(lambda r, lang=lang: port_json(r.port, lang, r), reports)

            def shared(r: Any, lang: str = lang) -> str:
                pieces = port_page_pieces(r, lang)
                if pieces is None:
                    checks = checks_for(r, lang)
                    return render_port_page(r.port, lang, report=r, checks=checks)
                return fill_marks(pieces, r.port)

            trick = _per_call(shared, reports)
            pages = [render_port_page(r.port, lang, report=r) for r in reports]
            links = _per_call(lambda h: rewrite_links(h, "ports/1.html"), pages)
            print(f"{label} {lang}: explain() {report_cpu * 1e3:.2f} ms (once per port), "
                  f"page {page * 1e3:.2f} ms (shared rendering {trick * 1e3:.2f} ms), "
                  f"JSON {data * 1e3:.2f} ms, "
                  f"links {links * 1e3:.2f} ms")  # fmt: skip
    prof = cProfile.Profile()
    prof.enable()
    for r in reports:
        render_port_page(r.port, "en", report=r)
        port_json(r.port, "en", r)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=None, help="default: one more than CPUs")
    ap.add_argument("--ports", default=None, help="a subset such as 0-9999 (default: all)")
    ap.add_argument("--profile", action="store_true", help="only profile one page's render")
    args = ap.parse_args()
    if args.profile:
        profile()
        return
    from portpedia.export import export_site, parse_ports

    ports = parse_ports(args.ports) if args.ports else None
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    out = tempfile.mkdtemp(prefix="portpedia-export-bench-")
    try:
        first = export_site(out, ports=ports, base_url="https://ports.example.org", jobs=args.jobs)
        print(f"full export: {first.files} files in {first.seconds:.1f} s "
              f"({first.jobs} jobs, {len(first.languages)} languages)", flush=True)  # fmt: skip
        again = export_site(out, ports=ports, base_url="https://ports.example.org", jobs=args.jobs)
        print(f"no-change re-run: {again.written} written, {again.unchanged} unchanged, "
              f"{again.seconds:.1f} s{' (manifest matched)' if again.reused else ''}")  # fmt: skip
        print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
