"""The shape of an export: CSV with a header (which column holds the address), or a plain list."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass

from diag.errors import UsageError
from diag.i18n import Text

_DELIMITERS = (";", ",", "\t", "|")  # `;` wins ties: Excel in Spanish locales writes it


_HEADER_NAMES = {"email", "correo", "mail", "correoelectronico", "emailaddress", "ecorreo",
                 "direcciondecorreo", "direcciondecorreoelectronico", "direccionelectronica"}


_HEADER_WORDS = ("mail", "correo")


@dataclass(frozen=True)
class Layout:
    """How the input is laid out; a plain list is read line by line, never as CSV."""

    header: tuple[str, ...]  # as in the file; ("email",) for a list without a header
    keys: tuple[str, ...]  # unique, non-empty names for the JSON "columns" object
    column: int  # index of the address column
    delimiter: str | None  # None: one address per line
    has_header: bool
    bom: bool
    title: str | None = None  # a title line above the header, skipped (diag.batch.preamble)

    @property
    def out_delimiter(self) -> str:
        return self.delimiter or ","


def detect_layout(first_line: str, column: str | None = None) -> Layout:
    """Decide from the first line: a delimiter makes a CSV with a header; otherwise a list,
    whose first line is a header only when it is a column name like email/correo/mail."""
    bom = first_line.startswith("\ufeff")
    line = first_line.removeprefix("\ufeff").rstrip("\r\n")
    delimiter = _sniff(line)
    names = _split(line, delimiter or ",") if line else [""]
    if delimiter is None and column is None and not _looks_like_header(names[0]):
        return Layout(("email",), ("email",), 0, None, False, bom)
    if delimiter is None and line.startswith('"'):
        delimiter = ","  # `"Correo"`: a one-column CSV, whose cells are quoted too
    if delimiter is not None and column is None and (found := _address_field(names)) is not None:
        # `ana@gmail.com;` or `Ana;ana@gmail.com`: rows without a header, not a header.
        keys = tuple(f"column_{i}" for i in range(1, len(names) + 1))
        return Layout(keys, keys, found, delimiter, False, bom)
    index = _pick_column(names, column)
    return Layout(tuple(names), _unique_keys(names), index, delimiter, True, bom)


def _address_field(names: list[str]) -> int | None:
    """The one field of a first line that is an address (so the line is a row), if any."""
    found = [i for i, name in enumerate(names) if _ADDRESS.fullmatch(name.strip())]
    return found[0] if len(found) == 1 else None


_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [""])


def _sniff(line: str) -> str | None:
    best, most = None, 1
    for delimiter in _DELIMITERS:
        count = len(_split(line, delimiter))
        if count > most:
            best, most = delimiter, count
    return best


def normalize_name(name: str) -> str:
    """A column name without accents, case, spaces or punctuation: "Correo Electrónico" ->
    "correoelectronico"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.casefold() if c.isalnum() and c.isascii())


def _looks_like_header(name: str) -> bool:
    plain = normalize_name(name)
    return "@" not in name and (plain in _HEADER_NAMES or any(w in plain for w in _HEADER_WORDS))


def _pick_column(names: list[str], column: str | None) -> int:
    plain = [normalize_name(n) for n in names]
    if column is not None:
        for candidates in (names, plain):
            wanted = column if candidates is names else normalize_name(column)
            if wanted in candidates:
                return candidates.index(wanted)
        if column.isascii() and column.isdigit() and 1 <= int(column) <= len(names):
            return int(column) - 1
        raise UsageError(_NO_SUCH_COLUMN.format(column=column, found=_shown(names)))
    for i, name in enumerate(names):
        if plain[i] in _HEADER_NAMES and "@" not in name:
            return i
    for i, name in enumerate(names):
        if _looks_like_header(name):
            return i
    raise UsageError(_NO_ADDRESS_COLUMN.format(found=_shown(names)))


def _shown(names: list[str]) -> str:
    shown = [f"«{n[:40]}»" for n in names[:12]]
    return ", ".join(shown) + (" …" if len(names) > 12 else "")


def _unique_keys(names: list[str]) -> tuple[str, ...]:
    keys: list[str] = []
    for i, name in enumerate(names, 1):
        key = name.strip() or f"column_{i}"
        keys.append(f"{key}_{i}" if key in keys else key)
    return tuple(keys)


_NO_SUCH_COLUMN = Text("no hay ninguna columna «{column}». Columnas del archivo: {found}.",
                       "there is no column '{column}'. Columns in the file: {found}.")


_NO_ADDRESS_COLUMN = Text(
    "ninguna columna parece de correo (email, correo, mail). Columnas: {found}. Indique cuál "
    "con --column NOMBRE.",
    "no column looks like an address column (email, correo, mail). Columns: {found}. Name it "
    "with --column NAME.")
