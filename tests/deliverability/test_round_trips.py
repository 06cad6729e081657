"""One address costs at most two DNS round trips in every case, counted from the DNS server's
query log: a query asked only after an answer came back starts a new round."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from diag.deliverability.check import check_email
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

LATENCY = 0.3  # every answer waits this long, so the rounds stand far apart in the log

ZONE = """
healthy.ec. 300 IN MX 10 mx.healthy.ec.
mx.healthy.ec. 300 IN A 190.152.1.1
nx-host.ec. 300 IN MX 10 mx.nx-host.ec.
nx-host.ec. 300 IN MX 20 gone.nx-host.ec.
mx.nx-host.ec. 300 IN A 190.152.1.2
dead-host.ec. 300 IN MX 10 mx.dead-host.ec.
dead-host.ec. 300 IN MX 20 dead.dead-host.ec.
mx.dead-host.ec. 300 IN A 190.152.1.3
dead.dead-host.ec. 300 IN TXT "no address here"
v6-only.ec. 300 IN MX 10 mx.v6-only.ec.
mx.v6-only.ec. 300 IN AAAA 2800:68::1
private.ec. 300 IN MX 10 mx.private.ec.
mx.private.ec. 300 IN A 10.0.0.5
implicit.ec. 300 IN A 190.152.1.4
null.ec. 300 IN MX 0 .
"""


@pytest.fixture(scope="module")
def dns() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(ZONE, latency=LATENCY) as server:
        yield server


def _rounds(dns: FixtureDNSServer) -> int:
    times = sorted(q.t for q in dns.queries)
    return 1 + sum(1 for before, after in itertools.pairwise(times)
                   if after - before > LATENCY / 2)


@pytest.mark.parametrize(("domain", "verdict"), [
    ("healthy.ec", "ok"),
    ("nx-host.ec", "warning"),  # one MX host does not exist
    ("dead-host.ec", "warning"),  # one MX host exists but has no address (was 3 round trips)
    ("v6-only.ec", "ok"),  # A is empty, AAAA answers (was 3)
    ("private.ec", "problem"),  # a private A, so AAAA is asked too (was 3)
    ("implicit.ec", "warning"),  # A, AAAA and TXT at once after MX
    ("null.ec", "problem"),
    ("missing.ec", "problem"),
])
def test_one_address_takes_two_round_trips_at_most(dns: FixtureDNSServer, domain: str,
                                                   verdict: str) -> None:
    dns.reset_log()
    report = check_email(f"ana@{domain}", nameservers=[dns.nameserver], dns_timeout=ANSWERS)
    assert report.verdict.value == verdict, report.codes()
    assert dns.queries, "no query reached the server"
    assert _rounds(dns) <= 2, [(q.qname, q.qtype, round(q.t, 2)) for q in dns.queries]
