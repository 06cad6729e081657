"""Reading an export row by row, bounded in line length, bad rows kept as findings."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from diag.batch.layout import Layout
from diag.batch.settings import FIELD_LIMIT
from diag.codes import make
from diag.findings import Finding, Status
from diag.i18n import Text

_SURROGATE = re.compile("[\ud800-\udfff]")
LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
_ADDRESS = re.compile(r"[^@\s\"]+@[^@\s\"]+\.[^@\s\"]+")

# Lines one quoted field may span. A notes cell is a few lines; past this, an open quote is
# far likelier a stray one that would swallow the rows after it (issue 9).
MAX_RECORD_LINES = 100


class LineTooLong(Exception):
    """A physical line longer than FIELD_LIMIT; it has been skipped."""


class _OpenQuote(Exception):
    """A quoted field still open at the end of the input, or past the record's bounds."""


class Lines:
    """The physical lines of a text stream, none longer than FIELD_LIMIT; lines can be put back."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self._pushed: list[str | None] = []  # None stands for a line that was too long
        self.position = 0  # lines handed out so far, minus those put back

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self._pushed.pop() if self._pushed else self._read()
        self.position += 1
        if line is None:
            raise LineTooLong
        return line

    def _read(self) -> str | None:
        line = self._text.readline(FIELD_LIMIT + 1)
        if not line:
            raise StopIteration
        if len(line) > FIELD_LIMIT:
            while line and not line.endswith(("\n", "\r")):
                line = self._text.readline(FIELD_LIMIT)
            return None
        return line

    def push(self, *lines: str | None) -> None:
        """Put lines back, to be read again in the order given."""
        self._pushed.extend(reversed(lines))
        self.position -= len(lines)


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, header not counted
    fields: tuple[str, ...]  # as read, with undecodable bytes shown as U+FFFD
    address: str
    notes: tuple[Finding, ...] = ()  # batch.bad_row findings
    unreadable: bool = False
    undecodable: bool = False  # the address itself held bytes that are not text
    damaged: bool = False  # some field held bytes that are not text
    lines: int = 1  # physical lines the row spans


@dataclass(frozen=True)
class _Record:
    fields: list[str] | None  # None: unreadable, for `reason`
    line: int  # 1-based physical line where it starts, header counted
    lines: int = 1
    reason: str = ""


def read_rows(lines: Lines, layout: Layout, start: int = 1) -> Iterator[Row]:
    records = _list_records(lines) if layout.delimiter is None else _csv_records(lines, layout)
    for number, record in enumerate(records, start):
        yield _to_row(number, record, layout)


def _list_records(lines: Lines) -> Iterator[_Record]:
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except LineTooLong:
            yield _Record(None, lines.position, reason="too_long")
        else:
            yield _Record([line.rstrip("\r\n")], lines.position)


class _Feed:
    """The lines of one record at a time, as the csv reader asks for them.

    The reader asks for another line only while a quoted field is open, so a record that
    needs one past the end of the input, or past its bounds, has an unclosed quote.
    """

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.taken: list[str] = []
        self.start = 0
        self.skipped_long = False  # a line over the limit was reached inside the record

    def begin(self) -> None:
        self.taken, self.start, self.skipped_long = [], self.lines.position, False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.taken and (len(self.taken) >= MAX_RECORD_LINES
                           or sum(map(len, self.taken)) > FIELD_LIMIT):
            raise _OpenQuote
        try:
            line = next(self.lines)
        except StopIteration:
            if self.taken:
                raise _OpenQuote from None
            raise
        except LineTooLong:
            if not self.taken:
                raise
            self.skipped_long = True
            raise _OpenQuote from None
        self.taken.append(line)
        return line

    def broken(self, reason: str) -> _Record:
        """The record's first line is a bad row; reading resumes on the line after it."""
        self.lines.push(*self.taken[1:], *([None] if self.skipped_long else []))
        return _Record(None, self.start + 1, reason=reason)


def _csv_records(lines: Lines, layout: Layout) -> Iterator[_Record]:
    feed = _Feed(lines)
    reader = csv.reader(feed, delimiter=layout.out_delimiter)
    spilling = False  # after an unclosed quote, until a row has the header's columns
    while True:
        feed.begin()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except LineTooLong:
            yield _Record(None, feed.start + 1, reason="too_long")
            continue
        except (_OpenQuote, csv.Error) as error:  # csv.Error: a field over the limit
            spilling = True
            yield feed.broken("unclosed_quote" if isinstance(error, _OpenQuote) or
                              len(feed.taken) > 1 else "malformed")
            continue
        if len(feed.taken) > 1 and _glued(feed.taken, layout):
            spilling = True
            yield feed.broken("unclosed_quote")
        elif spilling and not _row_like(fields, layout):  # blank lines included
            yield _Record(None, feed.start + 1, reason="quote_spill")
        else:
            spilling = False
            yield _Record(fields, feed.start + 1, len(feed.taken))


def _glued(taken: list[str], layout: Layout) -> bool:
    """A record over several lines that looks like rows glued together by a stray quote."""
    try:
        records = list(csv.reader(taken, delimiter=layout.out_delimiter, strict=True))
    except csv.Error:
        return True
    if len(records) != 1 or len(records[0]) != len(layout.header):
        return True
    return any(_looks_like_row(line, layout) for line in taken[1:])


def _looks_like_row(line: str, layout: Layout) -> bool:
    try:
        fields = next(csv.reader([line], delimiter=layout.out_delimiter), [])
    except csv.Error:  # a lone CR inside the line: not a row of its own
        return False
    return len(fields) == len(layout.header) and _has_address(fields, layout)


def _row_like(fields: list[str], layout: Layout) -> bool:
    """After an unclosed quote: the header's columns, or an address where the address goes."""
    return len(fields) == len(layout.header) or _has_address(fields, layout)


def _has_address(fields: list[str], layout: Layout) -> bool:
    return (layout.column < len(fields)
            and _ADDRESS.fullmatch(fields[layout.column].strip()) is not None)


def _to_row(number: int, record: _Record, layout: Layout) -> Row:
    if record.fields is None:
        # The row was not read, so its address was not checked: unknown, never a problem.
        note = make("batch.bad_row", Status.UNKNOWN,
                    texts={"problem": _UNREADABLE[record.reason]}, row=number,
                    reason=record.reason, line=record.line)
        return Row(number, (), "", (note,), unreadable=True)
    fields, damaged = _clean_fields(record.fields)
    address = fields[layout.column] if layout.column < len(fields) else ""
    notes = []
    others = [_column_name(layout, i) for i in damaged if i != layout.column]
    if others:
        wording = _UNDECODABLE_ONE if len(others) == 1 else _UNDECODABLE
        notes.append(make("batch.bad_row", texts={"problem": wording.format(columns=others)},
                          row=number, reason="undecodable", columns=others))
    if layout.delimiter is not None and fields and len(fields) != len(layout.header):
        notes.append(make("batch.bad_row",
                          texts={"problem": (_RAGGED_ONE if len(fields) == 1 else _RAGGED)
                                 .format(found=len(fields),
                                                           expected=len(layout.header))},
                          row=number, reason="ragged", fields=len(fields),
                          expected=len(layout.header)))
    return Row(number, tuple(fields), address, tuple(notes),
               undecodable=layout.column in damaged, damaged=bool(damaged), lines=record.lines)


def _clean_fields(record: list[str]) -> tuple[list[str], list[int]]:
    """Undecodable bytes (surrogate escapes) become U+FFFD, so every output is valid UTF-8."""
    damaged = [i for i, value in enumerate(record) if _SURROGATE.search(value)]
    for i in damaged:
        record[i] = record[i].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        record[i] = _SURROGATE.sub("\ufffd", record[i])
    return record, damaged


def _column_name(layout: Layout, index: int) -> str:
    return layout.keys[index] if index < len(layout.keys) else f"#{index + 1}"


_UNREADABLE = {
    "too_long": Text("la línea pasa de 1 MB, así que no es una fila de direcciones.",
                     "the line is over 1 MB long, so it is not a row of addresses."),
    "malformed": Text("un campo pasa de 1 MB (¿comillas sin cerrar?).",
                      "a field is over 1 MB long (an unclosed quote?)."),
    "unclosed_quote": Text(
        "abre comillas que no se cierran en un lugar razonable (al final del archivo, tras "
        f"más de {MAX_RECORD_LINES} líneas o pegando otras filas); se lee la línea siguiente "
        "como otra fila.",
        "it opens a quote that does not close in a sensible place (at the end of the file, "
        f"after more than {MAX_RECORD_LINES} lines or gluing other rows on); the next line is "
        "read as another row."),
    "quote_spill": Text(
        "parece la continuación de una celda con comillas sin cerrar de una fila anterior (no "
        "tiene las columnas del encabezado).",
        "it looks like the rest of a cell with an unclosed quote on an earlier row (it does not "
        "have the header's columns)."),
}


_UNDECODABLE = Text(
    "las columnas {columns} tienen bytes que no son texto en la codificación del archivo; se "
    "muestran como «�».",
    "the columns {columns} hold bytes that are not text in the file's encoding; they are "
    "shown as '�'.")


_UNDECODABLE_ONE = Text(
    "la columna {columns} tiene bytes que no son texto en la codificación del archivo; se "
    "muestran como «�».",
    "the column {columns} holds bytes that are not text in the file's encoding; they are "
    "shown as '�'.")


UNDECODABLE_ADDRESS = Text(
    "tiene bytes que no son texto en la codificación del archivo (se muestran como «�»).",
    "it holds bytes that are not text in the file's encoding (shown as '�').")


_RAGGED = Text("tiene {found} campos y el encabezado {expected}.",
               "it has {found} fields and the header {expected}.")


_RAGGED_ONE = Text("tiene un solo campo y el encabezado {expected}.",
                   "it has a single field and the header {expected}.")
