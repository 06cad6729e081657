"""Reads tests/truth/deliverable.py: each row against the loopback DNS server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from diag.deliverability.check import check_email
from diag.findings import Report
from tests.fixtures.zones import FILTERING_ZONE, STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth.deliverable import ROWS, Row

_ZONES = {"standard": STANDARD_ZONE, "filtering": FILTERING_ZONE}


@pytest.fixture(scope="module")
def worlds() -> Iterator[dict[str, FixtureDNSServer]]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as standard, \
            FixtureDNSServer(FILTERING_ZONE) as filtering:
        yield {"standard": standard, "filtering": filtering}


def outcomes(report: Report) -> set[str]:
    """The verdict, every code, and every code:status of a report."""
    return ({report.verdict.value} | {f.code for f in report.findings}
            | {f"{f.code}:{f.status.value}" for f in report.findings})


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.world}:{r.input[:30]}" for r in ROWS])
def test_row(worlds: dict[str, FixtureDNSServer], row: Row) -> None:
    assert row.world in _ZONES
    report = check_email(row.input, nameservers=[worlds[row.world].nameserver], dns_timeout=ANSWERS)
    got = outcomes(report)
    assert set(row.must) <= got, (row.why, sorted(got))
    assert not set(row.never) & got, (row.why, sorted(got))
