"""Languages and bilingual text: every user-facing sentence exists in Spanish and English."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Lang(StrEnum):
    ES = "es"
    EN = "en"


@dataclass(frozen=True)
class Text:
    """One sentence in both languages."""

    es: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.es if lang is Lang.ES else self.en

    def format(self, **values: Any) -> Text:
        """Filled in each language; a value that is itself a Text gives its own language."""
        def pick(lang: Lang) -> dict[str, Any]:
            return {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}

        return Text(fill(self.es, pick(Lang.ES), lang=Lang.ES),
                    fill(self.en, pick(Lang.EN), lang=Lang.EN))

    @staticmethod
    def plural(count: int, one: Text, many: Text) -> Text:
        """`1 fila`, `3 filas`: the count and the form of its words that goes with it."""
        chosen = one if count == 1 else many
        return Text(f"{count} {chosen.es}", f"{count} {chosen.en}")

    @staticmethod
    def join(separator: str, parts: Iterable[Text]) -> Text:
        """Sentences joined in each language: `Text.join("; ", reasons)`."""
        listed = list(parts)
        return Text(separator.join(p.es for p in listed), separator.join(p.en for p in listed))


# `{count|fila|filas}` in a template: the singular or plural words, by the count (or the length
# of a list) under that name. Real plurals instead of "fila(s)".
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def fill(template: str, values: Mapping[str, Any],
         shown: Mapping[str, str] | None = None, lang: Lang | None = None) -> str:
    """A template filled with `values`; `shown` overrides how some of them read; with `lang`,
    a list ends as that language ends one (`3, 7 y 10`)."""
    def form(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        number = len(value) if isinstance(value, list | tuple) else value
        return match.group(2) if number == 1 else match.group(3)

    texts = {key: display(value, lang) for key, value in values.items()} | dict(shown or {})
    return _PLURAL.sub(form, template).format(**texts)


def listed(parts: Iterable[Text], last: Text | None = None) -> Text:
    """`a, b y c` / `a, b and c`: a list as a sentence says it; after a negative, pass
    `last=Text("ni", "or")` (`no está en a, b ni c`)."""
    items = list(parts)
    if len(items) <= 1:
        return items[0] if items else Text("", "")
    word = last or Text("y", "and")
    head = Text.join(", ", items[:-1])
    return Text(f"{head.es} {word.es} {items[-1].es}", f"{head.en} {word.en} {items[-1].en}")


def display(value: Any, lang: Lang | None = None) -> str:
    """How a detail value appears inside a sentence."""
    if isinstance(value, list | tuple):
        items = [display(item) for item in value]
        if lang is None or len(items) < 2:
            return ", ".join(items)
        last = " y " if lang is Lang.ES else " and "
        return ", ".join(items[:-1]) + last + items[-1]
    return str(value)


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Spanish when the locale says so (POSIX order: LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return Lang.ES if value.lower().startswith("es") else Lang.EN
    return Lang.EN


def size_text(kib: int) -> Text:
    """A storage size as a mail provider's settings page shows it: `4 KB`, `1,5 MB`, `15 GB`."""
    value, unit = float(kib), "KB"
    for bigger in ("MB", "GB", "TB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    shown = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return Text(f"{shown.replace('.', ',')} {unit}", f"{shown} {unit}")


_OS_ERRORS = {
    errno.ENOENT: Text("no existe ese archivo o la carpeta donde está",
                       "no such file or folder"),
    errno.EACCES: Text("no hay permiso", "permission denied"),
    errno.EPERM: Text("no hay permiso", "permission denied"),
    errno.EISDIR: Text("es una carpeta, no un archivo", "it is a folder, not a file"),
    errno.ENOTDIR: Text("una parte de la ruta no es una carpeta",
                        "part of the path is not a folder"),
    errno.ENOSPC: Text("no queda espacio en el disco", "no space left on the disk"),
    errno.EROFS: Text("el disco es de solo lectura", "the disk is read-only"),
    errno.EEXIST: Text("ya existe", "it already exists"),
    errno.ENAMETOOLONG: Text("el nombre es demasiado largo", "the name is too long"),
    errno.EIO: Text("falló la lectura o escritura en el disco", "the disk failed to read or write"),
    errno.EMFILE: Text("hay demasiados archivos abiertos", "too many files are open"),
    errno.ELOOP: Text("la ruta da vueltas entre enlaces", "the path loops through links"),
    errno.ECONNRESET: Text("el otro lado cortó la conexión", "the other side reset the connection"),
    errno.ECONNABORTED: Text("la conexión se cortó", "the connection was aborted"),
    errno.ENETUNREACH: Text("no hay camino hasta esa red", "the network is unreachable"),
    errno.EHOSTUNREACH: Text("no se llega a ese servidor", "the host is unreachable"),
    errno.ETIMEDOUT: Text("se agotó el tiempo de espera", "the operation timed out"),
    errno.EPIPE: Text("el otro lado cerró la conexión", "the other side closed the connection"),
}


def os_error_text(error: OSError) -> Text:
    """Why the system refused a file, in words: the OS's own strerror is English only."""
    known = _OS_ERRORS.get(error.errno or -1)
    if known is not None:
        return known
    code = errno.errorcode.get(error.errno or -1, "?")
    return Text(f"el sistema lo rechazó (código {code})", error.strerror or code)
