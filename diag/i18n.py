"""Languages and bilingual text: every user-facing sentence exists in Spanish and English."""

from __future__ import annotations

import os
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
        shown = {key: display(value) for key, value in values.items()}
        return Text(self.es.format(**shown), self.en.format(**shown))

    @staticmethod
    def join(separator: str, parts: Iterable[Text]) -> Text:
        """Sentences joined in each language: `Text.join("; ", reasons)`."""
        listed = list(parts)
        return Text(separator.join(p.es for p in listed), separator.join(p.en for p in listed))


def display(value: Any) -> str:
    """How a detail value appears inside a sentence."""
    if isinstance(value, list | tuple):
        return ", ".join(display(item) for item in value)
    return str(value)


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Spanish when the locale says so (POSIX order: LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return Lang.ES if value.lower().startswith("es") else Lang.EN
    return Lang.EN
