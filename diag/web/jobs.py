"""Live progress for 'Revisar un archivo': a batch run in a thread of its own, its row count
streamed as server-sent events, its result then shown as the plain form shows it."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from diag.errors import DiagError
from diag.i18n import Lang, Text
from diag.web import texts
from diag.web.security import LOG
from diag.web.uploads import BatchResult

TICK = 0.25  # seconds between progress events: enough for a bar, few enough to cost nothing


@dataclass
class Job:
    """One batch in flight: rows done so far, and at the end its result or its error."""

    total: int
    started: float = field(default_factory=time.monotonic)
    rows: int = 0
    result: BatchResult | None = None
    error: Text | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def event(self) -> str:
        """The progress as one server-sent event: rows, total, rows per second, seconds left."""
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.rows / elapsed
        left = (self.total - self.rows) / rate if rate > 0 and self.total > self.rows else 0.0
        data = {"rows": self.rows, "total": self.total, "rate": round(rate, 1),
                "eta": round(left)}
        kind = "done" if self.done.is_set() else "progress"
        return f"event: {kind}\ndata: {json.dumps(data)}\n\n"


def start(run: Callable[[Callable[[int], None]], BatchResult], total: int) -> Job:
    """Runs `run(progress)` in a thread; the job records its progress and its end."""
    job = Job(total)

    def work() -> None:
        def progress(rows: int) -> None:
            job.rows = rows

        try:
            job.result = run(progress)
            job.rows = job.result.summary.rows
        except DiagError as error:
            job.error = error.message
        except Exception as error:  # a bug: its kind in the log, never its message
            LOG.error("unexpected %s in a file", type(error).__name__)
            job.error = texts.UNEXPECTED.format(kind=type(error).__name__)
        finally:
            job.done.set()

    threading.Thread(target=work, name="iess-diag-batch", daemon=True).start()
    return job


async def events(job: Job) -> AsyncIterator[str]:
    """Progress every TICK seconds until the job ends, then one `done` event."""
    while not job.done.is_set():
        yield job.event()
        await asyncio.sleep(TICK)
    yield job.event()


def expected_rows(data: bytes) -> int:
    """Lines after the first (a header, most of the time): the bar's length, not a promise."""
    return max(data.count(b"\n") - 1 + (not data.endswith(b"\n")), 1)


def lang_of(value: str | None, default: Lang) -> Lang:
    return Lang(value) if value in ("es", "en") else default
