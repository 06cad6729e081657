"""Reads tests/truth/batch_rows.py: each file through a real batch run on the loopback DNS."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from diag.batch.run import Batch
from diag.batch.settings import Settings
from diag.batch.summary import Summary
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth.batch_rows import ROWS, Row


def outcomes(record: dict[str, Any]) -> set[str]:
    """The verdict, every code, and every code:status of an output record."""
    findings = record["findings"]
    return ({record["verdict"]} | {f["code"] for f in findings}
            | {f"{f['code']}:{f['status']}" for f in findings})


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_row(dns_server: FixtureDNSServer, row: Row) -> None:
    settings = Settings(nameservers=(dns_server.nameserver,), dns_timeout=ANSWERS)
    batch = Batch.open(io.StringIO(row.content, newline=""), settings)
    sink = io.StringIO()
    summary = batch.run(sink, Summary())
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [r["row"] for r in records] == list(range(1, row.records + 1)), row.why
    assert summary.rows == row.records
    for number, expected in row.must.items():
        got = outcomes(records[number - 1])
        assert expected in got, (row.why, number, sorted(got))
    for record in records:
        got = outcomes(record)
        assert not set(row.never) & got, (row.why, record["row"], sorted(got))
