"""Worker processes: rows sharded by domain, checked in children, written in input order."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import os
import queue
import signal
import sys
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, TextIO

from diag.address.typos import KNOWN_DOMAINS
from diag.batch.rows import Row
from diag.batch.settings import CHUNK_ROWS, COMMAND, Settings

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from diag.batch.checker import Checker
    from diag.batch.output import Writer
    from diag.batch.summary import Summary
    from diag.findings import Report

# What a worker sends back per row: number, output record, verdict, codes, damaged, lines.
Result = tuple[int, str, str, tuple[str, ...], bool, int]
_END = None  # sent both ways: no more rows / no more results


_DIED = "a batch worker process ended before its rows were done"


class WorkerFailed(RuntimeError):
    """A worker process died or a check raised in it: a bug, never a verdict."""


def shard_of(row: Row, jobs: int) -> int:
    """The worker for a row: by its domain, so each domain is looked up by one worker only.

    The few very common domains (Gmail alone is a third of an export) are spread by row
    instead: on one worker they would cap the speed-up at ~3x; each worker asks them once."""
    domain = row.address.rpartition("@")[2].strip().rstrip(".").lower()
    if domain in KNOWN_DOMAINS:
        return row.number % jobs
    return zlib.crc32(domain.encode("utf-8", "surrogatepass")) % jobs


def run_sharded(writer: Writer, settings: Settings, rows: Iterator[Row], sink: TextIO,
                summary: Summary, flushed: Callable[[], None], window: int) -> None:
    """Check `rows` over `settings.jobs` workers; write each record in input order."""
    jobs = max(1, min(settings.jobs, settings.concurrency))
    # Before the fork: a bad --nameserver is a usage error here (exit 2), and the workers
    # inherit dnspython and the checks already imported instead of importing them each.
    from diag.batch.checker import Checker  # noqa: F401
    from diag.deliverability.lookups import make_resolver

    make_resolver(settings.nameservers, settings.dns_timeout)
    for stream in (sink, sys.stdout, sys.stderr):  # a child must not inherit buffered output
        with contextlib.suppress(Exception):
            stream.flush()
    with _Pool(jobs, writer, settings) as pool, _sigterm_interrupts():
        _Merge(pool, sink, summary, flushed, window).run(rows)


class _Pool:
    """Forked workers, each with a pipe and a thread in this process that drains its results."""

    def __init__(self, jobs: int, writer: Writer, settings: Settings) -> None:
        self.jobs = jobs
        self.results: queue.Queue[Any] = queue.Queue()
        self._writer, self._settings = writer, settings
        self._procs: list[BaseProcess] = []
        self.conns: list[Connection] = []
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> _Pool:
        # fork: a worker starts in milliseconds with the modules already imported; spawn would
        # re-import everything per worker, which is most of a small batch's time.
        context = multiprocessing.get_context("fork")
        share = max(1, self._settings.concurrency // self.jobs)  # --concurrency is the total
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's job
        try:
            for _ in range(self.jobs):
                ours, theirs = context.Pipe()
                proc = context.Process(target=_worker, daemon=True, args=(
                    theirs, self._writer, self._settings, share, os.getpid()))
                proc.start()
                theirs.close()
                self._procs.append(proc)
                self.conns.append(ours)
                thread = threading.Thread(target=self._drain, args=(ours,), daemon=True)
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.__exit__()
            raise
        finally:
            signal.signal(signal.SIGINT, previous)
        return self

    def _drain(self, conn: Connection) -> None:
        try:
            while (message := conn.recv()) is not _END:
                self.results.put(message)
            self.results.put(("done",))
        except (EOFError, OSError):
            self.results.put(("died",))

    def __exit__(self, *exc: object) -> None:
        """Every worker ends here, whatever the way out: none outlives the command."""
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs:
            proc.join(2)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for thread in self._threads:
            thread.join(2)
        for conn in self.conns:
            conn.close()


class _Merge:
    """Hands rows out in chunks, at most `window` unwritten, and writes results in row order."""

    def __init__(self, pool: _Pool, sink: TextIO, summary: Summary, flushed: Callable[[], None],
                 window: int) -> None:
        self.pool, self.sink, self.summary, self.flushed = pool, sink, summary, flushed
        self.window = window
        self.order: deque[int] = deque()
        self.waiting: dict[int, Result] = {}
        self.chunks: list[list[Row]] = [[] for _ in range(pool.jobs)]
        self.finished = 0

    def run(self, rows: Iterator[Row]) -> None:
        for count, row in enumerate(rows, 1):
            shard = shard_of(row, self.pool.jobs)
            self.chunks[shard].append(row)
            self.order.append(row.number)
            if len(self.chunks[shard]) >= CHUNK_ROWS:
                self._send(shard)
            while len(self.order) >= self.window:
                self._send_all()
                self._take(block=True)
            if count % CHUNK_ROWS == 0:
                self._take(block=False)
        self._send_all()
        for conn in self.pool.conns:
            conn.send(_END)
        while self.order:
            self._take(block=True)

    def _send(self, shard: int) -> None:
        if self.chunks[shard]:
            self.pool.conns[shard].send(self.chunks[shard])
            self.chunks[shard] = []

    def _send_all(self) -> None:
        for shard in range(self.pool.jobs):
            self._send(shard)

    def _take(self, *, block: bool) -> None:
        while True:
            try:
                message = self.pool.results.get(timeout=0.2) if block else \
                    self.pool.results.get_nowait()
            except queue.Empty:
                if block:
                    continue  # a short wait, so that Ctrl-C is seen at once
                break
            self._receive(message)
            block = False
        self._write_ready()
        if self.finished == self.pool.jobs and self.order:
            raise WorkerFailed(_DIED)

    def _receive(self, message: Any) -> None:
        if isinstance(message, list):
            for result in message:
                self.waiting[result[0]] = result
        elif message[0] == "error":
            raise WorkerFailed(message[1])
        elif message[0] == "died":
            raise WorkerFailed(_DIED)
        else:
            self.finished += 1  # "done": its last results came before this

    def _write_ready(self) -> None:
        wrote = False
        while self.order and self.order[0] in self.waiting:
            _, text, verdict, codes, damaged, lines = self.waiting.pop(self.order.popleft())
            self.sink.write(text)
            self.summary.add(verdict, codes)
            self.summary.undecodable += damaged
            self.summary.lines += lines
            wrote = True
        if wrote:
            self.flushed()


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl-C: what is written is kept, the workers are ended."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker(conn: Connection, writer: Writer, settings: Settings, concurrency: int,
            parent: int) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    try:
        asyncio.run(_serve(conn, writer, settings, concurrency))
    except (EOFError, OSError):  # the parent is gone: nobody to write for
        return
    except Exception:
        import traceback

        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker if the parent dies, even by SIGKILL (no orphans)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(0)


async def _serve(conn: Connection, writer: Writer, settings: Settings, concurrency: int) -> None:
    """Check the rows as they come; send each result as soon as it is done, in any order."""
    from diag.batch.checker import Checker
    from diag.deliverability.check import EmailChecker
    from diag.deliverability.lookups import DnsLookups, make_resolver

    resolver = make_resolver(settings.nameservers, settings.dns_timeout)
    lookups = DnsLookups(resolver, settings.dns_timeout, limit=concurrency)
    emails = EmailChecker(lookups, limit=concurrency, command=COMMAND, both_families=False)
    server = _Server(conn, writer, Checker(emails))
    await server.serve()


class _Server:
    """One worker's loop: rows in from the pipe when readable, results out once per turn."""

    def __init__(self, conn: Connection, writer: Writer, checker: Checker) -> None:
        self.conn, self.writer, self.checker = conn, writer, checker
        self.loop = asyncio.get_running_loop()
        self.outbox: list[Result] = []
        self.tasks: set[asyncio.Future[Report]] = set()
        self.finished = asyncio.Event()
        self.ended = False
        self.failure: BaseException | None = None

    async def serve(self) -> None:
        self.loop.add_reader(self.conn.fileno(), self._readable)
        await self.finished.wait()
        if self.failure is not None:
            raise self.failure
        self._send()
        self.conn.send(_END)

    def _send(self) -> None:
        if self.outbox:
            self.conn.send(self.outbox[:])
            self.outbox.clear()

    def _done(self, row: Row, task: asyncio.Future[Report]) -> None:
        self.tasks.discard(task)
        self._finish(row, task.result)
        if self.ended and not self.tasks:
            self.finished.set()

    def _finish(self, row: Row, report_of: Callable[[], Report | None]) -> bool:
        """Queue the row's result; False when it must still be awaited."""
        try:
            report = report_of()  # a bug in a check surfaces here, not as a verdict
            if report is None:
                return False
            if not self.outbox:
                self.loop.call_soon(self._send)  # one message for every row done in this turn
            self.outbox.append((row.number, self.writer.record(row, report),
                                report.verdict.value, tuple(report.codes()), row.damaged,
                                row.lines))
        except BaseException as error:  # carried to the parent as a failure
            self.failure = error
            self.finished.set()
        return True

    def _readable(self) -> None:
        while self.conn.poll():
            try:
                message = self.conn.recv()
            except EOFError as error:  # the parent closed the pipe: stop
                self.failure = error
                self.finished.set()
                return
            if message is _END:
                self.ended = True
                self.loop.remove_reader(self.conn.fileno())
                if not self.tasks:
                    self.finished.set()
                return
            for row in message:
                self._start(row)

    def _start(self, row: Row) -> None:
        if self._finish(row, functools.partial(self.checker.check_ready, row)):
            return  # its domain was assessed already: no task
        task = asyncio.ensure_future(self.checker.check(row))
        self.tasks.add(task)
        task.add_done_callback(functools.partial(self._done, row))
