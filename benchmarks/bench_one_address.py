"""One address, side by side with email-validator's deliverability check, at a fixed DNS latency.

Run: .venv/bin/python -m benchmarks.bench_one_address [--latency 0.1] [--repeat 5]
Both tools ask the same loopback DNS server (in a child process), which delays every answer by
--latency seconds; runs alternate ours/peer, and each figure is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.dnsproc import DnsProcess

CASES = {
    "healthy (2 MX hosts)": "ana@hotmail.com",
    "healthy (5 MX hosts)": "ana@gmail.com",
    "implicit MX": "ana@tiendaquito.ec",
    "null MX": "ana@sinmail.com.ec",
    "NXDOMAIN": "ana@hotmial.com",
    "silent nameserver": "ana@silencioso.com.ec",
}
# Round trips allowed (target 1); a silent nameserver is bounded by the budget instead.
_MAX_ROUND_TRIPS = 2
_OWN_TIME = 0.1


@dataclass(frozen=True)
class Row:
    case: str
    ours: float  # wall seconds, median
    ours_cpu: float  # our process's CPU seconds, median
    peer: float
    ours_queries: int
    peer_queries: int
    limit: float  # the target for `ours`

    @property
    def ratio(self) -> float:
        return self.peer / self.ours if self.ours else float("inf")

    @property
    def met(self) -> bool:
        return self.ours <= self.limit


@dataclass
class _Samples:
    wall: list[float]
    cpu: list[float]
    queries: int = 0


def _timed(run: Callable[[], object], into: _Samples) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    into.cpu.append(time.process_time() - cpu)
    into.wall.append(time.perf_counter() - wall)


def _peer(address: str, port: int, budget: float) -> Callable[[], object]:
    import dns.resolver
    from email_validator import EmailNotValidError, validate_email

    def run() -> object:
        # A fresh resolver per run: a cache warmed by the previous repetition would be unfair.
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = port
        resolver.lifetime = budget
        try:
            return validate_email(address, check_deliverability=True, dns_resolver=resolver)
        except EmailNotValidError as error:
            return error

    return run


def measure(latency: float, repeat: int, budget: float,
            cases: dict[str, str] | None = None) -> list[Row]:
    from diag.deliverability.check import check_email
    from tests.fixtures.zones import STANDARD_ZONE

    rows = []
    with DnsProcess(STANDARD_ZONE, drop=("silencioso.com.ec",), latency=latency) as dns:
        # Warm up imports and first-call costs on both sides, outside the timing.
        check_email("ana@hotmail.com", nameservers=[dns.nameserver], dns_timeout=budget)
        _peer("ana@hotmail.com", dns.port, budget)()
        for case, address in (cases or CASES).items():
            reps = 1 if "silent" in case else repeat
            ours, peer = _Samples([], []), _Samples([], [])

            def run_ours(a: str = address) -> object:
                return check_email(a, nameservers=[dns.nameserver], dns_timeout=budget)

            run_peer = _peer(address, dns.port, budget)
            for _ in range(reps):  # interleaved, so drift hits both sides alike
                dns.reset()
                _timed(run_ours, ours)
                ours.queries = dns.stats().queries
                dns.reset()
                _timed(run_peer, peer)
                peer.queries = dns.stats().queries
            silent = "silent" in case
            limit = budget + _OWN_TIME if silent else _MAX_ROUND_TRIPS * latency + _OWN_TIME
            rows.append(Row(case, statistics.median(ours.wall), statistics.median(ours.cpu),
                            statistics.median(peer.wall), ours.queries, peer.queries, limit))
    return rows


def report(rows: Sequence[Row], latency: float, repeat: int, budget: float) -> str:
    lines = [f"one address, DNS latency {latency * 1000:.0f} ms per answer, budget "
             f"{budget:.1f} s, median of {repeat} interleaved runs (silent: 1 run)",
             f"{'case':22} {'ours':>8} {'RTs':>5} {'our CPU':>8} {'peer':>8} {'RTs':>5} "
             f"{'peer/ours':>9} {'queries':>9} {'target':>8}  met"]
    for row in rows:
        rts = row.ours / latency if latency else 0.0
        peer_rts = row.peer / latency if latency else 0.0
        lines.append(
            f"{row.case:22} {row.ours:7.3f}s {rts:5.1f} {row.ours_cpu:7.3f}s {row.peer:7.3f}s "
            f"{peer_rts:5.1f} {row.ratio:8.2f}x {row.ours_queries:>4}/{row.peer_queries:<4} "
            f"{'≤' + format(row.limit, '.2f'):>7}s  {'yes' if row.met else 'NO'}")
    lines.append("RTs = wall time / latency. queries = ours/peer, counted by the DNS server. "
                 "Target: ≤ 2 round trips + 0.1 s (silent: ≤ budget + 0.1 s). The peer checks "
                 "only that an MX exists; we also resolve the MX hosts' addresses (a second round "
                 "trip) to catch dead or private MX hosts.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_one_address",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per DNS answer")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (median)")
    parser.add_argument("--budget", type=float, default=3.0, help="DNS time budget, both tools")
    args = parser.parse_args(argv)
    rows = measure(args.latency, args.repeat, args.budget)
    print(report(rows, args.latency, args.repeat, args.budget), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
