"""One address, side by side with email-validator's deliverability check, at a fixed DNS latency.

Run: .venv/bin/python -m benchmarks.bench_one_address [--latency 0.1] [--repeat 5]
Both tools ask the same loopback DNS server, which delays every answer by --latency seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import dns.resolver
from email_validator import EmailNotValidError, caching_resolver, validate_email

from diag.email_check import check_email
from tests.dns_zones import STANDARD_ZONE
from tests.dnsserver import FixtureDNSServer

CASES = {
    "healthy (2 MX hosts)": "ana@hotmail.com",
    "healthy (5 MX hosts)": "ana@gmail.com",
    "implicit MX": "ana@tiendaquito.ec",
    "null MX": "ana@sinmail.com.ec",
    "NXDOMAIN": "ana@hotmial.com",
    "silent nameserver": "ana@silencioso.com.ec",
}


@dataclass(frozen=True)
class Row:
    case: str
    ours: float
    peer: float
    ours_queries: int
    peer_queries: int


def _timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _peer(address: str, server: FixtureDNSServer, budget: float) -> Callable[[], object]:
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = server.port
    resolver.lifetime = budget

    def run() -> object:
        try:
            return validate_email(address, check_deliverability=True, dns_resolver=resolver)
        except EmailNotValidError as error:
            return error

    return run


def measure(latency: float, repeat: int, budget: float) -> list[Row]:
    rows = []
    with FixtureDNSServer(STANDARD_ZONE, drop=("silencioso.com.ec",), latency=latency) as srv:
        for case, address in CASES.items():
            reps = 1 if "silent" in case else repeat

            def ours(a: str = address) -> object:
                return check_email(a, nameservers=[srv.nameserver], dns_timeout=budget)

            srv.reset_log()
            ours_time = _timed(ours, reps)
            ours_queries = len(srv.queries) // reps
            srv.reset_log()
            peer_time = _timed(_peer(address, srv, budget), reps)
            peer_queries = len(srv.queries) // reps
            rows.append(Row(case, ours_time, peer_time, ours_queries, peer_queries))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=3.0, help="DNS time budget, both tools")
    args = parser.parse_args()
    # Warm imports so neither side pays for them inside the timing.
    caching_resolver  # noqa: B018
    rows = measure(args.latency, args.repeat, args.budget)
    print(f"one address, DNS latency {args.latency * 1000:.0f} ms per answer, "
          f"budget {args.budget:.1f} s, median of {args.repeat}")
    print(f"{'case':24} {'iess-diag':>10} {'RTs':>5} {'peer':>9} {'RTs':>5} {'ratio':>6}"
          f" {'queries ours/peer':>18}")
    for row in rows:
        ratio = row.peer / row.ours if row.ours else float("inf")
        print(f"{row.case:24} {row.ours:9.3f}s {row.ours / args.latency:5.1f} "
              f"{row.peer:8.3f}s {row.peer / args.latency:5.1f} {ratio:5.1f}x "
              f"{row.ours_queries:>9}/{row.peer_queries}")


if __name__ == "__main__":
    main()
