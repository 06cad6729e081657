"""'Revisar un archivo': an upload read into memory (never onto disk), then `iess-diag batch`
for a CSV export or `analyze-headers` for a saved message; results kept in memory a while."""

from __future__ import annotations

import io
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from diag.errors import UsageError
from diag.i18n import Lang, Text

if TYPE_CHECKING:
    from diag.batch.summary import Summary
    from diag.findings import Report
    from diag.web.cases import Settings

T = TypeVar("T")
MAX_UPLOAD = 5 * 1024 * 1024  # a CSV export of some 100,000 rows; a bigger one: iess-diag batch
KEEP_SECONDS = 30 * 60
KEEP_RESULTS = 8
NO_FILE = Text("Elija un archivo (.csv o .eml).", "Choose a file (.csv or .eml).")
EMPTY = Text("El archivo «{name}» está vacío.", "The file '{name}' is empty.")
TOO_BIG = Text("El archivo pesa más de {limit} MB: use «iess-diag batch» en la terminal.",
               "The file is larger than {limit} MB: use 'iess-diag batch' in a terminal.")
GONE = Text("Ese resultado ya no está: se guarda {minutes} minutos y solo mientras la página "
            "siga abierta. Revise el archivo otra vez.",
            "That result is gone: it is kept {minutes} minutes and only while the page runs. "
            "Check the file again.")


@dataclass(frozen=True)
class BatchResult:
    """A whole batch run: its output file and its summary."""

    name: str
    text: str
    suffix: str
    summary: Summary
    notes: tuple[Text, ...] = ()  # what the CLI says on stderr: the encoding guessed, a title


def is_message(name: str) -> bool:
    """A saved message by its suffix (.eml), else a CSV or list of addresses."""
    return name.lower().endswith(".eml")


def check_message(name: str, data: bytes) -> Report:
    """analyze-headers' report, with its default sender rules."""
    from diag.message.analysis import message_report

    if not data.strip():
        raise UsageError(EMPTY.format(name=name))
    return message_report(data, name, now=datetime.now(UTC))


def check_batch(name: str, data: bytes, fmt: str, lang: Lang, settings: Settings,
                progress: Callable[[int], None] | None = None) -> BatchResult:
    """`iess-diag batch` over the upload, into memory: the output file's text and the summary."""
    from diag.batch.files import decoded
    from diag.batch.preamble import TITLE_SKIPPED
    from diag.batch.run import Batch
    from diag.batch.settings import OutputFormat
    from diag.batch.settings import Settings as BatchSettings
    from diag.batch.summary import Summary
    from diag.web.texts import GUESSED_ON_PAGE

    chosen = OutputFormat.CSV if fmt == "csv" else OutputFormat.JSONL
    source, choice = decoded(io.BytesIO(data), None)  # UTF-16 or cp1252 as Excel saves them
    batch = Batch.open(source, BatchSettings(output_format=chosen, lang=lang,
                                             nameservers=settings.nameservers,
                                             dns_timeout=settings.dns_timeout))
    sink = io.StringIO()
    sink.write(batch.writer.header())
    summary = batch.run(sink, Summary(), progress)
    notes = [GUESSED_ON_PAGE] if choice.guessed else []
    if batch.layout.title is not None:
        notes.append(TITLE_SKIPPED.format(title=batch.layout.title[:60]))
    return BatchResult(name, sink.getvalue(), chosen.value, summary, tuple(notes))


class Results(Generic[T]):
    """Batch results (or jobs) in memory only, under a random id, for KEEP_SECONDS at most."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 seconds: float = KEEP_SECONDS,
                 running: Callable[[T], bool] = lambda _: False) -> None:
        self._clock, self._seconds, self._running = clock, seconds, running
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[float, T]] = OrderedDict()

    def keep(self, result: T) -> str:
        """`result` under a new key; past KEEP_RESULTS the oldest goes first, but never one
        still `running` (a wait's page pushed out by quick failures would end the wait)."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._kept[key] = (self._clock(), result)
            idle = [k for k, (_, kept) in self._kept.items() if not self._running(kept)]
            for old in idle[:max(len(self._kept) - KEEP_RESULTS, 0)]:
                del self._kept[old]
        return key

    def get(self, key: str) -> T | None:
        with self._lock:
            now = self._clock()
            for old in [k for k, (at, _) in self._kept.items() if now - at > self._seconds]:
                del self._kept[old]
            kept = self._kept.get(key)
        return kept[1] if kept else None


def summary_rows(summary: Summary, lang: Lang) -> dict[str, Any]:
    """The summary by verdict (in words) and by finding code, for the page."""
    from diag.findings import Verdict
    from diag.render import labels

    data = summary.to_dict()

    def number(value: float) -> str:  # 0,1 s in Spanish, as `iess-diag batch` writes it
        shown = f"{value:.1f}"
        return shown.replace(".", ",") if lang is Lang.ES else shown

    return {"rows": summary.rows, "rate": number(data["rows_per_second"]),
            "seconds": number(data["seconds"]),
            "verdicts": [(labels.VERDICT[v].get(lang), summary.verdicts[v.value])
                         for v in Verdict],
            "codes": sorted(summary.codes.items(), key=lambda item: (-item[1], item[0]))}
