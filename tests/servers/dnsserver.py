"""Loopback DNS server for tests: answers from zone-file text, with fault injection.

Serves UDP and TCP on 127.0.0.1 (same random port) from an asyncio loop in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import threading
import time
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Literal, NamedTuple, TypedDict, TypeVar, cast

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.CNAME
import dns.rdtypes.ANY.MX
import dns.rrset
import dns.zonefile

Transport = Literal["udp", "tcp"]
FaultKind = Literal["servfail", "refused", "drop", "truncate"]
FAULT_KINDS: tuple[FaultKind, ...] = ("drop", "refused", "servfail", "truncate")
MAX_CNAME_CHAIN = 8
HOST = "127.0.0.1"
DEFAULT_TTL = 300
_SOCKET_BUFFER = 1 << 22
_TCP_MAX = 65535
_STOP_TIMEOUT = 5.0
# DNS budgets (--dns-timeout, dns_timeout=) for tests. CI shares 2 cores: a loaded machine can
# take over a second to read an answer that is already there, so a test whose every query is
# answered gives ANSWERS (it costs nothing when answers come quickly). A test that waits out a
# silent name keeps a short budget for that name only, and asserts nothing that needs an answer
# in the same budget; SLOWER_THAN_ANY_BUDGET is a `delay` that no test budget outlasts.
ANSWERS = 15.0
SLOWER_THAN_ANY_BUDGET = 3600.0
_RENDER_CACHE_SIZE = 4096

# A fault key is (owner name, rdtype); rdtype None means "every type".
_Key = tuple[dns.name.Name, dns.rdatatype.RdataType | None]
_Reply = tuple[bytes, float]
_V = TypeVar("_V")
# (query bytes after the id, transport, fault, wrong-name owner) -> reply bytes after the id
_RenderKey = tuple[bytes, Transport, "FaultKind | None", "dns.name.Name | None"]


class QueryRecord(NamedTuple):
    """One received query; `t` is time.monotonic() at receipt."""

    qname: str
    qtype: str
    transport: Transport
    t: float


class FaultSpec(TypedDict, total=False):
    """Per-name faults; keys are "name" (all types) or "name/TYPE", e.g. "a.com/MX"."""

    servfail: Iterable[str]
    refused: Iterable[str]
    drop: Iterable[str]
    truncate: Iterable[str]
    delay: Mapping[str, float]
    wrong_name: Mapping[str, str]


def _parse_key(spec: str) -> _Key:
    name, _, rdtype = spec.partition("/")
    parsed = dns.rdatatype.RdataType.make(rdtype.upper()) if rdtype else None
    return dns.name.from_text(name), parsed


def _has_key(keys: set[_Key], name: dns.name.Name, rdtype: dns.rdatatype.RdataType) -> bool:
    return (name, rdtype) in keys or (name, None) in keys


def _lookup_key(
    table: Mapping[_Key, _V], name: dns.name.Name, rdtype: dns.rdatatype.RdataType
) -> _V | None:
    hit = table.get((name, rdtype))
    return hit if hit is not None else table.get((name, None))


class _ZoneData:
    """Fixture records indexed by owner name; also knows empty non-terminals."""

    def __init__(self) -> None:
        self._nodes: dict[dns.name.Name, dict[int, dns.rrset.RRset]] = {}
        self._existing: set[dns.name.Name] = set()

    def add_text(self, text: str) -> None:
        for rrset in dns.zonefile.read_rrsets(text, rdclass=None, default_ttl=DEFAULT_TTL):
            node = self._nodes.setdefault(rrset.name, {})
            old = node.get(rrset.rdtype)
            rdatas = [*old, *rrset] if old is not None else list(rrset)
            node[rrset.rdtype] = dns.rrset.from_rdata_list(rrset.name, rrset.ttl, rdatas)
            self._add_existing(rrset.name)

    def _add_existing(self, name: dns.name.Name) -> None:
        while name not in self._existing and name != dns.name.root:
            self._existing.add(name)
            name = name.parent()

    def _find(self, name: dns.name.Name, rdtype: int) -> list[dns.rrset.RRset]:
        node = self._nodes.get(name, {})
        if rdtype == dns.rdatatype.ANY:
            return list(node.values())
        return [node[rdtype]] if rdtype in node else []

    def resolve(
        self, qname: dns.name.Name, rdtype: int
    ) -> tuple[dns.rcode.Rcode, list[dns.rrset.RRset]]:
        """Return (rcode, answer rrsets), chasing CNAMEs; a loop or long chain is SERVFAIL."""
        chain: list[dns.rrset.RRset] = []
        name = qname
        while len(chain) <= MAX_CNAME_CHAIN:
            found = self._find(name, rdtype)
            if found:
                return dns.rcode.NOERROR, chain + found
            cname = self._nodes.get(name, {}).get(dns.rdatatype.CNAME)
            if cname is None:
                exists = name in self._existing
                return (dns.rcode.NOERROR if exists else dns.rcode.NXDOMAIN), chain
            if cname in chain:
                break
            chain.append(cname)
            name = cast(dns.rdtypes.ANY.CNAME.CNAME, cname[0]).target
        return dns.rcode.SERVFAIL, []


    def addresses_of_mx_targets(self, answer: list[dns.rrset.RRset]) -> list[dns.rrset.RRset]:
        targets = [cast(dns.rdtypes.ANY.MX.MX, r).exchange
                   for rrset in answer if rrset.rdtype == dns.rdatatype.MX for r in rrset]
        return [rr for t in targets for rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA)
                for rr in self._find(t, rdtype)]


def _rename(rrset: dns.rrset.RRset, owner: dns.name.Name) -> dns.rrset.RRset:
    return dns.rrset.from_rdata_list(owner, rrset.ttl, list(rrset))


def _udp_limit(query: dns.message.Message) -> int:
    return max(512, query.payload) if query.edns >= 0 else 512


def _to_wire(response: dns.message.Message, limit: int, transport: Transport) -> bytes:
    try:
        return response.to_wire(max_size=limit)
    except dns.exception.TooBig:
        response.answer, response.authority, response.additional = [], [], []
        if transport == "udp":
            response.flags |= dns.flags.TC
        else:
            response.set_rcode(dns.rcode.SERVFAIL)
        return response.to_wire(max_size=limit)


def _error_reply(query: dns.message.Message) -> bytes:
    response = dns.message.make_response(query)
    is_query = query.opcode() == dns.opcode.QUERY
    response.set_rcode(dns.rcode.FORMERR if is_query else dns.rcode.NOTIMP)
    return response.to_wire()


def _parse_query(data: bytes) -> dns.message.Message | None:
    try:
        query = dns.message.from_wire(data)
    except Exception:  # garbage comes in many exception types; all are ignored
        return None
    return None if query.flags & dns.flags.QR else query


class FixtureDNSServer:
    """Resolver-like DNS server over fixture records; see FaultSpec for fault keys.

    Faults are checked in the order drop, refused, servfail, truncate (UDP only);
    `delay` and `latency` add up and apply to every reply that is sent.
    """

    def __init__(
        self,
        records: str = "",
        *,
        servfail: Iterable[str] = (),
        refused: Iterable[str] = (),
        drop: Iterable[str] = (),
        truncate: Iterable[str] = (),
        delay: Mapping[str, float] | None = None,
        wrong_name: Mapping[str, str] | None = None,
        latency: float = 0.0,
        drop_rate: float = 0.0,
        servfail_rate: float = 0.0,
        seed: int = 0,
        glue: bool = False,
    ) -> None:
        self._lock = threading.Lock()
        # Like a recursive resolver with a warm cache: MX answers carry the hosts' addresses.
        self._glue = glue
        self._zone = _ZoneData()
        self._zone.add_text(records)
        self._flags: dict[FaultKind, set[_Key]] = {kind: set() for kind in FAULT_KINDS}
        self._delay: dict[_Key, float] = {}
        self._wrong_name: dict[_Key, dns.name.Name] = {}
        self._latency = latency
        self._drop_rate = drop_rate
        self._servfail_rate = servfail_rate
        self._rng = random.Random(seed)
        self._log: list[QueryRecord] = []
        self._rendered: dict[_RenderKey, bytes] = {}
        self._port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._start_error: BaseException | None = None
        initial = {"servfail": servfail, "refused": refused, "drop": drop, "truncate": truncate}
        for kind, names in initial.items():
            self.add_fault(cast(FaultKind, kind), *names)
        for name, seconds in (delay or {}).items():
            self.set_delay(name, seconds)
        for name, owner in (wrong_name or {}).items():
            self.set_wrong_name(name, owner)

    # -- lifecycle ---------------------------------------------------------------

    def __enter__(self) -> FixtureDNSServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        return HOST, self._port

    @property
    def port(self) -> int:
        return self._port

    @property
    def nameserver(self) -> str:
        return f"{HOST}:{self._port}"

    def start(self) -> FixtureDNSServer:
        if self._thread is not None:
            raise RuntimeError("FixtureDNSServer already started")
        udp, tcp = _bind_pair()
        self._port = udp.getsockname()[1]
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(udp, tcp, ready), name=f"dns-fixture-{self._port}", daemon=True
        )
        self._thread.start()
        ready.wait(_STOP_TIMEOUT)
        if self._start_error is not None or not ready.is_set():
            self.stop()
            raise RuntimeError("FixtureDNSServer failed to start") from self._start_error
        return self

    def stop(self) -> None:
        """Stop serving; pending delayed replies are discarded. Idempotent."""
        thread, loop, event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(event.set)
        thread.join(_STOP_TIMEOUT)
        if thread.is_alive():
            raise RuntimeError("FixtureDNSServer thread did not stop")
        self._thread = self._loop = self._stop_event = None

    def _run(self, udp: socket.socket, tcp: socket.socket, ready: threading.Event) -> None:
        try:
            asyncio.run(self._serve(udp, tcp, ready))
        except BaseException as exc:  # surfaced to start() by the caller's thread
            self._start_error = exc
        finally:
            udp.close()
            tcp.close()
            ready.set()

    async def _serve(self, udp: socket.socket, tcp: socket.socket, ready: threading.Event) -> None:
        loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        transport, _ = await loop.create_datagram_endpoint(lambda: _UDPProtocol(self), sock=udp)
        server = await asyncio.start_server(self._handle_tcp, sock=tcp)
        self._loop = loop
        ready.set()
        try:
            await self._stop_event.wait()
        finally:
            server.close()
            transport.close()
            # Let the loop run the transports' connection_lost callbacks (socket close).
            await asyncio.sleep(0)

    async def _handle_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Cancellation is swallowed too: Python 3.11 logs a cancelled start_server handler as
        # an error, and stop() cancels every handler still waiting for a query.
        errors = (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError)
        try:
            with contextlib.suppress(*errors):
                await self._tcp_session(reader, writer)
        finally:
            writer.close()

    async def _tcp_session(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        while True:
            size = int.from_bytes(await reader.readexactly(2), "big")
            reply = self.handle(await reader.readexactly(size), "tcp")
            if reply is None:
                continue
            wire, delay = reply
            if delay > 0:
                await asyncio.sleep(delay)
            writer.write(len(wire).to_bytes(2, "big") + wire)
            await writer.drain()

    # -- answering ---------------------------------------------------------------

    def handle(self, data: bytes, transport: Transport) -> _Reply | None:
        """Answer one wire-format query: (reply wire, delay seconds), or None for no reply."""
        query = _parse_query(data)
        if query is None:
            return None
        if query.opcode() != dns.opcode.QUERY or len(query.question) != 1:
            return _error_reply(query), self.latency
        question = query.question[0]
        self._record(question.name, question.rdtype, transport)
        with self._lock:
            fault, owner, delay = self._decide(question.name, question.rdtype, transport)
            if fault == "drop":
                return None
            # Rendering dominates the cost, and replies differ only in the 2-byte query id.
            key = (data[2:], transport, fault, owner)
            body = self._rendered.get(key)
            if body is None:
                body = self._render(query, transport, fault, owner)[2:]
                if len(self._rendered) >= _RENDER_CACHE_SIZE:
                    self._rendered.clear()
                self._rendered[key] = body
        return data[:2] + body, delay

    def _decide(
        self, name: dns.name.Name, rdtype: dns.rdatatype.RdataType, transport: Transport
    ) -> tuple[FaultKind | None, dns.name.Name | None, float]:
        fault = self._pick_fault(name, rdtype, transport)
        owner = _lookup_key(self._wrong_name, name, rdtype)
        delay = self._latency + (_lookup_key(self._delay, name, rdtype) or 0.0)
        return fault, owner, delay

    def _render(
        self,
        query: dns.message.Message,
        transport: Transport,
        fault: FaultKind | None,
        owner: dns.name.Name | None,
    ) -> bytes:
        response = dns.message.make_response(query, recursion_available=True)
        question = query.question[0]
        if fault == "truncate":
            response.flags |= dns.flags.TC
        elif fault is not None:
            response.set_rcode(dns.rcode.SERVFAIL if fault == "servfail" else dns.rcode.REFUSED)
        elif question.rdclass != dns.rdataclass.IN:
            response.set_rcode(dns.rcode.REFUSED)
        else:
            rcode, answer = self._zone.resolve(question.name, question.rdtype)
            response.set_rcode(rcode)
            response.answer = [_rename(r, owner) for r in answer] if owner else answer
            if self._glue:
                response.additional = self._zone.addresses_of_mx_targets(answer)
        limit = _TCP_MAX if transport == "tcp" else _udp_limit(query)
        return _to_wire(response, limit, transport)

    def _pick_fault(
        self, name: dns.name.Name, rdtype: dns.rdatatype.RdataType, transport: Transport
    ) -> FaultKind | None:
        if self._drop_rate or self._servfail_rate:
            roll = self._rng.random()
            if roll < self._drop_rate:
                return "drop"
            if roll < self._drop_rate + self._servfail_rate:
                return "servfail"
        for kind in FAULT_KINDS:
            if kind == "truncate" and transport == "tcp":
                continue
            if _has_key(self._flags[kind], name, rdtype):
                return kind
        return None

    def _record(
        self, name: dns.name.Name, rdtype: dns.rdatatype.RdataType, transport: Transport
    ) -> None:
        qname = name.to_text(omit_final_dot=True).lower()
        entry = QueryRecord(qname, dns.rdatatype.to_text(rdtype), transport, time.monotonic())
        with self._lock:
            self._log.append(entry)

    # -- records, faults and the log (all thread-safe) ---------------------------

    def add_records(self, records: str) -> None:
        """Merge more zone-file text into the fixture data."""
        with self._lock:
            self._zone.add_text(records)
            self._rendered.clear()

    def add_fault(self, kind: FaultKind, *names: str) -> None:
        with self._lock:
            self._flags[kind].update(_parse_key(n) for n in names)

    def remove_fault(self, kind: FaultKind, *names: str) -> None:
        with self._lock:
            self._flags[kind].difference_update(_parse_key(n) for n in names)

    def set_delay(self, name: str, seconds: float) -> None:
        """Extra reply delay for `name`; 0 removes it."""
        key = _parse_key(name)
        with self._lock:
            if seconds > 0:
                self._delay[key] = seconds
            else:
                self._delay.pop(key, None)

    def set_wrong_name(self, name: str, owner: str | None) -> None:
        """Answer queries for `name` with rrsets owned by `owner` (None removes)."""
        key = _parse_key(name)
        with self._lock:
            if owner is None:
                self._wrong_name.pop(key, None)
            else:
                self._wrong_name[key] = dns.name.from_text(owner)

    def clear_faults(self) -> None:
        """Remove every per-name fault and the random rates; `latency` is kept."""
        with self._lock:
            for keys in self._flags.values():
                keys.clear()
            self._delay.clear()
            self._wrong_name.clear()
            self._drop_rate = self._servfail_rate = 0.0

    def reseed(self, seed: int) -> None:
        with self._lock:
            self._rng.seed(seed)

    @property
    def latency(self) -> float:
        with self._lock:
            return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        with self._lock:
            self._latency = seconds

    @property
    def drop_rate(self) -> float:
        with self._lock:
            return self._drop_rate

    @drop_rate.setter
    def drop_rate(self, rate: float) -> None:
        with self._lock:
            self._drop_rate = rate

    @property
    def servfail_rate(self) -> float:
        with self._lock:
            return self._servfail_rate

    @servfail_rate.setter
    def servfail_rate(self, rate: float) -> None:
        with self._lock:
            self._servfail_rate = rate

    @property
    def queries(self) -> list[QueryRecord]:
        with self._lock:
            return list(self._log)

    def reset_log(self) -> None:
        with self._lock:
            self._log.clear()

    def count(self, qname: str | None = None, qtype: str | None = None) -> int:
        """Number of logged queries matching the (case-insensitive) name and type."""
        name = qname.rstrip(".").lower() if qname is not None else None
        return sum(
            1
            for q in self.queries
            if (name is None or q.qname == name) and (qtype is None or q.qtype == qtype.upper())
        )


class _UDPProtocol(asyncio.DatagramProtocol):
    def __init__(self, server: FixtureDNSServer) -> None:
        self._server = server
        self._transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        reply = self._server.handle(data, "udp")
        if reply is None:
            return
        wire, delay = reply
        if delay > 0:
            # Scheduled, never slept: latency must not serialize concurrent queries.
            asyncio.get_running_loop().call_later(delay, self._send, wire, addr)
        else:
            self._send(wire, addr)

    def _send(self, wire: bytes, addr: tuple[str | int, ...]) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.sendto(wire, addr)

    def error_received(self, exc: Exception) -> None:
        pass  # ICMP errors from clients that already gave up


def _bind_pair() -> tuple[socket.socket, socket.socket]:
    """Bind UDP and TCP sockets to the same free loopback port."""
    for _ in range(50):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            udp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _SOCKET_BUFFER)
            udp.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SOCKET_BUFFER)
            udp.bind((HOST, 0))
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            tcp.bind((HOST, udp.getsockname()[1]))
            tcp.listen(1024)
        except OSError:
            udp.close()
            tcp.close()
            continue
        return udp, tcp
    raise OSError("no free loopback port for FixtureDNSServer")
