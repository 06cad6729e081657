"""Start-up: `iess-diag --help` and `--version` against `python -c "import typer"`.

Run: .venv/bin/python -m benchmarks.bench_startup [--runs 40]
Each round runs every command once, in a shuffled order (interleaved, so a noisy moment hits all
of them alike); the figures are medians over --runs rounds, and the ratio is to the baseline.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.3
HEAVY = ("dns", "email_validator", "imapclient", "msal", "rich")


def _script() -> str:
    found = Path(sys.executable).parent / "iess-diag"
    return str(found) if found.exists() else shutil.which("iess-diag") or "iess-diag"


def commands() -> dict[str, list[str]]:
    script = _script()
    return {"baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "iess-diag --help": [script, "--help"],
            "iess-diag --version": [script, "--version"]}


def _once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env={**os.environ, "COLUMNS": "100"})
    return time.perf_counter() - started


def heavy_modules_loaded(argv: list[str]) -> list[str]:
    """Heavy packages imported by a command (they should be none for --help and --version)."""
    code = ("import runpy, sys\nsys.argv = {argv!r}\ntry:\n    runpy.run_path({script!r}, "
            "run_name='__main__')\nexcept SystemExit:\n    pass\nprint(' '.join(sorted("
            "{{m.split('.')[0] for m in sys.modules}} & {heavy!r})), file=sys.stderr)")
    script = argv[0]
    done = subprocess.run([sys.executable, "-c", code.format(argv=argv, script=script,
                                                               heavy=set(HEAVY))],
                          capture_output=True, text=True, check=False)
    return done.stderr.strip().splitlines()[-1].split() if done.stderr.strip() else []


def measure(runs: int, seed: int = 0) -> dict[str, list[float]]:
    table = commands()
    times: dict[str, list[float]] = {name: [] for name in table}
    order = list(table)
    rng = random.Random(seed)
    for argv in table.values():  # warm the page cache and .pyc files
        _once(argv)
    for _ in range(runs):
        rng.shuffle(order)
        for name in order:
            times[name].append(_once(table[name]))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_startup",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40, help="rounds (each runs every command)")
    args = parser.parse_args(argv)
    times = measure(args.runs)
    base_name = next(iter(times))
    base = statistics.median(times[base_name])
    print(f"start-up, median of {args.runs} interleaved rounds (wall time of the process)")
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = median / base
        verdict = "" if name == base_name else (
            f"  target ≤ {TARGET}x: {'met' if ratio <= TARGET else 'NOT met'}")
        print(f"  {name:36} {median * 1000:7.1f} ms  (p10 {_pct(samples, 10) * 1000:5.1f}, "
              f"p90 {_pct(samples, 90) * 1000:5.1f})  {ratio:4.2f}x{verdict}")
    for name, command in commands().items():
        if name != base_name:
            loaded = heavy_modules_loaded(command)
            print(f"  heavy modules imported by {name}: {', '.join(loaded) or 'none'}")
    return 0


def _pct(samples: list[float], pct: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, len(ordered) * pct // 100)]


if __name__ == "__main__":
    raise SystemExit(main())
