"""SPF through checkdmarc: states, limits, authorised addresses, and DNS only to our server."""

from __future__ import annotations

import time

import pytest

from diag.sender.spf import SpfState, evaluate_spf
from tests.fixtures.sender_zones import HEALTHY_IPS, SENDERS
from tests.servers.dnsserver import FixtureDNSServer


def spf(world: FixtureDNSServer, slug: str, budget: float = 2.0):  # type: ignore[no-untyped-def]
    return evaluate_spf(SENDERS[slug], [world.nameserver], time.monotonic() + budget)


@pytest.mark.parametrize(("slug", "state", "reason"), [
    ("healthy", SpfState.OK, ""),
    ("eleven_lookups", SpfState.PERMERROR, "too_many_lookups"),
    ("void_lookups", SpfState.PERMERROR, "too_many_void"),
    ("include_loop", SpfState.PERMERROR, "include_loop"),
    ("plus_all", SpfState.OK, ""),
    ("no_spf", SpfState.MISSING, ""),
    ("spf_timeout", SpfState.UNKNOWN, ""),
])
def test_states(world: FixtureDNSServer, slug: str, state: SpfState, reason: str) -> None:
    result = spf(world, slug)
    assert (result.state, result.reason) == (state, reason)


def test_healthy_chain_is_expanded(world: FixtureDNSServer) -> None:
    result = spf(world, "healthy")
    assert result.all_qualifier == "fail"
    assert set(result.addresses) == {HEALTHY_IPS[1], HEALTHY_IPS[2]}  # ip4 + the include's ip4
    assert result.ranges == ("186.46.193.0/28",)
    assert result.hosts == ("mail.iess.gob.ec",)  # resolved by check_sender, not checkdmarc
    assert result.dns_lookups == 2


def test_all_qualifiers(world: FixtureDNSServer) -> None:
    assert spf(world, "plus_all").all_qualifier == "pass"
    assert spf(world, "neutral_all").all_qualifier == "neutral"


def test_eleven_lookups_counts_them(world: FixtureDNSServer) -> None:
    assert spf(world, "eleven_lookups").dns_lookups == 11


def test_only_our_server_is_asked_and_the_timeout_is_named(world: FixtureDNSServer) -> None:
    world.reset_log()
    result = spf(world, "spf_timeout", budget=0.5)
    assert result.state is SpfState.UNKNOWN and result.dns_failures
    assert world.count("mudo.spflento.ec") >= 1  # the silent include was asked, here


def test_an_unreachable_resolver_is_unknown_never_missing() -> None:
    # Port 9 on loopback: nothing listens, every query fails.
    result = evaluate_spf("iess.gob.ec", ["127.0.0.1:9"], time.monotonic() + 0.5)
    assert result.state is SpfState.UNKNOWN
