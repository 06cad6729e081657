"""Opening the input and preparing the output file, with plain-language errors."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from diag import private_files
from diag.batch.encoding import ESCAPE, HEAD, Choice, choose
from diag.batch.resume import read_journal, skip_done
from diag.errors import UsageError
from diag.i18n import Text, os_error_text

if TYPE_CHECKING:
    from diag.batch.output import Writer
    from diag.batch.rows import Row
from diag.batch.run import Batch
from diag.batch.summary import Summary


def open_input(path: str, stdin: TextIO, encoding: str | None) -> tuple[TextIO, Choice]:
    """The input as text, in `encoding` or (None) the one its first bytes show; undecodable
    bytes are kept as surrogate escapes and reported per row. Not text: a UsageError."""
    try:
        if encoding is not None:
            codecs.lookup(encoding)
        if path == "-":
            buffer = getattr(stdin, "buffer", None)
            if buffer is None:  # already text (a test's StringIO)
                return stdin, Choice(encoding or "utf-8")
            return decoded(buffer, encoding)
        if os.path.isdir(path):
            raise IsADirectoryError(errno.EISDIR, "")
        raw = open(path, "rb")  # noqa: SIM115 - the text stream returned owns it
    except LookupError:
        raise UsageError(_BAD_ENCODING.format(encoding=encoding)) from None
    except FileNotFoundError:
        raise UsageError(_NO_FILE.format(path=path)) from None
    except OSError as error:
        raise UsageError(_CANNOT_READ.format(path=path, reason=os_error_text(error))) from None
    try:
        return decoded(raw, encoding)
    except BaseException:
        raw.close()
        raise


def decoded(raw: BinaryIO, encoding: str | None) -> tuple[TextIO, Choice]:
    """A byte stream as text, in `encoding` or the one its first bytes show (see encoding.py)."""
    head = b""
    while len(head) < HEAD and (block := raw.read(HEAD - len(head))):  # a pipe gives less
        head += block
    choice = choose(head, encoding)
    whole = io.BufferedReader(_Prefixed(head, raw), buffer_size=HEAD)
    return io.TextIOWrapper(whole, encoding=choice.codec, errors=ESCAPE, newline=""), choice


class _Prefixed(io.RawIOBase):
    """The bytes already read to choose the encoding, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        block = self._rest.read(len(buffer))
        buffer[:len(block)] = block
        return len(block)

    def close(self) -> None:
        self._rest.close()
        super().close()


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
    """Open the output for writing: afresh (0600, never through a link), or after the last
    complete record with --resume."""
    if input_path != "-" and os.path.exists(path) and os.path.samefile(path, input_path):
        raise UsageError(_SAME_FILE)
    if os.path.isdir(path):
        reason = os_error_text(IsADirectoryError(errno.EISDIR, ""))
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=reason))
    target = Path(path)
    try:
        if private_files.is_device(target):  # /dev/stdout, a pipe: nothing to protect
            device = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            device.write(batch.writer.header())
            return device, Summary()
        if resume and os.path.lexists(path) and os.lstat(path).st_size > 0:
            return _resume(target, batch)
        if os.path.lexists(path) and not force and not private_files.empty_regular(target):
            raise UsageError(_WOULD_OVERWRITE.format(path=path))
        sink = private_files.create_stream(target, replace=force, first=batch.writer.header())
    except private_files.NotOurs:
        raise UsageError(_NOT_OURS.format(path=path)) from None
    except OSError as error:
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=os_error_text(error))) from None
    return sink, Summary()


def _resume(target: Path, batch: Batch) -> tuple[TextIO, Summary]:
    """Keep an earlier run's records, but only if all the file holds is what this run writes."""
    path = str(target)
    if target.is_symlink():
        raise UsageError(_NOT_OURS.format(path=path))
    journal = read_journal(path, batch.writer)
    skip_done(batch.rows, journal, batch.writer, path)
    following = next(batch.rows, None)
    if following is not None:
        batch.rows = itertools.chain([following], batch.rows)
    with open(path, "rb") as stream:
        stream.seek(journal.keep)
        tail = stream.read(1 << 16)
    if not _continues(tail, journal.keep, batch.writer, following):
        raise UsageError(_NOT_OUR_OUTPUT.format(path=path))
    sink = private_files.reopen_own(target, keep=journal.keep)
    if journal.keep == 0:
        sink.write(batch.writer.header())
    journal.summary.resumed = journal.done
    return sink, journal.summary


def _continues(tail: bytes, keep: int, writer: Writer, following: Row | None) -> bool:
    """The bytes after the last complete record are the cut-short start of what this run
    writes next (the header, or the next row's record), or nothing."""
    if not tail:
        return True
    header = writer.header().encode()
    if keep == 0 and header:
        return header.startswith(tail)
    start = writer.record_start(following).encode()
    return bool(start) and (start.startswith(tail) or tail.startswith(start))


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


_NOT_OURS = Text(
    "«{path}» es un enlace, o un archivo de otro usuario: iess-diag no escribe sobre él. Use "
    "otro --output.",
    "'{path}' is a link, or a file of another user: iess-diag does not write over it. Use "
    "another --output.")


_NOT_OUR_OUTPUT = Text(
    "«{path}» no es una salida de iess-diag batch para este archivo en este formato: no se toca. "
    "Use otro --output, o --force para reemplazarlo.",
    "'{path}' is not an iess-diag batch output for this file in this format: it is left "
    "untouched. Use another --output, or --force to replace it.")
