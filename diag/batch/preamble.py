"""What comes before the rows: blank lines, a title line above the header, the header itself."""

from __future__ import annotations

import dataclasses

from diag.batch.layout import Layout, detect_layout
from diag.batch.rows import Lines, LineTooLong
from diag.errors import UsageError
from diag.i18n import Text

_BLANK = "\ufeff \t\r\n;,|"  # a line of nothing, or of delimiters only (Excel's empty row)
_TITLE_LIMIT = 3  # blank or title lines looked past at most before the header


def read_layout(lines: Lines, column: str | None) -> Layout:
    """The layout, from the first line that is not blank; a title line ("Listado de
    afiliados") right above a header is skipped, not checked as an address. The lines that are
    rows are put back."""
    try:
        first, bom = _first_filled(lines)
        layout = dataclasses.replace(detect_layout(first, column), bom=bom)
        if not layout.has_header and "@" not in first:
            layout = _header_below(lines, first, layout, column)
    except LineTooLong:
        raise UsageError(NOT_A_LIST) from None
    except UnicodeDecodeError:  # only with an encoding that cannot surrogate-escape
        raise UsageError(NOT_A_LIST) from None
    if not layout.has_header:
        lines.push(first)
    return layout


def _first_filled(lines: Lines) -> tuple[str, bool]:
    bom = False
    for _ in range(_TITLE_LIMIT + 1):
        line = next(lines, "")
        bom = bom or line.startswith("\ufeff")
        if line == "":
            break
        if line.strip(_BLANK):
            return line.removeprefix("\ufeff"), bom
    if line:  # more blank lines than a spreadsheet leaves: rows, from here on
        return line.removeprefix("\ufeff"), bom
    raise UsageError(EMPTY_INPUT)


def _header_below(lines: Lines, first: str, layout: Layout, column: str | None) -> Layout:
    """The header on the line after `first`, when that one has one (`first` is then a title)."""
    second = next(lines, "")
    try:
        below = detect_layout(second, column) if second else None
    except UsageError:  # a delimiter but no address column: not a header
        below = None
    if below is None or not below.has_header or below.delimiter is None:
        if second:
            lines.push(second)
        return layout
    return dataclasses.replace(below, bom=layout.bom, title=first.strip())


TITLE_SKIPPED = Text("la primera línea («{title}») es un título, no una fila: se omitió; el "
              "encabezado es la línea siguiente.",
              "the first line ('{title}') is a title, not a row: it was skipped; the header is "
              "the next line.")


NOT_A_LIST = Text("el archivo no es un CSV ni una lista de direcciones (su primera línea pasa "
                  "de 1 MB o no es texto).",
                  "the file is not a CSV nor a list of addresses (its first line is over 1 MB "
                  "or not text).")


EMPTY_INPUT = Text("el archivo está vacío: no hay direcciones que revisar.",
                   "the file is empty: there are no addresses to check.")
