"""The outside world as the CLI sees it, swappable in tests (httpie's Environment)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, TextIO, cast

import typer

from diag.i18n import Lang, default_lang
from diag.render import Format
from diag.render.terminal import visible


@dataclass
class Environment:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    debug: bool = False  # the root's --debug
    root_lang: Lang | None = None  # the root's --lang: `iess-diag --lang es COMMAND`

    def __post_init__(self) -> None:
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = _isatty(self.stderr)

    def lang(self, chosen: Lang | None) -> Lang:
        if chosen is not None:
            return chosen
        if self.root_lang is not None:
            return self.root_lang
        named = self.environ.get("IESS_DIAG_LANG", "").strip().lower()
        return Lang(named) if named in ("es", "en") else default_lang(self.environ)

    def format(self, chosen: Format | None) -> Format:
        if chosen is not None:
            return chosen
        return Format.TABLE if self.stdout_isatty else Format.JSON

    def values(self, given: list[str]) -> list[str]:
        """The command line's values; `-` alone means one value per non-blank line of stdin."""
        if given != ["-"]:
            return given
        text = self._stdin_text().removeprefix("\ufeff")  # a file's BOM is not what was typed
        return [line.strip("\r") for line in text.split("\n") if line.strip()]

    def _stdin_text(self) -> str:
        """All of stdin, in the encoding its bytes show (UTF-16 from Notepad, say), as batch
        reads a file; a binary stdin is a UsageError."""
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is None:  # already text (a test's StringIO)
            return self.stdin.read()
        from diag.batch.files import decoded

        return decoded(buffer, None)[0].read()

    def color(self) -> bool:
        """Colour on stdout as rich decides it: a terminal (or a non-empty FORCE_COLOR), a
        terminal type that has colours, and no non-empty NO_COLOR."""
        from rich.console import Console

        # An empty NO_COLOR or FORCE_COLOR means unset (no-color.org); rich 13.8, our floor, reads a
        # present-but-empty one as set, so empty ones are not passed on.
        environ = {k: v for k, v in self.environ.items()
                   if v or k not in ("NO_COLOR", "FORCE_COLOR")}
        console = Console(file=cast(IO[str], _Tty(self.stdout, bool(self.stdout_isatty))),
                          _environ=environ)
        return console.is_terminal and console.color_system is not None and not console.no_color

    def width(self) -> int:
        return shutil.get_terminal_size((100, 24)).columns if self.stdout_isatty else 100

    def write(self, text: str) -> None:
        _write(self.stdout, text)

    def note(self, text: str) -> None:
        """Progress and warnings: stderr, so that stdout stays a clean report. Messages may quote
        the input (a CSV header, a file name): its control characters are shown escaped."""
        _write(self.stderr, "\n".join(visible(line) for line in text.split("\n")) + "\n")


def _write(stream: TextIO, text: str) -> None:
    """Never lose a report to the terminal's encoding: what it cannot show goes escaped (a
    Latin-1 name in argv, a ✔ on an ASCII terminal)."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


class _Tty:
    """What rich asks of the output stream, answered as this Environment says (tests swap it)."""

    def __init__(self, stream: TextIO, isatty: bool) -> None:
        self._stream, self._isatty = stream, isatty

    def isatty(self) -> bool:
        return self._isatty

    def write(self, text: str) -> int:
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def current(ctx: typer.Context) -> Environment:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment()
