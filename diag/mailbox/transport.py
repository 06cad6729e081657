"""The connection under the IMAP session: imapclient with a deadline on every exchange and a cap
on literals, so a server that drips bytes, floods lines or announces 5 GB cannot hang us.

This is the one module that touches private members of imapclient and imaplib (the socket, the
command counter, LIST-STATUS): each use says why, and a newer imapclient is tested here first.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

MAX_LITERAL = 32 * 1024 * 1024  # bytes; we fetch at most 256 KiB of a message
MAX_ANSWER = 16 * 1024 * 1024  # bytes one exchange may bring (lines and literals); the most
# we ask for is 200 headers or 20 bodies of 256 KiB


class Guard:
    """Shuts the socket down from a timer thread when one exchange outlives its budget: the
    per-read timeout alone never fires against a server that keeps sending something."""

    def __init__(self) -> None:
        self.expired = False
        self._imap: Any = None
        self._lock = threading.Lock()

    def attach(self, imap: Any) -> None:
        with self._lock:
            self._imap = imap
            if self.expired:
                self._shut()

    @contextlib.contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        timer = threading.Timer(seconds, self._expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        sock = getattr(self._imap, "sock", None)  # after STARTTLS this is the TLS socket
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def guarded_client(host: str, port: int, *, tls: bool, ssl_context: Any, timeout: float,
                   guard: Guard) -> Any:
    """An imapclient.IMAPClient whose imaplib connection reports to `guard` as soon as its
    socket exists (the greeting is read inside the constructor) and refuses huge literals."""
    import imaplib

    from imapclient import IMAPClient
    from imapclient.imap4 import IMAP4WithTimeout
    from imapclient.tls import IMAP4_TLS

    base: type[imaplib.IMAP4] = IMAP4_TLS if tls else IMAP4WithTimeout

    class Guarded(base):  # type: ignore[valid-type,misc]
        def open(self, *args: Any, **kwargs: Any) -> None:
            super().open(*args, **kwargs)
            guard.attach(self)

        def read(self, size: int) -> bytes:
            if size > MAX_LITERAL:
                raise self.abort(f"refused a literal of {size} bytes")
            self._taken(size)
            return bytes(super().read(size))

        # A flood of untagged lines is read as fast as it comes: within the deadline it could
        # still fill the memory, so each exchange (from one command sent to the next) is capped.
        def send(self, data: bytes) -> None:
            self.answer_bytes = 0
            super().send(data)

        def readline(self) -> bytes:
            line = bytes(super().readline())
            self._taken(len(line))
            return line

        def _taken(self, size: int) -> None:
            self.answer_bytes = getattr(self, "answer_bytes", 0) + size
            if self.answer_bytes > MAX_ANSWER:
                raise self.abort(f"more than {MAX_ANSWER} bytes in one answer")

    class Client(IMAPClient):  # type: ignore[misc]
        def _create_IMAP4(self) -> imaplib.IMAP4:
            if tls:
                return Guarded(self.host, self.port, self.ssl_context, timeout)
            return Guarded(self.host, self.port, timeout)

    client = Client(host, port, ssl=tls, ssl_context=ssl_context if tls else None,
                    timeout=timeout)
    client.guard = guard
    return client


def tagged_commands(client: Any) -> int | None:
    """Tagged commands sent so far, as imaplib counts them (its `tagnum`); None if unknown.
    imapclient has no public counter; the benchmarks and tests count round trips with it."""
    imap = getattr(client, "_imap", None)
    count = getattr(imap, "tagnum", None)
    return int(count) if count is not None else None


def list_with_status(client: Any, returns: str) -> tuple[list[Any], list[bytes]] | None:
    """`LIST "" "*" RETURN (...)` (RFC 5819 LIST-STATUS): folder rows as imapclient parses them
    and the raw STATUS lines; None when the server declines. imapclient has no LIST-STATUS (an
    upstream feature worth offering), so this sends the command through imaplib's internals and
    takes the untagged STATUS answers out of its store before anything else can see them."""
    imap = client._imap
    typ, data = imap._simple_command("LIST", '""', '"*"', "RETURN", returns)
    statuses = imap.untagged_responses.pop("STATUS", [])
    if typ != "OK":
        imap.untagged_responses.pop("LIST", None)
        return None
    _typ, lines = imap._untagged_response(typ, data, "LIST")
    return client._proc_folder_list(lines), statuses
