"""Tests of the loopback fixture DNS server itself (tests/servers/dnsserver.py, its zones in
tests/fixtures/zones.py)."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import threading
import time
from collections.abc import Iterator

import dns.asyncresolver
import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdatatype
import dns.resolver
import pytest

from tests.fixtures.zones import CASES, IDN_DOMAIN_ASCII, STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer

pytestmark = pytest.mark.timeout(30)

SMALL_ZONE = """
a.example.com. 300 IN MX 10 mx.a.example.com.
mx.a.example.com. IN A 52.1.2.3
alias.example.com. IN CNAME mx.a.example.com.
deep.x.example.com. IN A 52.1.2.4
"""


def make_resolver(srv: FixtureDNSServer, lifetime: float = 2.0) -> dns.resolver.Resolver:
    res = dns.resolver.Resolver(configure=False)
    res.nameservers = ["127.0.0.1"]
    res.port = srv.port
    res.lifetime = lifetime
    return res


def make_async_resolver(srv: FixtureDNSServer, lifetime: float = 2.0) -> dns.asyncresolver.Resolver:
    res = dns.asyncresolver.Resolver(configure=False)
    res.nameservers = ["127.0.0.1"]
    res.port = srv.port
    res.lifetime = lifetime
    return res


def texts(answer: dns.resolver.Answer) -> set[str]:
    return {rd.to_text() for rd in answer}


@pytest.fixture(scope="module")
def standard() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as srv:
        yield srv


@pytest.fixture
def small() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SMALL_ZONE) as srv:
        yield srv


def test_address_and_nameserver(small: FixtureDNSServer) -> None:
    host, port = small.address
    assert host == "127.0.0.1" and port > 0
    assert small.nameserver == f"127.0.0.1:{port}"


def test_mx_and_a_answers(standard: FixtureDNSServer) -> None:
    res = make_resolver(standard)
    mx = res.resolve(CASES["google"], "MX")
    assert len(mx) == 5 and "5 gmail-smtp-in.l.google.com." in texts(mx)
    hosts = res.resolve("hotmail-com.olc.protection.outlook.com", "A")
    assert all(ipaddress.ip_address(a).is_global for a in texts(hosts))
    assert texts(res.resolve(CASES["null_mx"], "MX")) == {"0 ."}


def test_nxdomain_and_nodata(standard: FixtureDNSServer) -> None:
    res = make_resolver(standard)
    with pytest.raises(dns.resolver.NXDOMAIN):
        res.resolve(CASES["typo_tld"], "MX")
    with pytest.raises(dns.resolver.NXDOMAIN):
        res.resolve("mail.mxinexistente.com.ec", "A")
    with pytest.raises(dns.resolver.NoAnswer):
        res.resolve(CASES["implicit_mx"], "MX")
    with pytest.raises(dns.resolver.NoAnswer):  # empty non-terminal
        res.resolve("l.google.com", "A")


_MX_OUTCOME = {
    **dict.fromkeys(
        ["implicit_mx", "implicit_mx_ipv6", "implicit_mx_private", "no_mail", "spf_reject_all"],
        dns.resolver.NoAnswer,
    ),
    "wrong_name": dns.resolver.NoAnswer,
    "typo_tld": dns.resolver.NXDOMAIN,
    "typo_absent": dns.resolver.NXDOMAIN,
    **dict.fromkeys(
        ["servfail", "refused", "mx_servfail_a_ok", "cname_loop"], dns.resolver.NoNameservers
    ),
    "timeout": dns.resolver.LifetimeTimeout,
    "slow": dns.resolver.LifetimeTimeout,  # only with a lifetime under 1.5 s
}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_standard_case_mx_outcome(standard: FixtureDNSServer, slug: str) -> None:
    """Every CASES entry gets the MX outcome documented in dns_zones (an MX unless listed)."""
    res = make_resolver(standard, lifetime=0.4)
    expected = _MX_OUTCOME.get(slug)
    if expected is None:
        assert res.resolve(CASES[slug], "MX").rrset is not None
    else:
        with pytest.raises(expected):
            res.resolve(CASES[slug], "MX")


def test_idn_domain_is_served_as_punycode(standard: FixtureDNSServer) -> None:
    res = make_resolver(standard)
    assert texts(res.resolve(CASES["idn"], "MX")) == {"10 mx.xn--and-6ma2c.ec."}
    assert res.resolve(IDN_DOMAIN_ASCII, "MX").rrset is not None


def test_cname_chase(standard: FixtureDNSServer) -> None:
    answer = make_resolver(standard).resolve("correo.aliasmx.com.ec", "A")
    assert answer.canonical_name == dns.name.from_text("mx.zoho.com")
    assert texts(answer) == {"204.141.33.44", "204.141.32.121"}


def test_cname_loop_servfails_promptly(standard: FixtureDNSServer) -> None:
    # An answer (SERVFAIL), not a LifetimeTimeout: the server ends the loop itself.
    with pytest.raises(dns.resolver.NoNameservers, match="SERVFAIL"):
        make_resolver(standard).resolve(CASES["cname_loop"], "A")


@pytest.mark.parametrize(("slug", "rcode"), [("servfail", "SERVFAIL"), ("refused", "REFUSED")])
def test_error_rcodes(standard: FixtureDNSServer, slug: str, rcode: str) -> None:
    with pytest.raises(dns.resolver.NoNameservers, match=rcode):
        make_resolver(standard).resolve(CASES[slug], "MX")


def test_per_type_fault(standard: FixtureDNSServer) -> None:
    res = make_resolver(standard)
    with pytest.raises(dns.resolver.NoNameservers, match="SERVFAIL"):
        res.resolve(CASES["mx_servfail_a_ok"], "MX")
    assert texts(res.resolve(CASES["mx_servfail_a_ok"], "A")) == {"190.152.45.60"}


def test_drop_times_out(standard: FixtureDNSServer) -> None:
    res = make_resolver(standard, lifetime=0.3)
    with pytest.raises(dns.resolver.LifetimeTimeout):
        res.resolve(CASES["timeout"], "MX")
    with pytest.raises(dns.resolver.LifetimeTimeout):
        res.resolve(CASES["timeout"], "MX", tcp=True)
    mx_host = "mail.mxhostlento.com.ec"
    assert texts(res.resolve(CASES["mx_host_timeout"], "MX")) == {f"10 {mx_host}."}
    with pytest.raises(dns.resolver.LifetimeTimeout):
        res.resolve(mx_host, "A")


def test_standard_slow_name(standard: FixtureDNSServer) -> None:
    with pytest.raises(dns.resolver.LifetimeTimeout):
        make_resolver(standard, lifetime=0.5).resolve(CASES["slow"], "MX")
    start = time.monotonic()
    make_resolver(standard, lifetime=3.0).resolve(CASES["slow"], "MX")
    assert time.monotonic() - start >= 1.5  # the delay was applied (a floor: load only adds)


def test_delay_and_latency_add_up(small: FixtureDNSServer) -> None:
    small.set_delay("a.example.com", 0.2)
    small.latency = 0.1
    res = make_resolver(small)
    start = time.monotonic()
    res.resolve("a.example.com", "MX")
    assert time.monotonic() - start >= 0.3  # both applied (floors only: load only adds)
    start = time.monotonic()
    res.resolve("mx.a.example.com", "A")
    assert time.monotonic() - start >= 0.1


def test_truncate_then_tcp(standard: FixtureDNSServer) -> None:
    name = CASES["truncated"]
    query = dns.message.make_query(name, "MX")
    udp = dns.query.udp(query, "127.0.0.1", port=standard.port, timeout=2)
    assert udp.flags & dns.flags.TC and not udp.answer
    standard.reset_log()
    answer = make_resolver(standard).resolve(name, "MX")
    assert texts(answer) == {"10 mail.truncado.com.ec."}
    assert [q.transport for q in standard.queries] == ["udp", "tcp"]


def test_huge_txt_over_tcp(standard: FixtureDNSServer) -> None:
    answer = make_resolver(standard).resolve(CASES["huge_txt"], "TXT")
    assert len(answer) == 160
    assert sum(len(rd.strings[0]) for rd in answer) == 40_000


def test_60kb_txt_and_edns(small: FixtureDNSServer) -> None:
    strings = [f'"{i:03d}-{"y" * 246}"' for i in range(240)]
    small.add_records("\n".join(f"big.example.com. IN TXT {s}" for s in strings))
    small.add_records("mid.example.com. IN TXT " + " ".join(strings[:8]))
    answer = make_resolver(small).resolve("big.example.com", "TXT")
    assert len(answer) == 240 and len(answer.response.to_wire()) > 60_000
    plain = dns.query.udp(
        dns.message.make_query("mid.example.com", "TXT"), "127.0.0.1", 2, small.port
    )
    assert plain.flags & dns.flags.TC  # 2 kB > 512 bytes without EDNS
    edns_query = dns.message.make_query("mid.example.com", "TXT", use_edns=0, payload=4096)
    with_edns = dns.query.udp(edns_query, "127.0.0.1", 2, small.port)
    assert not with_edns.flags & dns.flags.TC and with_edns.edns == 0 and with_edns.answer


def test_wrong_name(standard: FixtureDNSServer) -> None:
    name = CASES["wrong_name"]
    reply = dns.query.udp(dns.message.make_query(name, "MX"), "127.0.0.1", 2, standard.port)
    assert reply.answer[0].name == dns.name.from_text("gmail.com")
    with pytest.raises(dns.resolver.NoAnswer):
        make_resolver(standard).resolve(name, "MX")


def test_async_resolver_sees_the_same_faults(standard: FixtureDNSServer) -> None:
    async def run() -> None:
        res = make_async_resolver(standard, lifetime=0.3)
        with pytest.raises(dns.resolver.NoAnswer):
            await res.resolve(CASES["wrong_name"], "MX")
        with pytest.raises(dns.resolver.LifetimeTimeout):
            await res.resolve(CASES["timeout"], "MX")
        answer = await res.resolve(CASES["truncated"], "MX")
        assert answer.rrset is not None

    asyncio.run(run())


def test_runtime_fault_changes(small: FixtureDNSServer) -> None:
    res = make_resolver(small, lifetime=0.3)
    small.add_fault("refused", "a.example.com/MX")
    with pytest.raises(dns.resolver.NoNameservers):
        res.resolve("a.example.com", "MX")
    small.remove_fault("refused", "a.example.com/MX")
    small.add_fault("drop", "A.Example.COM.")
    with pytest.raises(dns.resolver.LifetimeTimeout):
        res.resolve("a.example.com", "MX")
    small.clear_faults()
    assert res.resolve("a.example.com", "MX").rrset is not None


def test_random_faults_are_seeded() -> None:
    srv = FixtureDNSServer(SMALL_ZONE, drop_rate=0.2, servfail_rate=0.1, seed=7)
    wire = dns.message.make_query("a.example.com", "MX").to_wire()

    def outcomes() -> list[str]:
        replies = [srv.handle(wire, "udp") for _ in range(2000)]
        return [
            "drop" if r is None else dns.rcode.to_text(dns.message.from_wire(r[0]).rcode())
            for r in replies
        ]

    first = outcomes()
    assert 0.17 < first.count("drop") / 2000 < 0.23
    assert 0.08 < first.count("SERVFAIL") / 2000 < 0.12
    srv.reseed(7)
    assert outcomes() == first
    assert srv.count("a.example.com", "mx") == 4000


def test_query_log(small: FixtureDNSServer) -> None:
    res = make_resolver(small)
    res.resolve("a.example.com", "MX")
    res.resolve("alias.example.com", "A")
    with pytest.raises(dns.resolver.NXDOMAIN):
        res.resolve("nope.example.com", "AAAA")
    log = small.queries
    assert [(q.qname, q.qtype, q.transport) for q in log] == [
        ("a.example.com", "MX", "udp"),
        ("alias.example.com", "A", "udp"),
        ("nope.example.com", "AAAA", "udp"),
    ]
    assert log[0].t <= log[1].t <= log[2].t
    small.reset_log()
    assert small.queries == [] and small.count() == 0


def test_concurrent_queries_are_not_serialized(small: FixtureDNSServer) -> None:
    """Every query is received before the first answer is due: replies do not gate reads."""
    small.latency = 1.0  # under the resolver's 2 s per-try timeout

    async def run() -> None:
        res = make_async_resolver(small, lifetime=10.0)
        answers = await asyncio.gather(*(res.resolve("a.example.com", "MX") for _ in range(200)))
        assert all(a.rrset is not None for a in answers)

    asyncio.run(run())
    received = [q.t for q in small.queries if q.qname == "a.example.com"]
    assert len(received) == 200
    assert max(received) - min(received) < small.latency  # serialized: 199 x 1 s apart


def test_thousand_raw_udp_queries_with_latency(small: FixtureDNSServer) -> None:
    small.latency = 2.0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        sock.settimeout(10)
        for qid in range(1000):
            query = dns.message.make_query("mx.a.example.com", "A", id=qid)
            sock.sendto(query.to_wire(), small.address)
        ids = {dns.message.from_wire(sock.recv(4096)).id for _ in range(1000)}
    assert ids == set(range(1000))
    received = [q.t for q in small.queries]
    assert max(received) - min(received) < small.latency  # serialized: 999 x 2 s apart


def test_garbage_is_ignored(small: FixtureDNSServer) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for junk in (b"", b"\x00", b"garbage" * 50, os.urandom(600)):
            sock.sendto(junk, small.address)
    with socket.create_connection(small.address, timeout=2) as conn:
        conn.sendall(b"\x00\x05hello")
    response = dns.message.make_response(dns.message.make_query("a.example.com", "A"))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(response.to_wire(), small.address)  # a response, not a query
    assert make_resolver(small).resolve("a.example.com", "MX").rrset is not None
    assert small.count() == 1


def _fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_clean_and_prompt_stop() -> None:
    threads, fds = threading.active_count(), _fd_count()
    srv = FixtureDNSServer(SMALL_ZONE, latency=5.0).start()
    with pytest.raises(RuntimeError):
        srv.start()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(dns.message.make_query("a.example.com", "MX").to_wire(), srv.address)
        conn = socket.create_connection(srv.address, timeout=2)
        time.sleep(0.1)
        start = time.monotonic()
        srv.stop()
        assert time.monotonic() - start < 5.0  # did not wait for the pending 5 s reply
        conn.close()
    srv.stop()  # idempotent
    assert threading.active_count() == threads
    assert _fd_count() == fds
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        with socket.socket(socket.AF_INET, kind) as sock:
            # The server closed the TCP connection first, so it sits in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(srv.address)  # the port is free again
