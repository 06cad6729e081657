"""Files named on the command line: checked before a long run, and failures of the machine
(a full disk, a closed output) said in one line."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

from diag.errors import DiagError, EnvironmentFailed, UsageError
from diag.i18n import Text

SUMMARY_SCHEMA = "iess-diag-batch-summary/1"  # as Summary.to_dict writes it
# The machine failed, not the tool: said plainly, with its own exit status.
ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS,
                                errno.EBADF})


class ClosedOutput(io.TextIOBase):
    """Stands for a stdout the shell closed (`>&-`): writing to it is an environment failure."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def check_summary_path(summary: Path, input_path: str, output: Path | None, *,
                       force: bool, resume: bool) -> bool:
    """Refuse now, not after hours of work: the input, the output, or an existing file without
    --force (with --resume, the summary an earlier run of it wrote may be replaced); a folder it
    cannot write in. Returns whether the file may be replaced."""
    from diag.private_files import NotOurs, check_writable

    for other in (input_path, output):
        if other is not None and str(other) != "-" and _same(summary, Path(other)):
            raise UsageError(_SUMMARY_IS_DATA.format(path=summary))
    replace = force or (resume and _a_summary(summary))
    try:
        check_writable(summary, replace=replace)
    except NotOurs:
        raise UsageError(_SUMMARY_EXISTS.format(path=summary)) from None
    except OSError as error:
        raise UsageError(_CANNOT_WRITE.format(path=summary, reason=error.strerror or "")) from None
    return replace


def _a_summary(path: Path) -> bool:
    """A regular file holding a batch summary: what an earlier run of this command wrote."""
    import json

    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8") as stream:
            data = json.loads(stream.read(1 << 20))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("schema") == SUMMARY_SCHEMA


def _same(one: Path, other: Path) -> bool:
    if one.resolve() == other.resolve():
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def output_failed(error: OSError, output: Path | None) -> DiagError:
    """An OSError while writing results, in words: a full disk keeps what was written."""
    full = error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    if output is not None and full:
        return EnvironmentFailed(_FULL_KEPT.format(path=output))
    return environment_failed(error)


def environment_failed(error: OSError) -> DiagError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return EnvironmentFailed(_FULL)
    if error.errno == errno.EBADF:
        return EnvironmentFailed(_CLOSED)
    return EnvironmentFailed(_CANNOT_OUTPUT.format(reason=error.strerror or type(error).__name__))


_SUMMARY_IS_DATA = Text(
    "--summary «{path}» es el archivo de entrada o el de salida: elija otro nombre.",
    "--summary '{path}' is the input or the output file: choose another name.")


_SUMMARY_EXISTS = Text(
    "--summary «{path}» ya existe (o es un enlace): elija otro nombre, o use --force para "
    "reemplazarlo.",
    "--summary '{path}' already exists (or is a link): choose another name, or use --force to "
    "replace it.")


_CANNOT_WRITE = Text("no se puede escribir «{path}»: {reason}.",
                     "cannot write '{path}': {reason}.")


_FULL_KEPT = Text(
    "no queda espacio en el disco para «{path}»; lo escrito se conserva: libere espacio y repita "
    "el mismo comando con --resume.",
    "no space left on the disk for '{path}'; what was written is kept: free some space and run "
    "the same command again with --resume.")


_FULL = Text("no queda espacio en el disco para escribir la salida.",
             "no space left on the disk to write the output.")


_CANNOT_OUTPUT = Text("no se pudo escribir la salida: {reason}.",
                      "could not write the output: {reason}.")


_CLOSED = Text("la salida estándar está cerrada: no hay dónde escribir el resultado.",
               "standard output is closed: there is nowhere to write the result.")
