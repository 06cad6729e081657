"""Mailbox: find-reset-mail on a folder of 100,000 messages against one of 100 (same Dovecot).

Run: .venv/bin/python -m benchmarks.bench_mailbox [--big 100000] [--small 100] [--repeat 5]
A private Dovecot (tests/servers/dovecot.py, needs root) holds two users whose INBOX has --small and
--big messages: old filler mail (arrived before --since) plus one genuine IESS recovery mail.
Indexes are warmed (doveadm, then one untimed run each); then the runs alternate small/big and
the figures are medians. The command runs as a subprocess through a counting TCP proxy
(benchmarks/imapcount.py), which logs every tagged IMAP command it sends.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.imapcount import CountingProxy

if TYPE_CHECKING:
    from tests.servers.dovecot_setup import Delivery

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Clave-Bench-2024"
TARGET = 3.0
_CHUNK = 10_000
# What a run cannot do without: log in, LIST (with STATUS, so empty folders need no EXAMINE),
# GETQUOTAROOT (a full mailbox is a finding), EXAMINE, SEARCH and one FETCH of the match. The
# CAPABILITY that imaplib sends on connect and the courtesy LOGOUT come on top.
MINIMUM = ("AUTHENTICATE", "LIST", "GETQUOTAROOT", "EXAMINE", "UID SEARCH", "UID FETCH")


def _address(size: int) -> str:
    return f"buzon{size}@andinanet.net"


def _deliveries(to: str, count: int, now: datetime) -> Iterator[Delivery]:
    """`count - 1` old filler mails (30 days to ~5 years ago) and the IESS mail, arrived now."""
    from tests.fixtures import messages as mf
    from tests.servers.dovecot_setup import Delivery

    done = 0
    while done < count - 1:
        chunk = min(_CHUNK, count - 1 - done)
        start = now - timedelta(days=30, minutes=done)
        for i, raw in enumerate(mf.filler_mails(to, chunk, start=start)):
            yield Delivery(raw, start - timedelta(minutes=chunk - i))
        done += chunk
    yield Delivery(mf.iess_reset_mail(to), now)


def _run(address: str, port: int) -> tuple[float, int]:
    argv = [sys.executable, "-m", "diag", "find-reset-mail", address, "--imap-host",
            "127.0.0.1", "--imap-port", str(port), "--allow-plaintext", "--timeout", "120",
            "--format", "json"]
    env = {**os.environ, "IESS_DIAG_IMAP_PASSWORD": PASSWORD, "IESS_DIAG_LANG": "en",
           "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
    spent = time.perf_counter() - started
    if done.returncode not in (0, 1, 3):
        raise RuntimeError(f"find-reset-mail failed ({done.returncode}): "
                           f"{done.stderr.decode()[-2000:]}")
    return spent, done.returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_mailbox",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--big", type=int, default=100_000, help="messages in the big folder")
    parser.add_argument("--small", type=int, default=100, help="messages in the baseline folder")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per folder (median)")
    args = parser.parse_args(argv)

    from tests.servers.dovecot import PrivateDovecot
    from tests.servers.dovecot_setup import dovecot_unavailable_reason

    reason = dovecot_unavailable_reason()
    if reason is not None:
        print(f"mailbox benchmark skipped: {reason}")
        return 0
    sizes = (args.small, args.big)
    server = PrivateDovecot(users=(), tokens={}, allow_plaintext_auth=True)
    for size in sizes:
        server.add_user(_address(size), PASSWORD)
    with server:
        now = datetime.now(UTC)
        for size in sizes:
            started = time.perf_counter()
            server.deliver_many(_address(size), "INBOX", _deliveries(_address(size), size, now))
            status = server.doveadm("mailbox", "status", "-u", _address(size), "messages",
                                    "INBOX").strip()  # also warms the index
            spent = time.perf_counter() - started
            print(f"  INBOX of {_address(size)}: {status} (filled and indexed in {spent:.1f} s)",
                  flush=True)
        with CountingProxy((server.host, server.imap_port)) as proxy:
            times: dict[int, list[float]] = {size: [] for size in sizes}
            commands: dict[int, list[str]] = {}
            codes: dict[int, int] = {}
            for size in sizes:  # warm-up: Dovecot caches the headers the search needs
                _run(_address(size), proxy.port)
            for _ in range(args.repeat):
                for size in sizes:
                    proxy.reset()
                    spent, codes[size] = _run(_address(size), proxy.port)
                    times[size].append(spent)
                    commands[size] = proxy.commands
    small, big = (statistics.median(times[s]) for s in sizes)
    ratio = big / small
    print(f"find-reset-mail, median of {args.repeat} interleaved runs (whole process, "
          f"interpreter start-up included), Dovecot index warm")
    for size in sizes:
        listed = " ".join(commands[size])
        print(f"  {size:>9,} messages: {statistics.median(times[size]):6.3f} s, exit "
              f"{codes[size]}, {len(commands[size])} IMAP commands: {listed}")
    print(f"  big/small: {ratio:.2f}x (target ≤ {TARGET:.0f}x: "
          f"{'met' if ratio <= TARGET else 'NOT met'})")
    print(f"  minimum the protocol needs: {len(MINIMUM)} ({' '.join(MINIMUM)}); plus CAPABILITY "
          f"(sent by imaplib on connect) and LOGOUT (a courtesy) = {len(MINIMUM) + 2}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
