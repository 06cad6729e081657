"""Running a batch: checks in flight within a window, results written in input order."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import itertools
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from diag.batch.checker import Checker
from diag.batch.layout import Layout
from diag.batch.output import Writer
from diag.batch.preamble import read_layout
from diag.batch.rows import Lines, Row, read_rows
from diag.batch.settings import (
    COMMAND,
    FIELD_LIMIT,
    POOL_MIN_ROWS,
    WINDOW_PER_SLOT,
    Settings,
)
from diag.batch.summary import Summary
from diag.deliverability.check import EmailChecker
from diag.deliverability.lookups import DnsLookups, make_resolver
from diag.findings import Report

Progress = Callable[[int], None]


@dataclass
class Batch:
    """One input, laid out; `run` checks its rows into a sink in input order."""

    layout: Layout
    writer: Writer
    rows: Iterator[Row]
    settings: Settings

    @classmethod
    def open(cls, text: TextIO, settings: Settings) -> Batch:
        csv.field_size_limit(FIELD_LIMIT)
        lines = Lines(text)
        layout = read_layout(lines, settings.column)
        writer = Writer(layout, settings.output_format, settings.lang,
                        keep_formulas=settings.keep_formulas)
        return cls(layout, writer, read_rows(lines, layout), settings)

    def run(self, sink: TextIO, summary: Summary, progress: Progress | None = None) -> Summary:
        """Check every remaining row; on Ctrl-C or SIGTERM, write what is done and stop."""
        started = time.monotonic()
        try:
            if self.settings.jobs > 1 and self._long_enough():
                self._sharded(sink, summary, progress)
            else:
                asyncio.run(self._main(sink, summary, progress))
        except (KeyboardInterrupt, asyncio.CancelledError):
            summary.interrupted = True
        finally:
            summary.seconds = time.monotonic() - started
        return summary

    def _long_enough(self) -> bool:
        """Whether the rows left reach POOL_MIN_ROWS (the rows read to tell are put back)."""
        head = list(itertools.islice(self.rows, POOL_MIN_ROWS))
        self.rows = itertools.chain(head, self.rows)
        return len(head) >= POOL_MIN_ROWS

    def _sharded(self, sink: TextIO, summary: Summary, progress: Progress | None) -> None:
        from diag.batch.workers import run_sharded

        def flushed() -> None:
            sink.flush()
            if progress is not None:
                progress(summary.rows)

        run_sharded(self.writer, self.settings, self.rows, sink, summary, flushed,
                    _window(self.settings))

    async def _main(self, sink: TextIO, summary: Summary, progress: Progress | None) -> None:
        settings = self.settings
        resolver = make_resolver(settings.nameservers, settings.dns_timeout)
        lookups = DnsLookups(resolver, settings.dns_timeout, limit=settings.concurrency)
        checker = Checker(EmailChecker(lookups, limit=settings.concurrency, command=COMMAND,
                                       both_families=False))
        window = _window(settings)

        def prepare(row: Row, report: Report) -> tuple[str, str, list[str]]:
            return self.writer.record(row, report), report.verdict.value, report.codes()

        def emit(row: Row, prepared: tuple[str, str, list[str]]) -> None:
            text, verdict, codes = prepared
            sink.write(text)
            summary.add(verdict, codes)
            summary.undecodable += row.damaged
            summary.lines += row.lines

        def flush() -> None:
            sink.flush()
            if progress is not None:
                progress(summary.rows)

        with _cancel_on_sigterm():
            await pipeline(self.rows, checker.check, emit, flush, window, checker.check_ready,
                           prepare)


def _window(settings: Settings) -> int:
    return min(max(settings.concurrency * WINDOW_PER_SLOT, 1024), 65536)


@contextlib.contextmanager
def _cancel_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl-C: the main task is cancelled and what is done is kept."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    try:
        loop.add_signal_handler(signal.SIGTERM, task.cancel if task else lambda: None)
    except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or Windows
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


async def pipeline(rows: Iterable[Row], check: Callable[[Row], Any],
                   emit: Callable[[Row, Any], None], flush: Callable[[], None],
                   window: int, at_once: Callable[[Row], Report | None] | None = None,
                   prepare: Callable[[Row, Report], Any] | None = None) -> None:
    """Rows are checked concurrently, at most `window` in flight, and emitted in input order
    as soon as the head of the window is done. `at_once(row)` gives a row's report when
    nothing need be awaited (no task is made for it), or None; `prepare(row, report)` renders
    such a row at once, while earlier rows still wait on DNS (the others when emitted), and
    `emit` gets what it returned (the report itself without it). At most EMIT_TURN rows are
    emitted per turn of the event loop, so that DNS answers never wait behind a long run."""
    pending: deque[tuple[Row, asyncio.Future[Any]]] = deque()
    loop = asyncio.get_running_loop()

    def prepared(row: Row, result: Any) -> Any:
        return prepare(row, result) if prepare is not None and isinstance(result, Report) \
            else result

    def start(row: Row) -> asyncio.Future[Any]:
        report = at_once(row) if at_once is not None else None
        if report is None:
            task: asyncio.Future[Any] = asyncio.ensure_future(check(row))
            return task
        done: asyncio.Future[Any] = loop.create_future()
        done.set_result(prepared(row, report))
        return done

    def ready() -> None:
        wrote = 0
        while pending and pending[0][1].done() and wrote < EMIT_TURN:
            row, task = pending[0]
            result = task.result()  # a bug in a check surfaces here, not as a verdict
            pending.popleft()
            emit(row, prepared(row, result))
            wrote += 1
        if wrote:
            flush()

    try:
        for count, row in enumerate(rows, 1):
            while len(pending) >= window:
                await asyncio.wait([pending[0][1]])
                ready()
            pending.append((row, start(row)))
            if count % 16 == 0:
                await asyncio.sleep(0)  # let DNS answers in while the reader runs ahead
                ready()
        while pending:
            await asyncio.wait([pending[0][1]])
            ready()
    finally:
        with contextlib.suppress(Exception):
            while pending and pending[0][1].done():
                ready()
        for _, task in pending:
            task.cancel()


EMIT_TURN = 256
