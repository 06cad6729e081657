"""Reads the truth table tests/truth/sending_ip.py: never a forged hop, never a false listing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial

import pytest

from diag.findings import Report
from diag.message.analysis import analyze_message, message_report
from diag.sender.check import check_sending_ip
from tests.fixtures.sender_zones import SENDER_FAULTS, SENDER_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth.sending_ip import HOP_ROWS, LISTING_ROWS


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as server:
        yield server


def hop_outcomes(raw: bytes) -> set[str]:
    hop = analyze_message(raw).sending
    return {hop.state.value, *([f"ip:{hop.address}"] if hop.found else [])}


def listing_outcomes(report: Report) -> set[str]:
    found = set(report.codes())
    for finding in report.findings:
        lists = finding.details.get("lists") or [finding.details.get("blocklist")]
        kind = finding.code.removeprefix("blocklist.")
        found |= {f"{kind}:{name}" for name in lists if name}
    return found


@pytest.mark.parametrize(("name", "raw", "must", "never", "why"), HOP_ROWS,
                         ids=[row[0] for row in HOP_ROWS])
def test_sending_hop_truth(name: str, raw: bytes, must: frozenset[str], never: frozenset[str],
                           why: str) -> None:
    outcomes = hop_outcomes(raw)
    assert not outcomes & never, why
    assert must <= outcomes, why


@pytest.mark.parametrize(("name", "raw", "must", "never", "why"), LISTING_ROWS,
                         ids=[row[0] for row in LISTING_ROWS])
def test_listing_truth(world: FixtureDNSServer, name: str, raw: bytes, must: frozenset[str],
                       never: frozenset[str], why: str) -> None:
    # "silent barracuda" waits out a list that never answers, and holds whatever times out.
    budget = 1.0 if name == "silent barracuda" else ANSWERS
    check = partial(check_sending_ip, nameservers=[world.nameserver], dns_timeout=budget)
    report = message_report(raw, name, now=datetime(2026, 12, 1, 6, 5, tzinfo=UTC),
                            blocklists=check)
    outcomes = listing_outcomes(report)
    assert not outcomes & never, why
    assert must <= outcomes, why
