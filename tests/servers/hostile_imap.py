"""A small scripted IMAP server on loopback that misbehaves on purpose, one fault per run.

It speaks just enough IMAP4rev1 (CAPABILITY, STARTTLS, AUTHENTICATE PLAIN, LOGIN, LIST, EXAMINE,
UID SEARCH, UID FETCH, STATUS, IDLE, LOGOUT) to lead a client up to the point where the chosen
`Fault` strikes; everything the client sends is recorded so tests can check what it revealed.
"""

from __future__ import annotations

import base64
import contextlib
import re
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import TracebackType

from tests.fixtures.messages import iess_reset_mail
from tests.servers.dovecot_files import _make_ca, _make_server_cert
from tests.servers.dovecot_setup import LOCAL_HOSTNAME, OTHER_HOSTNAME

HOST = "127.0.0.1"
USER = "ana@andinanet.net"
PASSWORD = "Clave-Hostil-2024"
GIGABYTES = 5_000_000_000


class Fault(StrEnum):
    NONE = "none"  # a well-behaved server
    SILENT = "silent"  # stop answering, keep the connection open
    CLOSE = "close"  # drop the connection
    GARBAGE = "garbage"  # answer `Script.garbage` instead of IMAP, then say nothing more
    MALFORMED = "malformed"  # answer `Script.garbage` (TAG replaced by the tag) and go on
    HUGE_LITERAL = "huge_literal"  # announce a {5000000000} literal and stream bytes fast
    ENDLESS_UNTAGGED = "endless_untagged"  # "* OK ..." lines forever, never the tagged reply
    BYE = "bye"  # "* BYE" and close
    NO = "no"  # a tagged NO (refused sign-in, refused command)
    DRIP = "drip"  # a valid-looking answer, one byte at a time, that never ends
    CUT_LITERAL = "cut_literal"  # start a FETCH literal, send part of it, close


class TLSMode(StrEnum):
    PLAIN = "plain"  # no TLS at all, no STARTTLS offered
    STARTTLS = "starttls"  # plain port that offers STARTTLS
    IMPLICIT = "implicit"  # TLS from the first byte (port 993 style)


# Where a fault can strike: "connect" (before any byte), "greeting", or a command name.
TRIGGERS = ("connect", "greeting", "CAPABILITY", "STARTTLS", "AUTHENTICATE", "LOGIN", "LIST",
            "EXAMINE", "SEARCH", "FETCH", "LOGOUT")


@dataclass
class Script:
    fault: Fault = Fault.NONE
    at: str = "greeting"
    tls: TLSMode = TLSMode.PLAIN
    cert_host: str = LOCAL_HOSTNAME  # the certificate's name; OTHER_HOSTNAME to mismatch it
    garbage: bytes = b"HTTP/1.1 400 Bad Request\r\n"
    drip_interval: float = 0.2  # seconds between bytes; well under any client read timeout
    flood_limit: int = 1 << 30  # most bytes a flood sends before it just holds the line
    message: bytes = field(default_factory=lambda: iess_reset_mail(USER))


@dataclass
class Received:
    """What one connection sent, in order; `secrets_in_clear` is set if the client sent an
    AUTHENTICATE/LOGIN before any TLS was up."""

    lines: list[bytes] = field(default_factory=list)
    tls_active: bool = False
    secrets_in_clear: bool = False
    sign_in_attempts: int = 0


class _Gone(Exception):
    """The client went away or the server is stopping."""


_COMMAND = re.compile(rb"^(?P<tag>[^ ]+) (?:(?P<uid>UID) )?(?P<name>[A-Za-z]+)(?P<args>.*)$")


class HostileIMAP:
    """The server; `with HostileIMAP(Script(...)) as srv:` then connect to srv.port."""

    def __init__(self, script: Script, certs: Certificates | None = None) -> None:
        self.script = script
        self.certs = certs
        self.connections: list[Received] = []
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server((HOST, 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._thread = threading.Thread(target=self._accept_loop, daemon=True,
                                        name=f"hostile-imap-{self.port}")

    def __enter__(self) -> HostileIMAP:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(5)
        self._listener.close()

    @property
    def received(self) -> bytes:
        return b"".join(line for conn in self.connections for line in conn.lines)

    # -- connections -----------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._sockets.append(sock)
            record = Received()
            self.connections.append(record)
            threading.Thread(target=self._serve, args=(sock, record), daemon=True).start()

    def _serve(self, sock: socket.socket, record: Received) -> None:
        conn = _Connection(sock, self.script, record, self._stop, self._server_context())
        try:
            conn.run()
        except (_Gone, OSError, ssl.SSLError, ValueError):
            pass
        finally:
            conn.close()

    def _server_context(self) -> ssl.SSLContext | None:
        if self.script.tls is TLSMode.PLAIN:
            return None
        if self.certs is None:
            raise RuntimeError("a TLS script needs Certificates")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert, key = self.certs.leaf(self.script.cert_host)
        context.load_cert_chain(cert, key)
        return context


class _Connection:
    """One client, driven line by line; every reply goes through `_reply` so faults can strike."""

    def __init__(self, sock: socket.socket, script: Script, record: Received,
                 stop: threading.Event, context: ssl.SSLContext | None) -> None:
        self.sock: socket.socket = sock
        self.script = script
        self.record = record
        self.stop = stop
        self.context = context
        self.buffer = b""
        self.selected: str | None = None
        sock.settimeout(0.2)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()

    # -- raw I/O that notices the stop flag ------------------------------------------

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if self.stop.is_set():
                raise _Gone
            try:
                sent = self.sock.send(view)
            except TimeoutError:
                continue
            view = view[sent:]

    def readline(self) -> bytes:
        while b"\n" not in self.buffer:
            if self.stop.is_set():
                raise _Gone
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                raise _Gone
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        self.record.lines.append(line + b"\n")
        return line.rstrip(b"\r")

    def hold(self) -> None:
        """Say nothing more until the client hangs up or the server stops."""
        while True:
            self.readline()

    # -- the fault ---------------------------------------------------------------------

    def strike(self, point: str, tag: bytes = b"*") -> bool:
        """Run the fault if it is due at `point`; True when it replaced the normal answer."""
        script = self.script
        if script.fault is Fault.NONE or script.at != point:
            return False
        fault = script.fault
        if fault is Fault.SILENT:
            self.hold()
        if fault is Fault.CLOSE:
            raise _Gone
        if fault is Fault.GARBAGE:
            self.send(script.garbage)
            self.hold()
        if fault is Fault.MALFORMED:
            self.send(script.garbage.replace(b"TAG", tag))
            return True
        if fault is Fault.BYE:
            self.send(b"* BYE [UNAVAILABLE] go away\r\n")
            raise _Gone
        if fault is Fault.NO:
            self.send(tag + b" NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
            return True
        if fault is Fault.HUGE_LITERAL:
            self.send(b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % GIGABYTES)
            self.flood(b"x" * 65536)
        if fault is Fault.ENDLESS_UNTAGGED:
            self.flood(b"* OK still working on it\r\n" * 2048)
        if fault is Fault.DRIP:
            self.drip(b"* OK [ALERT] please wait " + b"." * 10_000_000)
        if fault is Fault.CUT_LITERAL:
            self.send(b"* 1 FETCH (UID 1 RFC822.SIZE 4000 BODY[] {4000}\r\nReceived: from ")
            raise _Gone
        raise _Gone

    def flood(self, chunk: bytes) -> None:
        sent = 0
        while sent < self.script.flood_limit:
            self.send(chunk)
            sent += len(chunk)
        self.hold()

    def drip(self, data: bytes) -> None:
        for i in range(len(data)):
            self.send(data[i:i + 1])
            if self.stop.wait(self.script.drip_interval):
                raise _Gone
        self.hold()

    # -- the protocol ----------------------------------------------------------------------

    def run(self) -> None:
        self.strike("connect")
        if self.script.tls is TLSMode.IMPLICIT:
            self.start_tls()
        if not self.strike("greeting"):
            self.send(b"* OK hostile test server ready\r\n")
        while True:
            line = self.readline()
            match = _COMMAND.match(line)
            if match is None:
                self.send(b"* BAD what?\r\n")
                continue
            tag, name = match["tag"], match["name"].decode("ascii").upper()
            if self.strike(name, tag):
                continue
            self.answer(tag, name, match["args"].strip())

    def start_tls(self) -> None:
        assert self.context is not None
        self.sock.settimeout(5)
        self.sock = self.context.wrap_socket(self.sock, server_side=True)
        self.sock.settimeout(0.2)
        self.record.tls_active = True

    def capabilities(self) -> bytes:
        caps = b"IMAP4rev1 AUTH=PLAIN ID ENABLE UNSELECT IDLE"
        if self.script.tls is TLSMode.STARTTLS and not self.record.tls_active:
            caps += b" STARTTLS"
        return caps

    def ok(self, tag: bytes, text: bytes = b"done") -> None:
        self.send(tag + b" OK " + text + b"\r\n")

    def answer(self, tag: bytes, name: str, args: bytes) -> None:
        handler = getattr(self, f"cmd_{name.lower()}", None)
        if handler is None:
            self.send(tag + b" BAD unknown command\r\n")
            return
        handler(tag, args)

    def cmd_capability(self, tag: bytes, _args: bytes) -> None:
        self.send(b"* CAPABILITY " + self.capabilities() + b"\r\n")
        self.ok(tag)

    def cmd_noop(self, tag: bytes, _args: bytes) -> None:
        self.ok(tag)

    cmd_id = cmd_enable = cmd_unselect = cmd_close = cmd_check = cmd_noop

    def cmd_starttls(self, tag: bytes, _args: bytes) -> None:
        if self.script.tls is not TLSMode.STARTTLS or self.record.tls_active:
            self.send(tag + b" BAD no STARTTLS here\r\n")
            return
        self.ok(tag, b"Begin TLS negotiation now")
        self.start_tls()

    def _sign_in(self, tag: bytes, user: bytes, password: bytes) -> None:
        self.record.sign_in_attempts += 1
        if not self.record.tls_active:
            self.record.secrets_in_clear = True
        if user.decode(errors="replace") == USER and password.decode(errors="replace") == PASSWORD:
            self.ok(tag, b"[CAPABILITY " + self.capabilities() + b"] signed in")
        else:
            self.send(tag + b" NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")

    def cmd_authenticate(self, tag: bytes, args: bytes) -> None:
        mechanism, _, initial = args.partition(b" ")
        if mechanism.upper() != b"PLAIN":
            self.send(tag + b" NO unsupported mechanism\r\n")
            return
        if not initial:
            self.send(b"+ \r\n")
            initial = self.readline()
        try:
            _authz, user, password = base64.b64decode(initial).split(b"\0", 2)
        except ValueError:
            self.send(tag + b" BAD bad PLAIN response\r\n")
            return
        self._sign_in(tag, user, password)

    def cmd_login(self, tag: bytes, args: bytes) -> None:
        parts = re.findall(rb'"((?:[^"\\]|\\.)*)"|(\S+)', args)
        words = [quoted.replace(b'\\"', b'"').replace(b"\\\\", b"\\") or bare
                 for quoted, bare in parts]
        user, password = [*words, b"", b""][:2]
        self._sign_in(tag, user, password)

    def cmd_list(self, tag: bytes, _args: bytes) -> None:
        self.send(b'* LIST (\\HasNoChildren) "/" INBOX\r\n'
                  b'* LIST (\\HasNoChildren \\Junk) "/" Junk\r\n')
        self.ok(tag)

    cmd_lsub = cmd_list

    def cmd_examine(self, tag: bytes, args: bytes) -> None:
        self.selected = args.strip(b'"').decode(errors="replace")
        count = 1 if self.selected.upper() == "INBOX" else 0
        self.send(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                  b"* %d EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n"
                  b"* OK [UIDNEXT %d] ok\r\n" % (count, count + 1))
        self.ok(tag, b"[READ-ONLY] examined")

    def cmd_select(self, tag: bytes, _args: bytes) -> None:
        # A read-only client never needs SELECT; refuse so a test notices if one is sent.
        self.send(tag + b" NO this server only allows EXAMINE\r\n")

    def cmd_search(self, tag: bytes, _args: bytes) -> None:
        found = b" 1" if (self.selected or "").upper() == "INBOX" else b""
        self.send(b"* SEARCH" + found + b"\r\n")
        self.ok(tag)

    def cmd_fetch(self, tag: bytes, args: bytes) -> None:
        if (self.selected or "").upper() == "INBOX" and args.split(b" ", 1)[0] in (b"1", b"1:*"):
            message = self.script.message
            section = b"BODY[HEADER]" if b"HEADER" in args.upper() else b"BODY[]<0>"
            if section == b"BODY[HEADER]":
                message = message.split(b"\n\n", 1)[0] + b"\n\n"
            self.send(b'* 1 FETCH (UID 1 INTERNALDATE "25-Nov-2026 10:00:00 -0500" '
                      b"RFC822.SIZE %d FLAGS () %s {%d}\r\n" % (len(self.script.message),
                                                                section, len(message))
                      + message + b")\r\n")
        self.ok(tag)

    def cmd_status(self, tag: bytes, args: bytes) -> None:
        name = args.split(b" ", 1)[0]
        self.send(b"* STATUS " + name + b" (UIDNEXT 2 MESSAGES 1)\r\n")
        self.ok(tag)

    def cmd_idle(self, tag: bytes, _args: bytes) -> None:
        self.send(b"+ idling\r\n")
        while self.readline().upper() != b"DONE":
            pass
        self.ok(tag)

    def cmd_logout(self, tag: bytes, _args: bytes) -> None:
        self.send(b"* BYE bye\r\n")
        self.ok(tag)
        raise _Gone


class Certificates:
    """A throw-away CA and leaf certificates made with openssl, per name, on demand."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.ca_file, ca_key = _make_ca(directory)
        self._ca = (self.ca_file, ca_key)
        self._leaves: dict[str, tuple[Path, Path]] = {}

    def leaf(self, hostname: str) -> tuple[Path, Path]:
        if hostname not in self._leaves:
            self._leaves[hostname] = _make_server_cert(self.directory, self._ca, hostname, HOST)
        return self._leaves[hostname]


@contextlib.contextmanager
def certificates() -> Iterator[Certificates]:
    with tempfile.TemporaryDirectory(prefix="iess-hostile-tls-") as tmp:
        certs = Certificates(Path(tmp))
        certs.leaf(LOCAL_HOSTNAME)
        certs.leaf(OTHER_HOSTNAME)
        yield certs


def wait_for_connection(server: HostileIMAP, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not server.connections and time.monotonic() < deadline:
        time.sleep(0.01)
