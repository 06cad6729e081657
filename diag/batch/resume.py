"""Resuming: the output file is its own journal; read it back and skip what is done."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from diag.batch.output import Writer
from diag.batch.rows import Row
from diag.batch.settings import OutputFormat
from diag.batch.summary import Summary
from diag.errors import UsageError
from diag.i18n import Text


@dataclass
class Journal:
    """What an earlier run left in the output: complete records up to row `done`."""

    done: int = 0
    keep: int = 0  # bytes to keep; anything after is a partial record
    first: Any = None  # carried columns of row 1, and of row `done`
    last: Any = None
    summary: Summary = field(default_factory=Summary)

    def add(self, verdict: str, codes: list[str], columns: Any, size: int) -> None:
        self.done += 1
        self.keep += size
        if self.done == 1:
            self.first = columns
        self.last = columns
        self.summary.add(verdict, codes)


def read_journal(path: str, writer: Writer) -> Journal:
    """Read back an earlier run's output; refuse one that is not a batch output of this shape."""
    with open(path, "rb") as stream:
        if writer.fmt is OutputFormat.JSONL:
            return _json_journal(path, stream)
        return _csv_journal(path, stream, writer)


def _json_journal(path: str, stream: io.BufferedReader) -> Journal:
    journal = Journal()
    for raw in stream:
        if not raw.endswith(b"\n"):
            break  # the partial last record of a run that was killed
        record = _json_record(raw)
        if record is None or record.get("row") != journal.done + 1:
            raise UsageError(_DAMAGED.format(path=path, row=journal.done + 1))
        codes = [f.get("code", "") for f in record.get("findings", []) if isinstance(f, dict)]
        journal.add(str(record.get("verdict")), codes, record.get("columns"), len(raw))
    return journal


def _json_record(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


class _TrackedLines:
    """Binary lines decoded for the csv module, remembering how many bytes were consumed."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self._stream = stream
        self.consumed = 0
        self.last = b""

    def __iter__(self) -> _TrackedLines:
        return self

    def __next__(self) -> str:
        raw = self._stream.readline()
        if not raw:
            raise StopIteration
        self.consumed += len(raw)
        self.last = raw
        return raw.decode("utf-8", "surrogateescape")


def _csv_journal(path: str, stream: io.BufferedReader, writer: Writer) -> Journal:
    lines = _TrackedLines(stream)
    reader = csv.reader(lines, delimiter=writer.layout.out_delimiter)
    header = writer.header_cells()
    journal = Journal()
    try:
        found = next(reader, None)
        if found is None or not lines.last.endswith(b"\r\n"):
            return journal  # not even a whole header yet: start afresh
        if [found[0].removeprefix("\ufeff"), *found[1:]] != header:
            raise UsageError(_OTHER_COLUMNS.format(path=path))
        journal.keep = lines.consumed
        _csv_records_into(journal, reader, lines, len(header), path)
    except csv.Error:
        raise UsageError(_DAMAGED.format(path=path, row=journal.done + 1)) from None
    return journal


def _csv_records_into(journal: Journal, reader: Iterator[list[str]], lines: _TrackedLines,
                      width: int, path: str) -> None:
    partial = False
    for record in reader:
        complete = len(record) == width and lines.last.endswith(b"\r\n")
        if partial or (complete and record[width - 5] != str(journal.done + 1)):
            raise UsageError(_DAMAGED.format(path=path, row=journal.done + 1))
        if not complete:
            partial = True  # only the very last record may be cut short
            continue
        size = lines.consumed - journal.keep
        journal.add(record[width - 3], record[width - 2].split(), record[:width - 5], size)


def skip_done(rows: Iterator[Row], journal: Journal, writer: Writer, path: str) -> None:
    """Skip the rows already in the output, checking that they are this input's rows."""
    for number in range(1, journal.done + 1):
        row = next(rows, None)
        if row is None or (number in (1, journal.done)
                           and writer.carried(row) != (journal.first if number == 1
                                                       else journal.last)):
            raise UsageError(_OTHER_INPUT.format(path=path, row=number))


_DAMAGED = Text(
    "«{path}» no es una salida de iess-diag batch en este formato, o está dañada (registro "
    "{row}). Use otro --output, o --force para empezar de nuevo.",
    "'{path}' is not an iess-diag batch output in this format, or it is damaged (record "
    "{row}). Use another --output, or --force to start over.")


_OTHER_COLUMNS = Text(
    "«{path}» tiene otras columnas: no es la salida de este archivo. Use otro --output, o "
    "--force para empezar de nuevo.",
    "'{path}' has other columns: it is not the output for this file. Use another --output, or "
    "--force to start over.")


_OTHER_INPUT = Text(
    "«{path}» se escribió para otro archivo de entrada (la fila {row} no coincide). Use otro "
    "--output, o --force para empezar de nuevo.",
    "'{path}' was written for another input file (row {row} does not match). Use another "
    "--output, or --force to start over.")
