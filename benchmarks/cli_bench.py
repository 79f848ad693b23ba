"""Cold start of `portpedia 443` against starting Python and `getent services 443`.

Run: .venv/bin/python benchmarks/cli_bench.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import table, time_commands


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    bindir = Path(sys.executable).parent
    portpedia = str(bindir / "portpedia")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "portpedia 443": [portpedia, "443"],
        "portpedia 443 --short": [portpedia, "443", "--short"],
        "portpedia 60463 --json": [portpedia, "60463", "--json"],
        "portpedia ssh": [portpedia, "ssh"],
    }
    if shutil.which("getent"):
        commands["getent services 443"] = ["getent", "services", "443"]
    samples = time_commands(commands, rounds=args.rounds)
    print(table(samples, "python -c pass"))


if __name__ == "__main__":
    main()
