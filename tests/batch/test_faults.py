"""batch under faults: killed with SIGKILL again and again and resumed, every row ends up exactly
once and in order; against a DNS server that drops 20 % and SERVFAILs 10 % of queries, the run
finishes, retries stay bounded and a fault never turns a row into a problem."""

from __future__ import annotations

import collections
import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

pytestmark = pytest.mark.timeout(180)

IESS_DIAG = Path(sys.executable).with_name("iess-diag")
DOMAINS = 300
ENV = {**os.environ, "LANG": "C.UTF-8"}


def _zone(count: int) -> str:
    lines = []
    for i in range(count):
        lines.append(f"d{i}.ec. 3600 IN MX 10 mx.d{i}.ec.")
        lines.append(f"mx.d{i}.ec. 3600 IN A 190.152.{i // 250}.{i % 250 + 1}")
    return "\n".join(lines)


ZONE = _zone(DOMAINS)


def _export(path: Path, rows: int, seed: int) -> list[str]:
    """An export of good addresses plus every 50th row without an @; returns the ids."""
    rng = random.Random(seed)
    ids, lines = [], ["id;nombre;correo"]
    for n in range(rows):
        address = "sin-arroba" if n % 50 == 7 else f"p{n}@d{rng.randrange(DOMAINS)}.ec"
        ids.append(f"{seed}-{n}")
        lines.append(f'{ids[-1]};"Pérez; Ana {n}";{address}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _ids(out: Path, fmt: str) -> list[str]:
    """The ids of the complete records in `out`, checking row numbers run 1, 2, 3 ..."""
    if not out.exists():
        return []
    text = out.read_bytes().decode("utf-8", "replace")
    if fmt == "jsonl":
        records = []
        for line in text.split("\n")[:-1]:  # the last piece may be a record cut short
            records.append(json.loads(line))
        assert [r["row"] for r in records] == list(range(1, len(records) + 1))
        return [str(r["columns"]["id"]) for r in records]
    complete = text[:text.rfind("\n") + 1]
    table = list(csv.reader(io.StringIO(complete), delimiter=";"))
    body = table[1:]
    assert [row[3] for row in body] == [str(n) for n in range(1, len(body) + 1)]
    return [row[0] for row in body]


@pytest.fixture(scope="module")
def dns() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(ZONE, latency=0.005) as server:
        yield server


def _batch(src: Path, out: Path, dns: FixtureDNSServer, fmt: str, *extra: str) -> list[str]:
    return [str(IESS_DIAG), "batch", str(src), "-o", str(out), "--resume", "--output-format",
            fmt, "--concurrency", "8", "--nameserver", dns.nameserver,
            "--dns-timeout", str(ANSWERS), *extra]


KILLS = 30


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_sigkill_at_random_points_then_resume(dns: FixtureDNSServer, tmp_path: Path,
                                              fmt: str) -> None:
    """Up to 30 SIGKILLs at random moments (start-up and header included): after each one the
    complete records are a prefix of the input; the last run completes it, each row once."""
    src, out = tmp_path / "export.csv", tmp_path / f"out.{fmt}"
    ids = _export(src, 1200, seed=len(fmt))
    rng = random.Random(f"kill-{fmt}")
    kills = finished_early = 0
    while kills < KILLS:  # a count, not a time budget: a loaded machine gets as many kills
        proc = subprocess.Popen(_batch(src, out, dns, fmt), env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        if proc.poll() is not None:
            finished_early += 1
            break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        done = _ids(out, fmt)
        assert done == ids[:len(done)], f"after kill {kills}"
    final = subprocess.run(_batch(src, out, dns, fmt), env=ENV, capture_output=True, text=True,
                           timeout=120, check=False)
    assert final.returncode == 1, final.stderr  # the rows without @
    assert "Traceback" not in final.stderr
    done = _ids(out, fmt)
    assert done == ids
    assert len(set(done)) == len(ids)
    assert kills == KILLS or finished_early, kills
    print(f"\n{fmt}: {kills} SIGKILLs, then resumed to {len(done)} rows, each once")


def _verdicts(out: Path) -> dict[str, str]:
    return {str(r["columns"]["id"]): r["verdict"]
            for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_load_with_dropped_and_failed_answers(tmp_path: Path) -> None:
    """2,000 rows against drop_rate=0.2 and servfail_rate=0.1: it finishes, no row is a
    problem because of DNS, the hit rows are inconclusive, and queries per name stay bounded."""
    src = tmp_path / "export.csv"
    ids = _export(src, 2000, seed=7)
    bad_rows = {ids[n] for n in range(len(ids)) if n % 50 == 7}
    with FixtureDNSServer(ZONE) as healthy:
        clean = tmp_path / "clean.jsonl"
        run = subprocess.run(_batch(src, clean, healthy, "jsonl"), env=ENV,
                             capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 1, run.stderr
        baseline = _verdicts(clean)
    assert {k for k, v in baseline.items() if v == "problem"} == bad_rows
    with FixtureDNSServer(ZONE, drop_rate=0.2, servfail_rate=0.1, seed=11) as flaky:
        out, summary = tmp_path / "flaky.jsonl", tmp_path / "summary.json"
        started = time.monotonic()
        # A short budget here: every assertion on this run holds whatever a timeout hits.
        run = subprocess.run([*_batch(src, out, flaky, "jsonl", "--concurrency", "64",
                                      "--dns-timeout", "2"),
                              "--summary", str(summary)], env=ENV, capture_output=True,
                             text=True, timeout=150, check=False)
        wall = time.monotonic() - started
        per_name = collections.Counter((q.qname, q.qtype) for q in flaky.queries)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    verdicts = _verdicts(out)
    assert list(verdicts) == ids
    counts = collections.Counter(verdicts.values())
    assert {k for k, v in verdicts.items() if v == "problem"} == bad_rows  # never a DNS fault
    changed = {k for k in ids if verdicts[k] != baseline[k]}
    assert all(verdicts[k] == "inconclusive" for k in changed)
    assert counts["inconclusive"] > 0  # the faults did hit
    assert max(per_name.values()) <= 12, per_name.most_common(3)
    print(f"\nload: {len(ids)} rows in {wall:.1f}s, verdicts {dict(counts)}, "
          f"{sum(per_name.values())} queries for {len(per_name)} (name, type), "
          f"max {max(per_name.values())} per name")


@pytest.mark.parametrize("command", ["check-email", "batch"])
def test_a_lost_datagram_is_asked_again_within_the_budget(command: str) -> None:
    """lookups.make_resolver retries after half the --dns-timeout: batch must give it its
    budget too, or one lost UDP packet makes the row inconclusive."""
    with FixtureDNSServer(ZONE, drop=["d1.ec/MX"]) as dns:
        # Long enough that the retry (at half the budget, +0.1 s back-off) always goes out.
        args = ["--nameserver", dns.nameserver, "--dns-timeout", "3"]
        argv = [str(IESS_DIAG), "check-email", "ana@d1.ec", *args] if command == "check-email" \
            else [str(IESS_DIAG), "batch", "-", *args]
        subprocess.run(argv, input="ana@d1.ec\n", env=ENV, capture_output=True, text=True,
                       timeout=60, check=False)
        asked = dns.count("d1.ec", "MX")
    assert asked == 2, f"{command} asked {asked} time(s)"
