"""Every benchmark at full size, one after the other: `python -m benchmarks.run_all`.

`--quick` runs them at small sizes instead (a few seconds each), as the smoke test does.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from collections.abc import Sequence

from benchmarks import bench_batch, bench_mailbox, bench_one_address, bench_page, bench_startup

FULL: dict[str, list[str]] = {
    "bench_one_address": [],
    "bench_batch": ["--peer-full"],
    "bench_startup": [],
    "bench_mailbox": [],
    "bench_page": [],
}
QUICK: dict[str, list[str]] = {
    "bench_one_address": ["--latency", "0.01", "--repeat", "1", "--budget", "0.3"],
    "bench_batch": ["--rows", "200", "--domains", "40", "--latency", "0.01", "--peer-sample",
                    "20", "--memory-rows", "50,100"],
    "bench_startup": ["--runs", "1"],
    "bench_mailbox": ["--big", "40", "--small", "5", "--repeat", "1"],
    "bench_page": ["--latency", "0.01", "--repeat", "2"],
}
MODULES = {"bench_one_address": bench_one_address, "bench_batch": bench_batch,
           "bench_startup": bench_startup, "bench_mailbox": bench_mailbox,
           "bench_page": bench_page}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _cpuinfo()
                if line.startswith("model name")), platform.processor() or "?")
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"nproc {nproc}, CPU {cpu}, Python {platform.python_version()} ({sys.executable})"


def _cpuinfo() -> list[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            return info.readlines()
    except OSError:
        return []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_all", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--only", action="append", choices=sorted(MODULES),
                        help="run just this benchmark (repeatable)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    print(f"machine: {machine()}", flush=True)
    for name, options in plan.items():
        if args.only and name not in args.only:
            continue
        print(f"\n$ python -m benchmarks.{name} {' '.join(options)}".rstrip(), flush=True)
        MODULES[name].main(options)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
