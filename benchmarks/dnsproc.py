"""The loopback FixtureDNSServer in a child process, so a busy client never slows it (GIL).

`with DnsProcess(zone, latency=0.05) as dns:` gives `dns.nameserver`, `dns.port`, and the query
log through `dns.stats()` (queries, unique (name, type) pairs) and `dns.reset()`.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, NamedTuple


class QueryStats(NamedTuple):
    queries: int  # every query received, retries and TCP fallbacks included
    unique: int  # distinct (name, type) pairs asked


def _serve(conn: Connection, zone: str, options: dict[str, Any]) -> None:
    from tests.servers.dnsserver import FixtureDNSServer

    with FixtureDNSServer(zone, **options) as server:
        conn.send(server.port)
        while True:
            command = conn.recv()
            if command == "stats":
                log = server.queries
                conn.send(QueryStats(len(log), len({(q.qname, q.qtype) for q in log})))
            elif command == "times":
                conn.send([q.t for q in server.queries])
            elif command == "reset":
                server.reset_log()
                conn.send(True)
            else:
                conn.send(True)
                return


class DnsProcess:
    """FixtureDNSServer(zone, **options) running in a spawned child process."""

    def __init__(self, zone: str, **options: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, zone, options), daemon=True)
        self.port = 0

    @property
    def nameserver(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> DnsProcess:
        self._process.start()
        if not self._conn.poll(30):
            self._process.kill()
            raise RuntimeError("the DNS server process did not start")
        self.port = self._conn.recv()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._conn.send("quit")
            self._conn.poll(10)
        except (BrokenPipeError, EOFError):
            pass
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def stats(self) -> QueryStats:
        self._conn.send("stats")
        stats: QueryStats = self._conn.recv()
        return stats

    def times(self) -> list[float]:
        """time.monotonic() at which each logged query arrived."""
        self._conn.send("times")
        times: list[float] = self._conn.recv()
        return times

    def reset(self) -> None:
        self._conn.send("reset")
        self._conn.recv()
