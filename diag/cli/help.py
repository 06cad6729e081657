"""--help in the chosen language, and without Python types in it (`<list[str]>`, `{ADDRESS}`).

The language is known before parsing (--lang, IESS_DIAG_LANG, the locale), so the formatter
translates each piece of help as it writes it; the English stays next to each option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextvars import ContextVar

import typer
from typer._click.formatting import HelpFormatter

from diag.cli.help_es import CHROME_ES, HELP_ES
from diag.cli.usage import spanish_metavars
from diag.i18n import Lang

HELP_LANG: ContextVar[Lang] = ContextVar("HELP_LANG", default=Lang.EN)
_PYTHON_TYPE = re.compile(r"\s*<(?:list\[)?(?:str|int|float|bool|path|text)\]?>")
_REQUIRED_BRACES = re.compile(r"\{([A-Z][A-Z_|:\[\]]*)\}")
_EXTRAS = re.compile(r"\s\s\[([^\]]*(?:\][^\]]*)*)\]$")
_EXAMPLE = "Example / Ejemplo:"


def spanish(text: str) -> str | None:
    """The Spanish of one help text, or None when the table has none."""
    return HELP_ES.get(" ".join(text.split()))


def _words(text: str, lang: Lang) -> str:
    if lang is Lang.EN:
        return text.replace(_EXAMPLE, "Example:")
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(_EXAMPLE):
            paragraphs.append("Ejemplo:" + paragraph[len(_EXAMPLE):])
        else:
            paragraphs.append(spanish(paragraph) or paragraph)
    return "\n\n".join(paragraphs)


def _extras(extras: str) -> str:
    parts = []
    for part in extras.split("; "):
        name, colon, value = part.partition(": ")
        parts.append(f"{CHROME_ES.get(name, name)}{colon}{value}")
    return "; ".join(parts)


class LocalizedFormatter(HelpFormatter):
    """Click's formatter, translating as it writes and dropping Python type names."""

    @property
    def lang(self) -> Lang:
        return HELP_LANG.get()

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = _REQUIRED_BRACES.sub(r"\1", args)
        if self.lang is Lang.ES:
            args, prefix = spanish_metavars(args), "Uso: "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(CHROME_ES.get(heading, heading) if self.lang is Lang.ES
                              else heading)

    def write_text(self, text: str) -> None:
        super().write_text(_words(text, self.lang))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl(list(self._rows(rows)), col_max, col_spacing)

    def _rows(self, rows: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
        for term, text in rows:
            term = _PYTHON_TYPE.sub("", term)
            if self.lang is Lang.ES:
                term = spanish_metavars(term)
                found = _EXTRAS.search(text)
                base = text[:found.start()] if found else text
                text = spanish(base) or base
                if found:
                    text += f"  [{_extras(found.group(1))}]"
            yield term, text


class HelpContext(typer.Context):
    formatter_class = LocalizedFormatter
