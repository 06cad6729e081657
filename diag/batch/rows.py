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


class LineTooLong(Exception):
    """A physical line longer than FIELD_LIMIT; it has been skipped."""


class Lines:
    """The physical lines of a text stream, none longer than FIELD_LIMIT characters."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self._pushed: list[str] = []

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        if self._pushed:
            return self._pushed.pop()
        line = self._text.readline(FIELD_LIMIT + 1)
        if not line:
            raise StopIteration
        if len(line) > FIELD_LIMIT:
            while line and not line.endswith(("\n", "\r")):
                line = self._text.readline(FIELD_LIMIT)
            raise LineTooLong
        return line

    def push(self, line: str) -> None:
        self._pushed.append(line)


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, header not counted
    fields: tuple[str, ...]  # as read, with undecodable bytes shown as U+FFFD
    address: str
    notes: tuple[Finding, ...] = ()  # batch.bad_row findings
    unreadable: bool = False
    undecodable: bool = False  # the address itself held bytes that are not text
    damaged: bool = False  # some field held bytes that are not text


def read_rows(lines: Lines, layout: Layout, start: int = 1) -> Iterator[Row]:
    records = _list_records(lines) if layout.delimiter is None else _csv_records(lines, layout)
    for number, record in enumerate(records, start):
        yield _to_row(number, record, layout)


def _list_records(lines: Lines) -> Iterator[list[str] | str]:
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except LineTooLong:
            yield "too_long"
        else:
            yield [line.rstrip("\r\n")]


def _csv_records(lines: Lines, layout: Layout) -> Iterator[list[str] | str]:
    reader = csv.reader(lines, delimiter=layout.out_delimiter)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except LineTooLong:
            yield "too_long"
        except csv.Error:  # a field over the limit; the reader starts afresh on the next line
            yield "malformed"
        else:
            yield record


def _to_row(number: int, record: list[str] | str, layout: Layout) -> Row:
    if isinstance(record, str):
        note = make("batch.bad_row", Status.FAIL, texts={"problem": _UNREADABLE[record]},
                    row=number, reason=record)
        return Row(number, (), "", (note,), unreadable=True)
    fields, damaged = _clean_fields(record)
    address = fields[layout.column] if layout.column < len(fields) else ""
    notes = []
    others = [_column_name(layout, i) for i in damaged if i != layout.column]
    if others:
        notes.append(make("batch.bad_row", texts={"problem": _UNDECODABLE.format(columns=others)},
                          row=number, reason="undecodable", columns=others))
    if layout.delimiter is not None and fields and len(fields) != len(layout.header):
        notes.append(make("batch.bad_row",
                          texts={"problem": _RAGGED.format(found=len(fields),
                                                           expected=len(layout.header))},
                          row=number, reason="ragged", fields=len(fields),
                          expected=len(layout.header)))
    return Row(number, tuple(fields), address, tuple(notes),
               undecodable=layout.column in damaged, damaged=bool(damaged))


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
}


_UNDECODABLE = Text(
    "{columns|la columna|las columnas} {columns} {columns|tiene|tienen} bytes que no son texto "
    "en la codificación del archivo; se muestran como «�».",
    "the {columns|column|columns} {columns} {columns|holds|hold} bytes that are not text in the "
    "file's encoding; they are shown as '�'.")


UNDECODABLE_ADDRESS = Text(
    "tiene bytes que no son texto en la codificación del archivo (se muestran como «�»).",
    "it holds bytes that are not text in the file's encoding (shown as '�').")


_RAGGED = Text("tiene {found} {found|campo|campos} y el encabezado, {expected}.",
               "it has {found} {found|field|fields} and the header {expected}.")
