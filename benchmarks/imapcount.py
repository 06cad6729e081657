"""A loopback TCP proxy in front of an IMAP server that counts the client's tagged commands.

It reads the plaintext stream, so the client must connect without TLS (--allow-plaintext). The
proxy hides STARTTLS from the server's capabilities: the session then runs exactly the commands
an implicit-TLS session (port 993) runs, and stays readable.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections import Counter
from collections.abc import Callable
from types import TracebackType

_LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
_CHUNK = 65536


class CommandParser:
    """Splits the client's byte stream into commands; literals ({n}) are skipped over."""

    def __init__(self) -> None:
        self.commands: list[str] = []
        self._buffer = b""
        self._skip = 0  # literal bytes still to pass over
        self._continuing = False  # the current command goes on after a literal

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while True:
            if self._skip:
                taken = min(self._skip, len(self._buffer))
                self._buffer, self._skip = self._buffer[taken:], self._skip - taken
                if self._skip:
                    return
            end = self._buffer.find(b"\r\n")
            if end < 0:
                return
            line, self._buffer = self._buffer[:end + 2], self._buffer[end + 2:]
            if not self._continuing:
                self._start(line)
            literal = _LITERAL.search(line)
            self._continuing = literal is not None
            self._skip = int(literal.group(1)) if literal else 0

    def see(self, data: bytes) -> bytes:
        self.feed(data)
        return data

    def _start(self, line: bytes) -> None:
        words = line.split()
        if len(words) < 2:  # "DONE" after IDLE, or an empty line: not a tagged command
            return
        name = words[1].upper().decode("ascii", "replace")
        if name == "UID" and len(words) > 2:
            name += " " + words[2].upper().decode("ascii", "replace")
        self.commands.append(name)


class CountingProxy:
    """Listens on 127.0.0.1:<random>; one thread pair per connection; `commands` is the log."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._parsers: list[CommandParser] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._listener.close()

    @property
    def commands(self) -> list[str]:
        with self._lock:
            return [c for parser in self._parsers for c in parser.commands]

    def counts(self) -> Counter[str]:
        return Counter(self.commands)

    def reset(self) -> None:
        with self._lock:
            self._parsers.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target, timeout=60)
            parser = CommandParser()
            with self._lock:
                self._parsers.append(parser)
            threading.Thread(target=self._pump, args=(client, server, parser.see),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, _hide_starttls),
                             daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket,
              transform: Callable[[bytes], bytes]) -> None:
        try:
            while data := source.recv(_CHUNK):
                sink.sendall(transform(data))
        except OSError:
            pass  # the other side went away: the session is over
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def _hide_starttls(data: bytes) -> bytes:
    # Same length, so no line or literal count changes; "XSTARTTLS" is ignored by clients.
    return data.replace(b" STARTTLS", b" XSTRTTLS")
