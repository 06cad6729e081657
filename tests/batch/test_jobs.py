"""batch --jobs: worker processes give the same bytes as one process, ask each DNS question as
often, resume after SIGKILL, stop on Ctrl-C with what is done, and never leave a process."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diag.batch.rows import Row
from diag.batch.workers import shard_of
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

pytestmark = pytest.mark.timeout(180)

IESS_DIAG = Path(sys.executable).with_name("iess-diag")
ENV = {**os.environ, "LANG": "C.UTF-8", "IESS_DIAG_LANG": "en"}
DOMAINS = 60
ZONE = "\n".join(f"d{i}.ec. 3600 IN MX 10 mx.d{i}.ec.\nmx.d{i}.ec. 3600 IN A 190.152.0.{i + 1}"
                 for i in range(DOMAINS))
FAULTS = {"servfail": ["d3.ec/MX", "mx.d4.ec/A"], "refused": ["d5.ec/MX"],
          "drop": ["d6.ec/MX", "d6.ec/A"]}


def _mixed(path: Path, rows: int) -> list[str]:
    """Good rows on repeated domains, rows without @, ragged rows, an undecodable byte, a
    missing domain and DNS faults (servfail, refused, silence); returns the ids."""
    ids, lines = [], [b"id;nombre;correo"]
    for n in range(rows):
        ids.append(str(n))
        address = f"p{n}@d{(n * 7) % DOMAINS}.ec".encode()
        if n % 41 == 5:
            address = b"sin-arroba"
        elif n % 53 == 9:
            address = b"x@no-existe.ec"
        elif n % 67 == 3:
            address = b"\xff@d1.ec"
        extra = b";sobra" if n % 59 == 2 else b""
        lines.append(b"%d;\"=SUMA(A1) P\xc3\xa9rez; %d\";%s%s" % (n, n, address, extra))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return ids


def _server() -> FixtureDNSServer:
    return FixtureDNSServer(ZONE, **FAULTS)


def _argv(src: Path, out: Path, dns: FixtureDNSServer, jobs: int, *extra: str) -> list[str]:
    return [str(IESS_DIAG), "batch", str(src), "-o", str(out), "--jobs", str(jobs),
            "--nameserver", dns.nameserver, "--dns-timeout", str(ANSWERS), "--concurrency", "16",
            *extra]


def _session(leader: int) -> list[int]:
    """The processes still alive in the session `leader` started (its workers included)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[0] != "Z" and int(fields[3]) == leader:  # state, ppid, pgrp, session
            alive.append(int(entry))
    return alive


def _no_process_left(leader: int) -> list[int]:
    for _ in range(200):  # the kernel reaps asynchronously: look again, a bounded number of times
        if not (alive := _session(leader)):
            return []
        time.sleep(0.05)
    return alive


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_two_workers_write_the_same_bytes_and_ask_the_same_questions(tmp_path: Path,
                                                                    fmt: str) -> None:
    src = tmp_path / "mixed.csv"
    _mixed(src, 700)
    outputs, asked, summaries = {}, {}, {}
    for jobs in (1, 2):
        with _server() as dns:
            out, summary = tmp_path / f"out{jobs}.{fmt}", tmp_path / f"summary{jobs}.json"
            run = subprocess.run([*_argv(src, out, dns, jobs, "--output-format", fmt),
                                  "--summary", str(summary)], env=ENV, capture_output=True,
                                 text=True, timeout=120, check=False)
            asked[jobs] = collections.Counter((q.qname, q.qtype) for q in dns.queries)
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        outputs[jobs] = out.read_bytes()
        data = json.loads(summary.read_text())
        summaries[jobs] = {k: v for k, v in data.items()
                           if k not in ("seconds", "rows_per_second")}
    assert outputs[1] == outputs[2]
    assert summaries[1] == summaries[2]
    assert summaries[2]["checked_rows"] == 700
    assert summaries[2]["verdicts"]["inconclusive"] > 0  # the faults did hit
    assert asked[1] == asked[2]  # each domain in one worker: no question asked twice
    if fmt == "csv":
        assert outputs[2].count(b"'=SUMA(A1)") == 700  # every formula still neutralised


def test_domains_go_to_one_worker_whatever_the_case() -> None:
    rows = [Row(1, (), "Ana@D1.EC"), Row(2, (), "luis@d1.ec"), Row(3, (), "x@d1.ec.")]
    assert len({shard_of(row, 4) for row in rows}) == 1


def test_the_very_common_domains_are_spread_over_every_worker() -> None:
    rows = [Row(n, (), f"p{n}@gmail.com") for n in range(1, 9)]
    assert {shard_of(row, 4) for row in rows} == {0, 1, 2, 3}


def test_resume_after_sigkill_with_two_workers(tmp_path: Path) -> None:
    src, out = tmp_path / "mixed.csv", tmp_path / "out.jsonl"
    ids = _mixed(src, 1500)
    with FixtureDNSServer(ZONE, latency=0.02) as dns:
        argv = [*_argv(src, out, dns, 2, "--resume"), "--concurrency", "4"]
        proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        while proc.poll() is None and (not out.exists() or out.stat().st_size < 20_000):
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert _no_process_left(proc.pid) == []  # the workers died with their parent
        partial = [json.loads(line)["columns"]["id"]
                   for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
        assert partial == ids[:len(partial)]
        final = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=120,
                               check=False)
    assert final.returncode == 1, final.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["row"] for r in records] == list(range(1, len(ids) + 1))
    assert [r["columns"]["id"] for r in records] == ids
    assert 0 < len(partial) < len(ids)


def test_ctrl_c_with_two_workers_keeps_what_is_done_and_leaves_no_process(
        tmp_path: Path) -> None:
    src, out = tmp_path / "mixed.csv", tmp_path / "out.jsonl"
    ids = _mixed(src, 1500)
    with FixtureDNSServer(ZONE, latency=0.05) as dns:
        argv = [*_argv(src, out, dns, 2), "--concurrency", "2"]
        proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        while proc.poll() is None and (not out.exists() or out.stat().st_size < 5_000):
            time.sleep(0.02)
        workers = [pid for pid in _session(proc.pid) if pid != proc.pid]
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
        _, errors = proc.communicate(timeout=60)
    assert proc.returncode == 130, errors
    assert "Traceback" not in errors
    assert "--resume" in errors
    assert len(workers) == 2
    assert _no_process_left(proc.pid) == []
    done = [json.loads(line)["columns"]["id"] for line in out.read_text().splitlines()]
    assert 0 < len(done) < len(ids)
    assert done == ids[:len(done)]


def test_a_bad_nameserver_is_a_usage_error_with_workers_too(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_text("".join(f"p{n}@d1.ec\n" for n in range(300)), encoding="utf-8")
    run = subprocess.run([str(IESS_DIAG), "batch", str(src), "--jobs", "2", "--nameserver",
                          "127.0.0.1:nope"], env=ENV, capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 2, run.stderr  # checked before any worker starts, not exit 70
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
