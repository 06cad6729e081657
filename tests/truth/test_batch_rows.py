"""Reads tests/truth/batch_rows.py: each file through a real batch run on the loopback DNS."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from diag.batch.run import Batch
from diag.batch.settings import Settings
from diag.batch.summary import Summary
from tests.fixtures.cli import invoke
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth.batch_rows import ROWS, Row


def outcomes(record: dict[str, Any]) -> set[str]:
    """The verdict, every code, and every code:status of an output record."""
    findings = record["findings"]
    return ({record["verdict"]} | {f["code"] for f in findings}
            | {f"{f['code']}:{f['status']}" for f in findings})


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_row(dns_server: FixtureDNSServer, row: Row, tmp_path: Path) -> None:
    if isinstance(row.content, bytes):  # a file's bytes: through the command, as a user runs it
        path = tmp_path / "export.csv"
        path.write_bytes(row.content)
        result = invoke(["batch", str(path), "--nameserver", dns_server.nameserver,
                         "--dns-timeout", str(ANSWERS), "--jobs", "1"])
        assert result.code in (0, 1, 3), (row.why, result.stderr)
        out = result.stdout
    else:
        settings = Settings(nameservers=(dns_server.nameserver,), dns_timeout=ANSWERS)
        batch = Batch.open(io.StringIO(row.content, newline=""), settings)
        sink = io.StringIO()
        assert batch.run(sink, Summary()).rows == row.records
        out = sink.getvalue()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["row"] for r in records] == list(range(1, row.records + 1)), row.why
    for number, expected in row.must.items():
        got = outcomes(records[number - 1])
        assert expected in got, (row.why, number, sorted(got))
    for record in records:
        got = outcomes(record)
        assert not set(row.never) & got, (row.why, record["row"], sorted(got))
