"""The first UDP attempt (diag/deliverability/udp.py) concludes exactly what dnspython's full
resolver concludes, for every name of the hostile fixture zone and every type we ask; what it
cannot decide alone (truncation, silence, a broken answer) goes to the full resolver."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from diag.deliverability.lookups import DnsLookups, Lookup, make_resolver
from diag.deliverability.udp import FirstAttempt, question_wire
from tests.fixtures.zones import CASES, STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer

pytestmark = pytest.mark.timeout(120)

TYPES = ("MX", "A", "AAAA", "TXT")
SLOW = {"lento.com.ec", "silencioso.com.ec", "mail.mxhostlento.com.ec"}  # cut by the budget


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as server:
        yield server


def _names() -> list[str]:
    names = set(CASES.values()) | {"mail.mxhostlento.com.ec", "gmail-smtp-in.l.google.com"}
    return sorted(names)


def _ask(server: FixtureDNSServer, *, first: bool, budget: float) -> dict[tuple[str, str],
                                                                          Lookup]:
    async def run() -> dict[tuple[str, str], Lookup]:
        lookups = DnsLookups(make_resolver([server.nameserver], budget), budget, limit=32)
        if not first:
            lookups._first.enabled = False  # only the full resolver
        keys = [(n, t) for n in _names() for t in TYPES]
        found = await asyncio.gather(*(lookups.lookup(n, t, lookups.deadline()) for n, t in keys))
        lookups.close()
        return dict(zip(keys, found, strict=True))

    return asyncio.run(run())


def test_the_first_attempt_concludes_what_the_full_resolver_concludes(
        world: FixtureDNSServer) -> None:
    fast = _ask(world, first=True, budget=1.0)
    full = _ask(world, first=False, budget=1.0)
    differ = {key: (fast[key], full[key]) for key in fast if fast[key] != full[key]}
    assert differ == {}
    assert fast[("truncado.com.ec", "MX")].records  # answered over TCP after the UDP TC bit
    outcomes = {lookup.outcome.value for lookup in fast.values()}
    assert outcomes == {"answer", "nodata", "nxdomain", "failed"}
    assert {lookup.failure for lookup in fast.values()} >= {"servfail", "refused", "timeout"}
    assert all(fast[(name, "MX")].failure == "timeout" for name in SLOW & set(_names()))


@pytest.mark.parametrize("name", ["a..b.ec", "x" * 64 + ".ec", "a\\.b.ec", "ñandú.ec",
                                  "a." * 127 + "ec"])
def test_a_name_only_the_full_resolver_can_write_is_left_to_it(name: str) -> None:
    assert question_wire(name, "MX") is None


def test_a_rare_type_is_left_to_the_full_resolver() -> None:
    assert question_wire("iess.gob.ec", "CAA") is None
    assert question_wire("iess.gob.ec", "MX") == b"\x04iess\x03gob\x02ec\x00\x00\x0f\x00\x01"


def test_several_servers_are_left_to_the_full_resolver(world: FixtureDNSServer) -> None:
    assert FirstAttempt(make_resolver([world.nameserver])).enabled
    assert not FirstAttempt(make_resolver([world.nameserver, world.nameserver])).enabled
