"""Shared timing helpers: run commands interleaved, report medians and ratios."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Sequence


def time_commands(
    commands: dict[str, Sequence[str]], rounds: int = 30, warmup: int = 3
) -> dict[str, list[float]]:
    """Wall time of each command, interleaved round by round so drift hits all equally."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + rounds):
        for name, argv in commands.items():
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - t0
            if i >= warmup:
                samples[name].append(elapsed)
    return samples


def table(samples: dict[str, list[float]], baseline: str) -> str:
    base = statistics.median(samples[baseline])
    rows = [
        "| command | median (ms) | p90 (ms) | ratio to " + baseline + " |",
        "|---|---:|---:|---:|",
    ]
    for name, values in samples.items():
        med = statistics.median(values)
        p90 = sorted(values)[int(len(values) * 0.9) - 1]
        rows.append(f"| `{name}` | {med * 1000:.1f} | {p90 * 1000:.1f} | {med / base:.2f} |")
    return "\n".join(rows)
