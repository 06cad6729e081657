"""Why a case through the page costs about the CLI's DNS time: the sender's check runs beside the
address's check (not after it), and `serve` fills its cache at start-up, before any case.
Causes are asserted from the DNS server's log, never seconds (benchmarks/bench_page.py times)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from diag.web.security import Secrets
from tests.fixtures.zones import STANDARD_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.web.conftest import csrf_of, make_client, start_serve

SENDER = "iess.gob.ec"


@pytest.fixture
def slow_dns() -> Iterator[FixtureDNSServer]:
    """Every answer 50 ms late, so the order of the queries shows what waited for what."""
    with FixtureDNSServer(STANDARD_ZONE, latency=0.05) as server:
        yield server


def _is_sender(name: str) -> bool:
    return name == SENDER or name.endswith("." + SENDER)


def test_the_sender_check_runs_beside_the_address_check(slow_dns: FixtureDNSServer,
                                                        dns_server: FixtureDNSServer) -> None:
    # A first case elsewhere imports what a case needs, as `serve` does at start-up.
    other = make_client(Secrets(), dns_server.nameserver)
    other.post("/case", data={"csrf": csrf_of(other.get("/").text), "addresses": "a@gmail.com"})
    client = make_client(Secrets(), slow_dns.nameserver)
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, "addresses": "ana@hotmail.com"})
    assert answer.status_code == 200 and "Remitente" in answer.text
    log = slow_dns.queries
    address = [q.t for q in log if q.qname.endswith("hotmail.com") or "outlook" in q.qname]
    sender = [q.t for q in log if _is_sender(q.qname)]
    assert address and sender
    # The sender's first question went out while the address's were still being answered.
    assert min(sender) < max(address)
    # More cases, more addresses: still the one sender's check (kept a few minutes).
    answer = client.post("/case", data={"csrf": csrf,
                                        "addresses": "luis@hotmail.com\nrosa@gmail.com"})
    assert answer.status_code == 200
    dmarc = [q for q in slow_dns.queries if q.qname == f"_dmarc.{SENDER}"]
    assert len(dmarc) == 1, dmarc


def test_serve_checks_the_sender_at_start_up(dns_server: FixtureDNSServer) -> None:
    served = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS))
    try:  # no page is asked for: the questions can only be the start-up's own
        deadline = time.monotonic() + 30  # a bound on a loaded machine, not a measure
        while not any(_is_sender(q.qname) for q in dns_server.queries):
            assert time.monotonic() < deadline, "no sender check at start-up"
            time.sleep(0.05)
    finally:
        served.stop()


def test_no_sender_check_at_start_up_when_left_out(dns_server: FixtureDNSServer) -> None:
    served = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS),
                         "--no-sender-check")
    try:
        import urllib.request

        # The page answers (so the start-up is over) and still nothing was asked.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.base + "/", timeout=30)
        assert refused.value.code == 403
    finally:
        served.stop()
    assert dns_server.queries == []
