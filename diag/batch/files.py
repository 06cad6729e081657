"""Opening the input and preparing the output file, with plain-language errors."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
from typing import TextIO

from diag.batch.resume import Journal, read_journal, skip_done
from diag.batch.run import Batch
from diag.batch.summary import Summary
from diag.errors import UsageError
from diag.i18n import Text, os_error_text


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
        raise UsageError(_CANNOT_READ.format(path=path, reason=os_error_text(error))) from None


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
        reason = os_error_text(IsADirectoryError(errno.EISDIR, ""))
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=reason))
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
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=os_error_text(error))) from None
    if journal.keep == 0:
        sink.write(batch.writer.header())
    journal.summary.resumed = journal.done
    return sink, journal.summary


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
