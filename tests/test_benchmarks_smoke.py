"""Every benchmark runs at tiny sizes and prints its figures; no time is ever asserted."""

from __future__ import annotations

import pytest

from benchmarks import (
    bench_batch,
    bench_mailbox,
    bench_one_address,
    bench_page,
    bench_startup,
    run_all,
)
from benchmarks.imapcount import CommandParser
from benchmarks.run_all import QUICK
from benchmarks.workload import make_workload
from tests.servers.dovecot_setup import require_dovecot

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(("module", "needles"), [
    (bench_one_address, ("implicit MX",)),
    (bench_batch, ("physical floor",)),
    (bench_startup, ("iess-diag --version",)),
    (bench_mailbox, ("IMAP commands",)),
    (bench_page, ("margin (page - CLI DNS)",)),
])
def test_benchmark_runs_at_tiny_size(module: object, needles: tuple[str, ...],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    name = module.__name__.rsplit(".", 1)[1]  # type: ignore[attr-defined]
    if module is bench_mailbox:
        require_dovecot()  # it would print "skipped" and pass; under CI=true that is a failure
    assert module.main(QUICK[name]) == 0  # type: ignore[attr-defined]
    out = capsys.readouterr().out
    assert any(needle in out for needle in needles), out


def test_run_all_help_lists_quick(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run_all.main(["--help"])
    assert done.value.code == 0 and "--quick" in capsys.readouterr().out


@pytest.mark.parametrize(("chunks", "expected"), [
    ([b"a1 CAPABILITY\r\n"], ["CAPABILITY"]),
    ([b"a2 LOGIN ana {5}\r\n", b"se\r\ncr", b" pw\r\na3 uid fetch 1 (FLAGS)\r\n"],
     ["LOGIN", "UID FETCH"]),
    ([b"a4 IDLE\r\n", b"DONE\r\n", b"a5 LOG", b"OUT\r\n"], ["IDLE", "LOGOUT"]),
    ([b"a6 APPEND INBOX {3+}\r\nabc\r\n"], ["APPEND"]),
])
def test_command_parser_counts_tagged_commands(chunks: list[bytes],
                                               expected: list[str]) -> None:
    parser = CommandParser()
    for chunk in chunks:
        parser.feed(chunk)
    assert parser.commands == expected


def test_workload_covers_every_domain_and_is_reproducible() -> None:
    workload = make_workload(50, seed=3)
    first = list(workload.addresses(500))
    assert first == list(workload.addresses(500))
    seen = {a.rpartition("@")[2] for a in first}
    assert len(seen & set(workload.domains)) >= 45  # ~1 % of rows are malformed on purpose
