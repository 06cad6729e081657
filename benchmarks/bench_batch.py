"""Batch: `iess-diag batch` on N addresses over M domains, side by side with email-validator.

Run: .venv/bin/python -m benchmarks.bench_batch [--rows 10000] [--domains 1000] [--latency 0.05]
Both ask the same loopback DNS server (a child process) that delays every answer by --latency.
Ours runs as the real command in a subprocess (its peak RSS and CPU come from wait4). The peer
runs validate_email(check_deliverability=True) in a plain loop with its caching_resolver, on a
sample of --peer-sample addresses drawn the same way, extrapolated to --rows (or on all rows
with --peer-full). The physical floor is unique lookups x latency / concurrency, the unique
lookups counted in the DNS server's query log. --memory-rows runs the batch at other sizes,
output to /dev/null, to show that memory stays flat.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dnsproc import DnsProcess
from benchmarks.workload import Workload, make_workload, write_addresses

ROOT = Path(__file__).resolve().parents[1]
SPEEDUP_TARGET = 30.0  # issue 15, the large batch (10,000 rows): vs the peer, and vs the floor
FLOOR_FACTOR = 2.0
SMALL_ROWS = 2_000  # the small batch: ≥ 10x the peer, ≤ 3x (floor + start-up)
SMALL_SPEEDUP, SMALL_FACTOR = 10.0, 3.0
MEMORY_LIMIT_MB = 150.0


@dataclass(frozen=True)
class ChildRun:
    rows: int
    wall: float  # the whole process, interpreter start-up included
    batch_seconds: float  # the batch's own running time, from its --summary
    cpu: float  # user + system seconds of the child
    max_rss_mb: float
    exit_code: int


def run_ours(input_path: str, output: str, nameserver: str, concurrency: int,
             dns_timeout: float, jobs: int = 1) -> ChildRun:
    """`iess-diag batch` in a child process; rusage from wait4 is that child's alone."""
    summary = output + ".summary.json" if output != os.devnull else None
    argv = [sys.executable, "-m", "diag", "batch", input_path, "--output", output, "--force",
            "--nameserver", nameserver, "--concurrency", str(concurrency),
            "--dns-timeout", str(dns_timeout), "--jobs", str(jobs)]
    if summary is None:
        handle, summary = tempfile.mkstemp(suffix=".summary.json")
        os.close(handle)
    argv += ["--summary", summary]
    env = {**os.environ, "IESS_DIAG_LANG": "en", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()  # drained before wait4: a full pipe would block the child
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1, 3):
        raise RuntimeError(f"batch failed ({child.returncode}): {errors.decode()[-2000:]}")
    data = json.loads(Path(summary).read_text(encoding="utf-8"))
    Path(summary).unlink(missing_ok=True)
    return ChildRun(int(data["checked_rows"]), wall, float(data["seconds"]),
                    usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


@dataclass(frozen=True)
class PeerRun:
    sample: int
    seconds: float
    linear: float  # seconds x rows / sample
    cache_aware: float  # first-seen-domain and repeat costs, scaled by the full run's counts
    full: bool


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def run_peer(addresses: Sequence[str], sample: int, seed: int, port: int,
             dns_timeout: float) -> PeerRun:
    import dns.resolver
    from email_validator import EmailNotValidError, caching_resolver, validate_email

    full = sample >= len(addresses)
    chosen = list(addresses) if full else random.Random(seed).sample(list(addresses), sample)
    base = dns.resolver.Resolver(configure=False)
    base.nameservers, base.port = ["127.0.0.1"], port
    resolver = caching_resolver(timeout=int(dns_timeout), dns_resolver=base)
    seen: set[str] = set()
    first_times: list[float] = []
    repeat_times: list[float] = []
    started = time.perf_counter()
    for address in chosen:
        one = time.perf_counter()
        with contextlib.suppress(EmailNotValidError):
            validate_email(address, check_deliverability=True, dns_resolver=resolver)
        spent = time.perf_counter() - one
        domain = _domain(address)
        (repeat_times if domain in seen else first_times).append(spent)
        seen.add(domain)
    seconds = time.perf_counter() - started
    unique = len({_domain(a) for a in addresses})
    mean_first = sum(first_times) / len(first_times) if first_times else 0.0
    mean_repeat = sum(repeat_times) / len(repeat_times) if repeat_times else 0.0
    cache_aware = mean_first * unique + mean_repeat * (len(addresses) - unique)
    return PeerRun(len(chosen), seconds, seconds * len(addresses) / len(chosen),
                   seconds if full else cache_aware, full)


def startup_seconds(rounds: int = 5) -> float:
    """Interpreter start-up as the issue counts it: median wall of `python -c "import typer"`."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import typer"], check=True)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def _memory_runs(workload: Workload, sizes: Sequence[int], directory: str, nameserver: str,
                 concurrency: int, dns_timeout: float) -> list[ChildRun]:
    runs = []
    for size in sizes:
        path = os.path.join(directory, f"rows-{size}.csv")
        write_addresses(path, workload, size)
        runs.append(run_ours(path, os.devnull, nameserver, concurrency, dns_timeout))
        os.unlink(path)
        print(f"  memory run: {size:>9,} rows  peak RSS {runs[-1].max_rss_mb:6.1f} MB  "
              f"{runs[-1].wall:7.1f} s", flush=True)
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_batch", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="addresses in the timed run")
    parser.add_argument("--domains", type=int, default=1000, help="distinct domains")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per DNS answer")
    parser.add_argument("--concurrency", type=int, default=64, help="ours: --concurrency")
    parser.add_argument("--dns-timeout", type=float, default=5.0, help="DNS budget, both")
    parser.add_argument("--peer-sample", type=int, default=1000,
                        help="addresses the peer checks (drawn from the same rows)")
    parser.add_argument("--peer-full", action="store_true", help="the peer checks every row")
    parser.add_argument("--memory-rows", default="10000,100000,1000000",
                        help="comma-separated sizes for the flat-memory runs ('' to skip)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="1,2",
                        help="comma-separated --jobs values, each timed (the first is used for "
                             "the memory runs)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.memory_rows.split(",") if s.strip()]
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]

    workload = make_workload(args.domains, args.seed)
    addresses = list(workload.addresses(args.rows))
    unique_domains = len({_domain(a) for a in addresses})
    with tempfile.TemporaryDirectory(prefix="iess-bench-") as directory, \
            DnsProcess(workload.zone, latency=args.latency) as dns:
        input_path = os.path.join(directory, "input.csv")
        write_addresses(input_path, workload, args.rows)
        startup = startup_seconds()
        by_jobs = {}
        for count in jobs:
            dns.reset()
            by_jobs[count] = run_ours(input_path, os.path.join(directory, "out.jsonl"),
                                      dns.nameserver, args.concurrency, args.dns_timeout, count)
            our_dns = dns.stats()
        ours = by_jobs[jobs[0]]
        dns.reset()
        sample = len(addresses) if args.peer_full else min(args.peer_sample, len(addresses))
        peer = run_peer(addresses, sample, args.seed, dns.port, args.dns_timeout)
        peer_dns = dns.stats()
        memory = _memory_runs(workload, sizes, directory, dns.nameserver, args.concurrency,
                              args.dns_timeout) if sizes else []

    floor = max(our_dns.unique * args.latency / args.concurrency, 2 * args.latency)
    speedup = peer.cache_aware / ours.wall
    print(f"batch: {args.rows:,} addresses over {unique_domains:,} domains, DNS latency "
          f"{args.latency * 1000:.0f} ms per answer, our concurrency {args.concurrency}")
    print(f"  ours (iess-diag batch, subprocess): {ours.wall:.2f} s wall "
          f"({ours.batch_seconds:.2f} s in the batch itself, the rest interpreter start-up), "
          f"CPU {ours.cpu:.2f} s, peak RSS {ours.max_rss_mb:.1f} MB, "
          f"{our_dns.queries:,} queries ({our_dns.unique:,} unique)")
    if peer.full:
        print(f"  peer (email-validator, caching_resolver, plain loop): {peer.seconds:.1f} s "
              f"for all {peer.sample:,} rows, {peer_dns.queries:,} queries")
    else:
        print(f"  peer (email-validator, caching_resolver, plain loop): {peer.seconds:.1f} s "
              f"for a sample of {peer.sample:,} rows ({peer_dns.queries:,} queries); "
              f"EXTRAPOLATED to {args.rows:,} rows: {peer.cache_aware:.1f} s counting its cache "
              f"(first-seen domains x {unique_domains:,}, repeats x the rest), "
              f"{peer.linear:.1f} s linearly. The smaller one is used below.")
    small = args.rows <= SMALL_ROWS
    wanted = SMALL_SPEEDUP if small else SPEEDUP_TARGET
    print(f"  speedup vs peer: {speedup:.1f}x (target ≥ {wanted:.0f}x: "
          f"{'met' if speedup >= wanted else 'NOT met'})")
    if small:
        bound = SMALL_FACTOR * (floor + startup)
        said = (f"target for a small batch: ≤ {SMALL_FACTOR:.0f}x (floor + start-up): "
                f"{'met' if ours.wall <= bound else 'NOT met'}")
    else:
        said = (f"target ≤ {FLOOR_FACTOR:.0f}: "
                f"{'met' if ours.wall <= FLOOR_FACTOR * floor else 'NOT met'} for the whole "
                "process")
    print(f"  physical floor: {our_dns.unique:,} unique lookups x {args.latency:.3f} s / "
          f"{args.concurrency} = {floor:.2f} s; ours/floor = {ours.batch_seconds / floor:.2f} "
          f"(batch) / {ours.wall / floor:.2f} (whole process) ({said})")
    for count, run in by_jobs.items():
        print(f"  --jobs {count}: {run.wall:.2f} s wall, CPU {run.cpu:.2f} s, "
              f"{peer.cache_aware / run.wall:.1f}x the peer, {run.wall / floor:.2f}x the floor, "
              f"{run.wall / (floor + startup):.2f}x (floor + start-up {startup:.3f} s)")
    print(f"  peak RSS {ours.max_rss_mb:.1f} MB (target < {MEMORY_LIMIT_MB:.0f} MB: "
          f"{'met' if ours.max_rss_mb < MEMORY_LIMIT_MB else 'NOT met'})")
    if memory:
        print("  flat memory (output to /dev/null):")
        for run in memory:
            print(f"    {run.rows:>9,} rows: peak RSS {run.max_rss_mb:6.1f} MB, "
                  f"{run.wall:7.1f} s wall, {run.rows / max(run.batch_seconds, 1e-9):8.0f} rows/s")
        growth = memory[-1].max_rss_mb - memory[0].max_rss_mb
        print(f"    growth {memory[0].rows:,} -> {memory[-1].rows:,} rows: {growth:+.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
