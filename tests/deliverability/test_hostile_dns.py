"""check-email and batch against a hostile or broken DNS server (tests/servers/dnsserver.py):
a DNS fault is `dns.inconclusive` (exit 3), never a problem; bad data gets its right finding;
a late or missing reply is cut by our budget (reason "timeout")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fixtures.cli import invoke
from tests.fixtures.zones import CASES, STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import ANSWERS, SLOWER_THAN_ANY_BUDGET, FaultSpec, FixtureDNSServer

pytestmark = pytest.mark.timeout(120)

DNS_TIMEOUT = 1.0  # --dns-timeout: the total DNS budget of one address


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as server:
        yield server


@pytest.fixture(scope="module")
def all_faults() -> Iterator[FixtureDNSServer]:
    """The same world with "slow" later than any budget: a run with every fault at once gives
    ANSWERS (its healthy rows must get theirs on a loaded machine) and still sees it time out."""
    faults: FaultSpec = {**STANDARD_FAULTS, "delay": {CASES["slow"]: SLOWER_THAN_ANY_BUDGET}}
    with FixtureDNSServer(STANDARD_ZONE, **faults) as server:
        yield server


# slug in tests/dns_zones.CASES -> (expected verdict, a finding code that must be there)
EXPECTED: dict[str, tuple[str, str]] = {
    # Transport faults: could not tell.
    "servfail": ("inconclusive", "dns.inconclusive"),
    "refused": ("inconclusive", "dns.inconclusive"),
    "timeout": ("inconclusive", "dns.inconclusive"),
    "slow": ("inconclusive", "dns.inconclusive"),  # 1.5 s answers, 1.0 s budget
    "mx_servfail_a_ok": ("inconclusive", "dns.inconclusive"),  # no guessing an implicit MX
    "mx_host_timeout": ("inconclusive", "dns.inconclusive"),
    # Hostile answers.
    "wrong_name": ("inconclusive", "dns.inconclusive"),  # records for gmail.com: not proof
    "cname_loop": ("inconclusive", "dns.inconclusive"),  # the server SERVFAILs the loop
    "truncated": ("ok", "domain.accepts_mail"),  # TC over UDP, retried over TCP
    "huge_txt": ("ok", "domain.accepts_mail"),  # 40 kB TXT: over TCP, and not needed anyway
    "mx_ip_literal": ("problem", "mx.unresolvable"),  # "200.107.10.25." is a name: NXDOMAIN
}


# The faults that only our DNS budget can end (a reply too late, or none): "timeout".
ENDED_BY_BUDGET = {"timeout", "slow", "mx_host_timeout"}


def _reasons(report: dict[str, Any]) -> set[str]:
    """The reasons of every DNS failure the report names."""
    return {failure["reason"] for f in report["findings"] if f["code"] == "dns.inconclusive"
            for failure in f["details"]["failures"]}


def _check_email(server: FixtureDNSServer, *addresses: str, timeout: float = DNS_TIMEOUT
                 ) -> tuple[int, list[dict[str, Any]], str]:
    out = invoke(["check-email", *addresses, "--nameserver", server.nameserver,
                  "--dns-timeout", str(timeout), "-f", "json"])
    # One JSON document per address, one per line.
    reports = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return out.code, reports, out.stderr


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_check_email_against_hostile_dns(world: FixtureDNSServer, slug: str) -> None:
    verdict, code = EXPECTED[slug]
    # Only the budget can end these (it is spent in full); every other slug gets its answers.
    budget = DNS_TIMEOUT if slug in ENDED_BY_BUDGET else ANSWERS
    exit_code, reports, stderr = _check_email(world, f"ana@{CASES[slug]}", timeout=budget)
    assert "Traceback" not in stderr and stderr == ""
    (report,) = reports
    codes = [f["code"] for f in report["findings"]]  # type: ignore[attr-defined]
    assert report["verdict"] == verdict, codes
    assert code in codes
    if slug in ENDED_BY_BUDGET:  # our budget ended it, whatever the machine's speed
        assert _reasons(report) == {"timeout"}, report
    assert exit_code == {"ok": 0, "warning": 0, "problem": 1, "inconclusive": 3}[verdict]


def test_answer_just_after_the_deadline(world: FixtureDNSServer) -> None:
    """A server whose every answer lands just after the budget: inconclusive, within budget."""
    with FixtureDNSServer(STANDARD_ZONE, latency=DNS_TIMEOUT + 0.05) as late:
        exit_code, reports, _stderr = _check_email(late, "ana@hotmail.com", "jose@andinanet.net")
    assert exit_code == 3
    assert all(r["verdict"] == "inconclusive" for r in reports)
    assert all(_reasons(r) == {"timeout"} for r in reports), reports


def test_answer_just_before_the_deadline(world: FixtureDNSServer) -> None:
    """The same latency with a budget that leaves room for the whole chain: a clear answer."""
    with FixtureDNSServer(STANDARD_ZONE, latency=0.3) as slow:
        exit_code, reports, _stderr = _check_email(slow, "ana@hotmail.com", timeout=ANSWERS)
    assert exit_code == 0 and reports[0]["verdict"] in ("ok", "warning")


def test_every_fault_at_once_in_one_run(all_faults: FixtureDNSServer) -> None:
    """All hostile domains in one command: concurrent checks do not disturb each other."""
    slugs = list(EXPECTED)
    exit_code, reports, stderr = _check_email(all_faults, *(f"x@{CASES[s]}" for s in slugs),
                                              timeout=ANSWERS)
    assert stderr == ""
    assert exit_code == 1  # mx_ip_literal is a real problem
    for slug, report in zip(slugs, reports, strict=True):
        assert report["verdict"] == EXPECTED[slug][0], slug


def test_batch_against_hostile_dns(all_faults: FixtureDNSServer, tmp_path: object) -> None:
    slugs = list(EXPECTED)
    rows = "email,nombre\n" + "".join(f"u{i}@{CASES[s]},Fila {i}\n" for i, s in enumerate(slugs))
    out = invoke(["batch", "-", "--nameserver", all_faults.nameserver, "--dns-timeout",
                  str(ANSWERS)], stdin=rows)
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert len(records) == len(slugs)
    for slug, record in zip(slugs, records, strict=True):
        assert record["verdict"] == EXPECTED[slug][0], (slug, record)
    assert out.code == 1
    assert "Traceback" not in out.stderr
