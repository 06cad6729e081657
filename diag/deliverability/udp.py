"""The first UDP attempt of a lookup, without dnspython's resolver machinery around it.

dnspython's `Resolver.resolve` opens a socket, builds and renders a message, and keeps its
bookkeeping for every query: about a third of a batch's CPU. Here the question is written as
bytes once, sent on a socket shared by many queries (replaced every `ROTATE` queries, so the
source port keeps changing), and the answer is matched by its id. No answer in time, a
truncated answer or a socket error returns None, and the caller asks through the full
resolver, which has every rule for it (retries, TCP). With several servers it does it all.
What an answer says is read in lookups.py (wire.py for the plain ones)."""

from __future__ import annotations

import asyncio
import secrets
import socket
import struct
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dns.asyncresolver

ROTATE = 256  # queries per socket before a fresh one (a fresh source port)
TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28}
_RD, _QR, _TC = 0x0100, 0x8000, 0x0200


def question_wire(name: str, rdtype: str) -> bytes | None:
    """The question section for `name` (no trailing dot), or None when only the full
    resolver should handle it (an escape, an empty or overlong label, a rare type)."""
    code = TYPES.get(rdtype)
    if code is None or not name.isascii() or "\\" in name or len(name) > 253:
        return None
    wire = bytearray()
    for label in name.split("."):
        if not 0 < len(label) < 64:
            return None
        wire.append(len(label))
        wire += label.encode("ascii")
    return bytes(wire) + b"\x00" + struct.pack("!HH", code, 1)


class FirstAttempt:
    """One channel per server; usable when the resolver asks plain DNS with no options."""

    def __init__(self, resolver: dns.asyncresolver.Resolver) -> None:
        import dns.nameserver

        servers = list(getattr(resolver, "nameservers", ()))
        plain = (getattr(resolver, "edns", 0) < 0 and getattr(resolver, "flags", 0) is None
                 and getattr(resolver, "keyname", 0) is None and len(servers) == 1
                 and type(servers[0]) is dns.nameserver.Do53Nameserver)
        self.enabled = bool(plain)
        self.timeout = float(getattr(resolver, "timeout", 0.0))
        self._channel: _Channel | None = None
        if plain:
            first: Any = servers[0]
            self._server = (str(first.address), int(first.port))

    async def ask(self, name: str, rdtype: str, wait: float) -> bytes | None:
        """A response from the server within `wait` seconds that is not truncated, or None
        (see above); whether it answers the question is the reader's to check."""
        question = question_wire(name, rdtype) if self.enabled else None
        if question is None:
            return None
        loop = asyncio.get_running_loop()
        channel = self._channel
        if channel is None or channel.closed or channel.used >= ROTATE or channel.broken \
                or channel.loop is not loop:
            try:
                channel = self._channel = _Channel(loop, self._server)
            except OSError:
                return None
        future = channel.send(question)
        if future is None:
            return None
        try:
            data = await asyncio.wait_for(future, wait)
        except (TimeoutError, OSError):
            return None
        finally:
            channel.forget(future)
        flags = struct.unpack_from("!H", data, 2)[0]
        if not flags & _QR or flags & _TC or (flags >> 11) & 0xF:  # not a QUERY response
            return None
        return data

    def close(self) -> None:
        if self._channel is not None:
            self._channel.close()
            self._channel = None


class _Channel:
    """A connected UDP socket; answers are matched to queries by message id."""

    def __init__(self, loop: asyncio.AbstractEventLoop, server: tuple[str, int]) -> None:
        family = socket.AF_INET6 if ":" in server[0] else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            self.sock.setblocking(False)
            self.sock.connect(server)
        except OSError:
            self.sock.close()
            raise
        self.loop = loop
        self.pending: dict[int, asyncio.Future[bytes]] = {}
        self.used = 0
        self.broken = False
        loop.add_reader(self.sock.fileno(), self._readable)

    def send(self, question: bytes) -> asyncio.Future[bytes] | None:
        ident = secrets.randbelow(65536)
        while ident in self.pending:
            ident = secrets.randbelow(65536)
        try:
            self.sock.send(struct.pack("!HHHHHH", ident, _RD, 1, 0, 0, 0) + question)
        except OSError:
            self._fail()
            return None
        self.used += 1
        future: asyncio.Future[bytes] = self.loop.create_future()
        self.pending[ident] = future
        return future

    def forget(self, future: asyncio.Future[bytes]) -> None:
        for ident, waiting in list(self.pending.items()):
            if waiting is future:
                del self.pending[ident]
                break
        if not self.pending:  # idle: closed soon unless a query follows in this turn
            self.loop.call_soon(self._close_if_idle)

    def _close_if_idle(self) -> None:
        if not self.pending:
            self.close()

    def _readable(self) -> None:
        while True:
            try:
                data = self.sock.recv(65535)
            except BlockingIOError:
                return
            except OSError:  # an ICMP error (port unreachable): no query here can trust it
                self._fail()
                return
            if len(data) < 12:
                continue
            future = self.pending.get(struct.unpack_from("!H", data)[0])
            if future is not None and not future.done():
                future.set_result(data)

    def _fail(self) -> None:
        self.broken = True
        for future in self.pending.values():
            if not future.done():
                future.set_exception(ConnectionError("the DNS socket failed"))
        if not self.pending:
            self.close()

    @property
    def closed(self) -> bool:
        return self.sock.fileno() < 0

    def close(self) -> None:
        if not self.closed:
            if not self.loop.is_closed():
                self.loop.remove_reader(self.sock.fileno())
            self.sock.close()
