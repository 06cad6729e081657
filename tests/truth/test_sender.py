"""Reads the check-sender truth table (tests/truth/sender.py) against the loopback DNS world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from diag.findings import Report
from diag.sender.check import check_sender
from tests.fixtures.sender_zones import SENDER_FAULTS, SENDER_ZONE, SENDERS
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth.sender import ROWS


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as server:
        yield server


# Rows that wait out a name that never answers: a short budget, since it is all spent, and
# their must/never hold whatever else times out; every other row gets answers, and ANSWERS.
SILENT = {"silent_list", "spf_timeout", "dmarc_timeout"}


def verdicts(report: Report) -> set[str]:
    found = {f"verdict:{report.verdict.value}"}
    for finding in report.findings:
        found |= {finding.code, f"{finding.code}:{finding.status.value}"}
    return found


@pytest.mark.parametrize(("slug", "options", "must", "never", "why"), ROWS,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_truth(world: FixtureDNSServer, slug: str, options: dict[str, Any], must: set[str],
               never: set[str], why: str) -> None:
    report = check_sender(SENDERS[slug], nameservers=[world.nameserver],
                          dns_timeout=1.0 if slug in SILENT else ANSWERS, **options)
    seen = verdicts(report)
    assert must <= seen, (why, sorted(must - seen), report.codes())
    assert not never & seen, (why, sorted(never & seen))
