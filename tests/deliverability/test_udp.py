"""The first UDP attempt (diag/deliverability/udp.py) concludes exactly what dnspython's full
resolver concludes, for every name of the hostile fixture zone and every type we ask; what it
cannot decide alone (truncation, silence, a broken answer) goes to the full resolver."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from benchmarks.workload import make_workload
from diag.deliverability.lookups import DnsLookups, Lookup, make_resolver
from diag.deliverability.udp import TYPES as TYPES_CODE
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


def _ask(server: FixtureDNSServer, *, first: bool, budget: float,
         names: list[str] | None = None) -> dict[tuple[str, str], Lookup]:
    async def run() -> dict[tuple[str, str], Lookup]:
        lookups = DnsLookups(make_resolver([server.nameserver], budget), budget, limit=32)
        if not first:
            lookups._first.enabled = False  # only the full resolver
        keys = [(n, t) for n in (names or _names()) for t in TYPES]
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


ODD_ZONE = """
Mixto.EC. 300 IN MX 10 MX1.Mixto.EC.
Mixto.EC. 300 IN MX 20 mx2.mixto.ec.
Mixto.EC. 300 IN MX 5 .
MX1.Mixto.EC. 300 IN A 190.152.0.1
MX1.Mixto.EC. 300 IN AAAA ::ffff:190.152.0.1
mx2.mixto.ec. 300 IN AAAA 2001:db8:0:0:1:0:0:1
Mixto.EC. 300 IN TXT "v=spf1 -all" "segunda parte"
Mixto.EC. 300 IN TXT "comillas \\"dentro\\" y \\\\ barra"
Mixto.EC. 300 IN TXT "ñandú"
Mixto.EC. 300 IN TXT ""
raro.ec. 300 IN MX 10 mail\\032host.raro.ec.
raro.ec. 300 IN A 0.0.0.0
alias.ec. 300 IN CNAME Mixto.EC.
"""


def test_the_plain_reader_reads_what_dnspython_reads(world: FixtureDNSServer) -> None:
    """Each response's bytes, read by wire.py and by dnspython's from_wire, say the same."""
    workload = make_workload(60, seed=4)
    names = [n for n in [*_names(), *sorted(_zone_names(workload.zone))] if n not in SLOW]
    assert _compare_readers(world, names) >= 40
    with FixtureDNSServer(ODD_ZONE) as odd:
        assert _compare_readers(odd, ["mixto.ec", "mx1.mixto.ec", "mx2.mixto.ec", "raro.ec",
                                      "alias.ec"]) >= 3


def _compare_readers(server: FixtureDNSServer, names: list[str]) -> int:
    import socket

    from diag.deliverability import lookups as module
    from diag.deliverability.wire import read_plain

    host, port = server.nameserver.rsplit(":", 1)
    plain = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(1)
        for name in names:
            for rdtype in TYPES:
                question = question_wire(name, rdtype)
                if question is None:  # an IDN name: the full resolver writes it
                    continue
                sock.sendto(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + question,
                            (host, int(port)))
                try:
                    data = sock.recv(65535)
                except TimeoutError:
                    continue  # a silent name: nothing to read
                if read_plain(data, name, TYPES_CODE[rdtype]) is None:
                    continue
                plain += 1
                fast = module._decided(name, rdtype, data)
                original = module.read_plain
                module.read_plain = lambda *args: None  # type: ignore[assignment]
                try:
                    slow = module._decided(name, rdtype, data)
                finally:
                    module.read_plain = original
                assert fast == slow, (name, rdtype)
    return plain


def test_the_first_attempt_agrees_on_the_benchmark_zone() -> None:
    workload = make_workload(60, seed=4)
    names = sorted(_zone_names(workload.zone))
    with FixtureDNSServer(workload.zone) as server:
        assert _ask(server, first=True, budget=2.0, names=names) == _ask(
            server, first=False, budget=2.0, names=names)


def _zone_names(zone: str) -> set[str]:
    return {line.split()[0].rstrip(".").lower() for line in zone.splitlines()
            if line.strip() and not line.startswith((";", "$"))}


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
