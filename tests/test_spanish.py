"""Every Spanish string the tool can produce, scanned for English words and "(s)" plural hacks.

The corpus: every code's templates, every bilingual text constant in `diag`, the advice
catalog, real findings from real inputs (addresses, cédulas, saved messages, provider verdicts),
each report format, --help of every command and the usage errors, all under --lang es.
Protocol names (IMAP, DNS, SPF) are proper nouns and stay; values quoted «like this» are the
person's or the server's own words and are not scanned.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import diag
from diag.i18n import Lang, Text

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

# Common English words that never belong in a Spanish sentence of this tool.
_ENGLISH_WORDS = (
    "the and of to with from is are was were not could cannot found missing invalid value such "
    "option argument arguments required default usage failed fail passed unknown warning "
    "problem none true false should please try file folder mailbox password server address link "
    "links message messages sign check checked zero width space character list str int row rows "
    "days hours got unexpected possible directory permission denied inconclusive good delivered "
    "received refused timeout expected arrived"
)
ENGLISH = frozenset(_ENGLISH_WORDS.split())
_PLURAL_HACK = re.compile(r"\w\((?:s|es)\)")
_QUOTED = re.compile(r"«[^»]*»|`[^`]*`|'[^']*'")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _english_words(text: str) -> set[str]:
    text = _PLACEHOLDER.sub(" ", _QUOTED.sub(" ", text))
    words = set()
    for token in text.split():
        if re.search(r"[-_.@/\d=]", token.strip(".,;:()[]¿?¡!")):
            continue  # a command, option, file, domain, code or number: not a word
        if re.fullmatch(r"\(?[A-Z][a-z]+:,?", token):
            continue  # a mail header's name (From:, Subject:), as the message has it
        words.update(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", token))
    return words & ENGLISH


def _texts_in(value: object, depth: int = 0) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _texts_in(item, depth + 1)
    elif depth < 2 and isinstance(value, list | tuple):
        for item in value:
            yield from _texts_in(item, depth + 1)


def _constants() -> Iterator[tuple[str, str]]:
    for module in pkgutil.walk_packages(diag.__path__, "diag."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            for text in _texts_in(value):
                yield f"{module.name}.{name}", text.es


def _catalogs() -> Iterator[tuple[str, str]]:
    from diag.advice.catalog import CATALOG, SOURCE_NAMES
    from diag.codes import CODES

    for info in CODES.values():
        for text in (info.meaning, info.message, *info.by_status.values()):
            yield info.code, text.es
    for entry in CATALOG.values():
        yield f"advice {entry.id}", entry.text.es
    for source, text in SOURCE_NAMES.items():
        yield f"source {source}", text.es


# Realistic values for every placeholder of every template: the pieces a check builds in
# Spanish, the values it takes from the case. Counts and lists come in one and in several.
ONE = {
    "address": "luis@hotmail.com", "addresses": ["190.152.44.40"], "age": "2 h 5 min",
    "changes": "el dominio se pasó a minúsculas", "check_digit": 7, "cleaned": "luis@gmail.com",
    "count": 1, "described": "un espacio de ancho cero", "description": "cédula de identidad",
    "domain": "gmial.com", "explained": "la prueba de servidor autorizado (SPF) falló",
    "failures": "MX de gmial.com: el servidor DNS no respondió a tiempo",
    "fixes": "sobra el punto final",
    "folders": "1 carpeta", "folders_text": "1 carpeta", "gaps": "1 carpeta",
    "hint": "", "host": "imap.gmail.com", "hosts": ["mx1.ejemplo.ec"],
    "imap": "Servidor IMAP: imap.gmail.com.", "input": "ana@", "limit": "4 KB",
    "links": "Sus enlaces llevan a www.iess.gob.ec.",
    "mx_hosts": ["gmail-smtp-in.l.google.com"], "names": ": INBOX",
    "searched": "Se revisaron 8 carpetas", "number": "1714307103",
    "outcome": "no llegó ningún correo nuevo",
    "percent": 93, "place": "[Gmail]/Spam", "port": 993, "positions": [10],
    "problem": "tiene 3 campos y el encabezado, 2.", "provider": "Outlook.com",
    "provider_label": "Gmail (Google)", "reason": "le falta la arroba (@).",
    "reasons": "el dominio del remitente no es iess.gob.ec",
    "requirement": "exige el inicio de sesión de Microsoft (OAuth2)",
    "row": 4, "rule": "módulo 11", "since": "hoy 08:15", "suggestion": "gmail.com",
    "title": "Recuperación de Clave", "transit": "9 min", "usage": "7 KB", "user": "luis",
    "validity": "15 min", "when": "hace 3 min (hoy 10:15)", "where": " en la carpeta «Spam»",
    "who": "notificaciones@iess.gob.ec", "why": "el servidor no dejó abrirla",
    # check-sender and the sending server of a mail
    "blocklist": "Spamhaus ZEN", "consequence": "rechacen", "dns_lookups": 4,
    "host_text": " (mail.iess.gob.ec)", "left_out": "186.46.193.0/28",
    "lists": "no está en Spamhaus ZEN, Barracuda, SpamCop ni Mailspike",
    "policy_text": "mandar a spam el correo que no se autentica", "presence_text": "publicado",
    "receiver_text": "Gmail", "selector": "iess2024",
    "senders_text": "2 direcciones y 1 rango de red",
    "servers_text": "El único servidor de envío revisado de iess.gob.ec",
}
SEVERAL = ONE | {"count": 3, "positions": [3, 7, 10], "hosts": ["mx1.ejemplo.ec", "mx2.ejemplo.ec"],
                 "addresses": ["190.152.44.40", "190.152.44.41"]}


def _templates() -> Iterator[tuple[str, str]]:
    from diag.codes import CODES
    from diag.i18n import fill

    for info in CODES.values():
        for status, text in (("", info.message), *((s.value, t) for s, t in
                                                   info.by_status.items())):
            for values in (ONE, SEVERAL):
                yield f"{info.code} {status}", fill(text.es, values, lang=Lang.ES)


def _real_findings() -> Iterator[tuple[str, str]]:
    from diag.address.syntax import check_address
    from diag.identity.numbers import check_ids
    from diag.message.analysis import message_report
    from diag.message.authresults import explain_failures
    from diag.render import Format, render

    typed = ["luis\u200b@hotmail.con", "a\u202e\u200d@gmail.com", "ana..perez@gmail.com",
             "ana@", "@gmail.com", "ana perez@gmail.com", " Ana@GMAIL.com ", "ana@gmailcom",
             "ana@mailinator.com", "jose@hotmial.com", "x" * 70 + "@gmail.com", ""]
    for address in typed:
        for finding in check_address(address).findings:
            yield f"{finding.code} {address!r}", finding.message.es
    reports = check_ids(["1714307104", "171430710", "9914307103", "1792060346000",
                         "１７１４３０７１０３", "17-1430-7103", "abc", "", "1790012345001"])
    for eml in sorted((ROOT / "examples").glob("*.eml")):
        reports.append(message_report(eml.read_bytes(), eml.name, now=NOW))
    for report in reports:
        for finding in report.findings:
            yield f"{finding.code} {report.input!r}", finding.message.es
        # Detail values are the raw ones (`fail`, `none`) by design; their labels are scanned.
        bare = replace(report, findings=tuple(replace(f, details={}) for f in report.findings))
        for fmt in (Format.TABLE, Format.MARKDOWN, Format.HTML):  # JSON keys are the contract
            yield f"{report.input!r} as {fmt}", render([bare], fmt, Lang.ES, now=NOW)
    auth = {"spf": "fail", "dkim": "permerror", "dmarc": "softfail", "spam": "SFV:SPM",
            "bcl": "8"}
    yield "explain_failures", explain_failures(auth).es


def _command_line() -> Iterator[tuple[str, str]]:
    from diag.cli import COMMANDS
    from diag.cli.help_es import HELP_ES
    from tests.cli.test_meta import python
    from tests.cli.test_usage import CASES
    from tests.fixtures.cli import invoke

    yield from ((f"help {english[:30]}", spanish) for english, spanish in HELP_ES.items())
    for name in ("", *COMMANDS):
        args = ["-m", "diag", *([name] if name else []), "--help"]
        yield f"{name} --help", python(*args, env={"IESS_DIAG_LANG": "es"}).stdout
    for argv, _, _ in CASES:
        yield " ".join(argv), invoke([argv[0], "--lang", "es", *argv[1:]]).stderr
    yield "explain", invoke(["explain", "mailbox.full", "--lang", "es"]).stdout
    yield "advice", invoke(["advice", "--lang", "es", "-f", "markdown"]).stdout


def corpus() -> list[tuple[str, str]]:
    return [*_constants(), *_catalogs(), *_templates(), *_real_findings(), *_command_line()]


CORPUS = corpus()


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) > 500


def test_plurals_agree_with_their_count() -> None:
    from diag.codes import CODES
    from diag.i18n import fill

    info = CODES["address.invisible_characters"]
    one = fill(info.message.es, ONE, lang=Lang.ES)
    several = fill(info.message.es, SEVERAL, lang=Lang.ES)
    assert "1 carácter invisible" in one and "en la posición 10" in one and "Sin él," in one
    assert "3 caracteres invisibles" in several and "en las posiciones 3, 7 y 10" in several
    assert "Sin ellos," in several


def test_no_english_words_in_spanish() -> None:
    found = [f"{where}: {sorted(words)} in {text[:120]!r}" for where, text in CORPUS
             if (words := _english_words(text))]
    assert not found, "\n".join(found)


def test_no_plural_hacks_in_either_language() -> None:
    found = [f"{where}: {text[:120]!r}" for where, text in CORPUS if _PLURAL_HACK.search(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("text", "words"), [
    ("Missing argument 'ADDRESS'.", {"missing", "argument"}),
    ("1 carácter(es) invisible(s)", set()),
    ("ADDRESS <list[str]>", {"address", "list", "str"}),
    ("el correo «Password reset» llegó", set()),
    ("iess-diag check-email --format json", set()),
])
def test_the_scanner_itself(text: str, words: set[str]) -> None:
    assert _english_words(text) == words
    assert bool(_PLURAL_HACK.search(text)) == ("(es)" in text)


# The tool speaks impersonally ("no se sabe") or to "usted", never as "we" (review1 found a
# "no sabemos" in mail.unverified's sentence).
_WE = re.compile(r"(?i)\b(?:nosotros|sabemos|podemos|tenemos|vimos|encontramos|revisamos|"
                 r"buscamos|recomendamos|sugerimos|hemos)\b")


def test_no_first_person_plural_in_spanish() -> None:
    found = [f"{where}: {text[:120]!r}" for where, text in CORPUS
             if _WE.search(_QUOTED.sub(" ", text))]
    assert not found, "\n".join(found)
