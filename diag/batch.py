"""batch: check a whole export of addresses, streaming, in input order, resumable.

The output file is its own journal: records are written whole, in row order, so `--resume` reads
it back, drops a partial last record and carries on after the last complete one.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import csv
import errno
import io
import json
import os
import re
import signal
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from diag.address import MAX_INPUT
from diag.catalog import make
from diag.email_check import EmailChecker
from diag.errors import ExitStatus, UsageError
from diag.findings import Finding, Report, Status, Verdict
from diag.i18n import Lang, Text
from diag.lookups import DEFAULT_DNS_TIMEOUT, DnsLookups, make_resolver

if TYPE_CHECKING:
    pass

COMMAND = "batch"
DEFAULT_CONCURRENCY = 64
# Longest line or field read, in characters. An address is at most 254; past 1 MB a "field" is
# a broken export, and holding it would only cost memory. Such a row is reported, not read.
FIELD_LIMIT = 1 << 20
_WINDOW_PER_SLOT = 64  # rows in flight per DNS slot: room to work around a slow head row
_DELIMITERS = (";", ",", "\t", "|")  # `;` wins ties: Excel in Spanish locales writes it
_HEADER_NAMES = {"email", "correo", "mail", "correoelectronico", "emailaddress", "ecorreo",
                 "direcciondecorreo", "direcciondecorreoelectronico", "direccionelectronica"}
_HEADER_WORDS = ("mail", "correo")
CSV_COLUMNS = ("iess_row", "iess_address", "iess_verdict", "iess_codes", "iess_message")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True)
class Settings:
    column: str | None = None
    output_format: OutputFormat = OutputFormat.JSONL
    lang: Lang = Lang.EN
    nameservers: tuple[str, ...] = ()
    dns_timeout: float = DEFAULT_DNS_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY
    encoding: str = "utf-8"


# -- layout: CSV with a header, or a plain list ---------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How the input is laid out; a plain list is read line by line, never as CSV."""

    header: tuple[str, ...]  # as in the file; ("email",) for a list without a header
    keys: tuple[str, ...]  # unique, non-empty names for the JSON "columns" object
    column: int  # index of the address column
    delimiter: str | None  # None: one address per line
    has_header: bool
    bom: bool

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
    index = _pick_column(names, column)
    return Layout(tuple(names), _unique_keys(names), index, delimiter, True, bom)


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
        if column.isdigit() and 1 <= int(column) <= len(names):
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


# -- rows ------------------------------------------------------------------------------------


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


# -- checking --------------------------------------------------------------------------------


class Checker:
    """Checks rows: unreadable and undecodable rows become findings, the rest go to check-email."""

    def __init__(self, emails: EmailChecker) -> None:
        self._emails = emails

    async def check(self, row: Row) -> Report:
        if row.unreadable:
            return Report(COMMAND, "", None, row.notes)
        if row.undecodable:
            invalid = make("address.invalid", texts={"reason": _UNDECODABLE_ADDRESS},
                           input=row.address[:80], reason="undecodable", validator_message=None)
            return Report(COMMAND, row.address[:MAX_INPUT], None, (invalid, *row.notes))
        typed = row.address[:MAX_INPUT + 1]  # longer is "too long" anyway; never hold more
        return await self._emails.check(typed, row.notes)


# -- writing ---------------------------------------------------------------------------------


class Writer:
    """Turns a checked row into one output record (a whole line, or a whole CSV record)."""

    def __init__(self, layout: Layout, fmt: OutputFormat, lang: Lang) -> None:
        self.layout, self.fmt, self.lang = layout, fmt, lang

    def header(self) -> str:
        if self.fmt is OutputFormat.JSONL:
            return ""
        return ("\ufeff" if self.layout.bom else "") + self._csv_line(
            [*self.layout.header, *CSV_COLUMNS])

    def record(self, row: Row, report: Report) -> str:
        if self.fmt is OutputFormat.JSONL:
            from diag.render.json import report_dict

            data = {"row": row.number, **report_dict(report, self.lang),
                    "columns": self.carried(row)}
            return json.dumps(data, ensure_ascii=True, default=str) + "\n"
        return self._csv_line([*self.carried(row), str(row.number), report.address or "",
                               report.verdict.value, " ".join(report.codes()),
                               headline(report, self.lang)])

    def carried(self, row: Row) -> Any:
        """The row's own columns as this format writes them (what --resume compares)."""
        width = len(self.layout.header)
        if self.fmt is OutputFormat.CSV:
            return [*row.fields[:width], *[""] * (width - len(row.fields))]
        columns: dict[str, Any] = dict(zip(self.layout.keys, row.fields, strict=False))
        if len(row.fields) > width:
            columns["_extra"] = list(row.fields[width:])
        return columns

    def _csv_line(self, fields: list[str]) -> str:
        sink = io.StringIO()
        csv.writer(sink, delimiter=self.layout.out_delimiter, lineterminator="\r\n").writerow(
            fields)
        return sink.getvalue()


_RANK = {Status.FAIL: 4, Status.UNKNOWN: 3, Status.WARN: 2, Status.OK: 1, Status.INFO: 0}


def headline(report: Report, lang: Lang) -> str:
    """The one message that says most: the first worst finding; for a good row, the last ok."""
    if not report.findings:
        return ""
    ranked = [(_RANK[f.status], i if f.status is Status.OK else -i, f)
              for i, f in enumerate(report.findings)]
    best = max(ranked, key=lambda item: item[:2])[2]
    return _LINE_BREAK.sub(" ", best.message.get(lang))


# -- summary ---------------------------------------------------------------------------------


@dataclass
class Summary:
    rows: int = 0  # rows in the output, including those already there on --resume
    resumed: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)  # rows with each code
    seconds: float = 0.0
    interrupted: bool = False
    undecodable: int = 0  # rows with bytes that are not text in the chosen encoding

    def add(self, verdict: str, codes: Iterable[str]) -> None:
        self.rows += 1
        self.verdicts[verdict] += 1
        self.codes.update(set(codes))

    @property
    def checked(self) -> int:
        return self.rows - self.resumed

    def exit_status(self) -> ExitStatus:
        if self.interrupted:
            return ExitStatus.INTERRUPTED
        if self.verdicts[Verdict.PROBLEM]:
            return ExitStatus.PROBLEM
        if self.verdicts[Verdict.INCONCLUSIVE]:
            return ExitStatus.INCONCLUSIVE
        return ExitStatus.OK

    def to_dict(self) -> dict[str, Any]:
        rate = self.checked / self.seconds if self.seconds > 0 else 0.0
        return {"schema": "iess-diag-batch-summary/1", "rows": self.rows,
                "resumed_rows": self.resumed, "checked_rows": self.checked,
                "interrupted": self.interrupted, "seconds": round(self.seconds, 3),
                "rows_per_second": round(rate, 1),
                "verdicts": {v.value: self.verdicts[v] for v in Verdict},
                "codes": dict(sorted(self.codes.items())),
                "undecodable_rows": self.undecodable,
                "exit_status": int(self.exit_status())}


# -- resume ----------------------------------------------------------------------------------


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
    header = [*writer.layout.header, *CSV_COLUMNS]
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


# -- running ---------------------------------------------------------------------------------

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
        try:
            first = next(lines, "")
        except LineTooLong:
            raise UsageError(_NOT_A_LIST) from None
        except UnicodeDecodeError:  # only with an encoding that cannot surrogate-escape
            raise UsageError(_NOT_A_LIST) from None
        if not first.strip("\ufeff \t\r\n"):
            raise UsageError(_EMPTY_INPUT)
        layout = detect_layout(first, settings.column)
        if not layout.has_header:
            lines.push(first)
        writer = Writer(layout, settings.output_format, settings.lang)
        return cls(layout, writer, read_rows(lines, layout), settings)

    def run(self, sink: TextIO, summary: Summary, progress: Progress | None = None) -> Summary:
        """Check every remaining row; on Ctrl-C or SIGTERM, write what is done and stop."""
        started = time.monotonic()
        try:
            asyncio.run(self._main(sink, summary, progress))
        except (KeyboardInterrupt, asyncio.CancelledError):
            summary.interrupted = True
        finally:
            summary.seconds = time.monotonic() - started
        return summary

    async def _main(self, sink: TextIO, summary: Summary, progress: Progress | None) -> None:
        settings = self.settings
        resolver = make_resolver(settings.nameservers, settings.dns_timeout)
        lookups = DnsLookups(resolver, settings.dns_timeout, limit=settings.concurrency)
        checker = Checker(EmailChecker(lookups, limit=settings.concurrency, command=COMMAND))
        window = min(max(settings.concurrency * _WINDOW_PER_SLOT, 1024), 65536)

        def emit(row: Row, report: Report) -> None:
            sink.write(self.writer.record(row, report))
            summary.add(report.verdict.value, report.codes())
            summary.undecodable += row.damaged

        def flush() -> None:
            sink.flush()
            if progress is not None:
                progress(summary.rows)

        with _cancel_on_sigterm():
            await pipeline(self.rows, checker.check, emit, flush, window)


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
                   emit: Callable[[Row, Report], None], flush: Callable[[], None],
                   window: int) -> None:
    """Rows are checked concurrently, at most `window` in flight, and emitted in input order
    as soon as the head of the window is done."""
    pending: deque[tuple[Row, asyncio.Task[Report]]] = deque()

    def ready() -> None:
        wrote = False
        while pending and pending[0][1].done():
            row, task = pending[0]
            report = task.result()  # a bug in a check surfaces here, not as a verdict
            pending.popleft()
            emit(row, report)
            wrote = True
        if wrote:
            flush()

    try:
        for count, row in enumerate(rows, 1):
            while len(pending) >= window:
                await asyncio.wait([pending[0][1]])
                ready()
            pending.append((row, asyncio.ensure_future(check(row))))
            if count % 16 == 0:
                await asyncio.sleep(0)  # let DNS answers in while the reader runs ahead
                ready()
        while pending:
            await asyncio.wait([pending[0][1]])
            ready()
    finally:
        with contextlib.suppress(Exception):
            ready()
        for _, task in pending:
            task.cancel()


# -- files -----------------------------------------------------------------------------------


def open_input(path: str, stdin: TextIO, encoding: str) -> TextIO:
    """The input as text; undecodable bytes are kept as surrogate escapes and reported per row."""
    try:
        codecs.lookup(encoding)
        if path == "-":
            buffer = getattr(stdin, "buffer", None)
            if buffer is None:
                return stdin
            return io.TextIOWrapper(buffer, encoding=encoding, errors="surrogateescape",
                                    newline="")
        return open(path, encoding=encoding, errors="surrogateescape", newline="")
    except LookupError:
        raise UsageError(_BAD_ENCODING.format(encoding=encoding)) from None
    except FileNotFoundError:
        raise UsageError(_NO_FILE.format(path=path)) from None
    except OSError as error:
        raise UsageError(_CANNOT_READ.format(path=path, reason=error.strerror or "")) from None


def count_lines(path: str) -> int | None:
    """A quick estimate of the rows in a file, for a progress bar; None for stdin."""
    if path == "-":
        return None
    count = 0
    with contextlib.suppress(OSError), open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            count += block.count(b"\n")
        return count
    return None


def prepare_output(path: str, batch: Batch, *, resume: bool, force: bool,
                   input_path: str) -> tuple[TextIO, Summary]:
    """Open the output for writing: afresh, or after the last complete record with --resume."""
    if input_path != "-" and os.path.exists(path) and os.path.samefile(path, input_path):
        raise UsageError(_SAME_FILE)
    if os.path.isdir(path):
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=os.strerror(errno.EISDIR)))
    exists = os.path.exists(path) and os.path.getsize(path) > 0
    journal = Journal()
    if resume and exists:
        journal = read_journal(path, batch.writer)
        skip_done(batch.rows, journal, batch.writer, path)
        os.truncate(path, journal.keep)
    elif exists and not force:
        raise UsageError(_WOULD_OVERWRITE.format(path=path))
    try:
        sink = open(path, "a" if resume else "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as error:
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=error.strerror or "")) from None
    if journal.keep == 0:
        sink.write(batch.writer.header())
    journal.summary.resumed = journal.done
    return sink, journal.summary


# -- words -----------------------------------------------------------------------------------

_UNREADABLE = {
    "too_long": Text("la línea pasa de 1 MB, así que no es una fila de direcciones.",
                     "the line is over 1 MB long, so it is not a row of addresses."),
    "malformed": Text("un campo pasa de 1 MB (¿comillas sin cerrar?).",
                      "a field is over 1 MB long (an unclosed quote?)."),
}
_UNDECODABLE = Text(
    "la(s) columna(s) {columns} tienen bytes que no son texto en la codificación del archivo; "
    "se muestran como «�».",
    "the column(s) {columns} hold bytes that are not text in the file's encoding; they are "
    "shown as '�'.")
_UNDECODABLE_ADDRESS = Text(
    "tiene bytes que no son texto en la codificación del archivo (se muestran como «�»).",
    "it holds bytes that are not text in the file's encoding (shown as '�').")
_RAGGED = Text("tiene {found} campo(s) y el encabezado {expected}.",
               "it has {found} field(s) and the header {expected}.")
_NO_SUCH_COLUMN = Text("no hay ninguna columna «{column}». Columnas del archivo: {found}.",
                       "there is no column '{column}'. Columns in the file: {found}.")
_NO_ADDRESS_COLUMN = Text(
    "ninguna columna parece de correo (email, correo, mail). Columnas: {found}. Indique cuál "
    "con --column NOMBRE.",
    "no column looks like an address column (email, correo, mail). Columns: {found}. Name it "
    "with --column NAME.")
_NOT_A_LIST = Text("el archivo no es un CSV ni una lista de direcciones (su primera línea pasa "
                   "de 1 MB o no es texto).",
                   "the file is not a CSV nor a list of addresses (its first line is over 1 MB "
                   "or not text).")
_EMPTY_INPUT = Text("el archivo está vacío: no hay direcciones que revisar.",
                    "the file is empty: there are no addresses to check.")
_BAD_ENCODING = Text("no se conoce la codificación «{encoding}» (pruebe utf-8 o cp1252).",
                     "unknown encoding '{encoding}' (try utf-8 or cp1252).")
_NO_FILE = Text("no existe el archivo «{path}».", "the file '{path}' does not exist.")
_CANNOT_READ = Text("no se puede leer «{path}»: {reason}.", "cannot read '{path}': {reason}.")
_CANNOT_WRITE = Text("no se puede escribir «{path}»: {reason}.",
                     "cannot write '{path}': {reason}.")
_SAME_FILE = Text("la salida no puede ser el mismo archivo de entrada.",
                  "the output cannot be the input file itself.")
_WOULD_OVERWRITE = Text(
    "«{path}» ya existe y no está vacío. Use --resume para continuar una revisión "
    "interrumpida, o --force para reemplazarlo.",
    "'{path}' already exists and is not empty. Use --resume to continue an interrupted run, "
    "or --force to replace it.")
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
