"""--redact: a copy of a report with the person's identifiers masked, made before any renderer.

Personal data here: the person's address and its local part (also alone, and the name-like words
in it), the mailbox login, any other address outside iess.gob.ec, and cédula/RUC-shaped numbers.
Domains, IESS sender addresses, folder names and subjects otherwise stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from diag.findings import Finding, Report
from diag.i18n import Text

STARS = "****"
IESS_DOMAIN = "iess.gob.ec"
# Detail keys whose values are the person's own identifiers wherever a check puts them.
PERSONAL_KEYS = frozenset({"address", "input", "cleaned", "user", "username", "login", "to",
                           "recipient", "number", "cedula"})

_DELIMS = r"\s@＠<>()\[\]{}«»\"',;:"
# The full-width ＠ is read as @ by people (and folded to it by some mail clients).
_AT = "[@＠]"
_EMAIL = re.compile(rf"(?P<local>[^{_DELIMS}]+)(?P<at>{_AT})(?P<domain>[^{_DELIMS}]+)")
# RFC 5321 allows a quoted local part with spaces: "ana perez"@gmail.com.
_QUOTED_EMAIL = re.compile(
    rf'"(?P<local>(?:[^"\\\r\n]|\\.){{1,64}})"(?P<at>{_AT})(?P<domain>[^{_DELIMS}]+)')
# A cédula is often written with a dash before its check digit (171430710-3), a RUC also
# with its establishment number apart (171430710-3-001, 1714307103-001).
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{13}|\d{10}(?:-\d{3})?|\d{9}-\d(?:-?\d{3})?)(?![\d])")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def mask_local(local: str) -> str:
    """`ana.perez` -> `a****`: a fixed number of stars, so the length is not shown either."""
    return (local[0] if len(local) >= 3 else "*") + STARS


def mask_address(text: str) -> str:
    """`ana.perez@hotmail.com` -> `a****@hotmail.com`; without an @, the whole value is masked."""
    local, at, domain = text.rpartition("@")
    return mask_local(local) + at + domain if at else mask_local(text)


def mask_number(digits: str) -> str:
    """`1712345612` -> `17******12`: the province code and check digit stay, for the agent."""
    return digits[:2] + "*" * (len(digits) - 4) + digits[-2:] if len(digits) > 4 else STARS


def redact(report: Report, *, also: Iterable[str] = ()) -> Report:
    """The report with every personal value masked; `also` adds values the report may not hold
    in a known place (the mailbox login)."""
    masker = _Masker(_personal_values(report, also))
    return _redact_report(report, masker)


def _personal_values(report: Report, also: Iterable[str]) -> set[str]:
    values: set[str] = set()
    for value in (*also, *_values_in(report)):
        if value.strip() and STARS not in value:  # already masked: nothing left to find
            values.update((value, value.strip()))
    return values


def _values_in(report: Report) -> Iterator[str]:
    yield report.input
    if report.address:
        yield report.address
    for finding in report.findings:
        yield from _personal_details(finding.details)
    for section in report.sections:
        yield from _values_in(section)


def _personal_details(details: Mapping[str, Any]) -> Iterator[str]:
    for key, value in details.items():
        if key in PERSONAL_KEYS and isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            yield from _personal_details(value)


class _Masker:
    """Masks known personal values, then anything shaped like an address or an ID number."""

    def __init__(self, personal: set[str]) -> None:
        numbers: set[str] = set()
        addresses: set[str] = set()
        words: set[str] = set()
        for value in personal:
            if re.sub(r"[\s.-]", "", value).isdigit():
                numbers.add(value)
                continue
            addresses.add(value.strip())
            local, _, domain = value.strip().rpartition("@")
            local = local or value.strip()
            words.update(w for w in (local, *_LETTERS.findall(local)) if _name_like(w, domain))
        self._numbers = _literal(numbers)
        self._addresses = _literal(addresses)
        self._words = _literal(words, whole_words=True)

    def text(self, value: str) -> str:
        value = _sub(self._numbers, lambda s: mask_number(re.sub(r"\D", "", s)), value)
        value = _sub(self._addresses, mask_address, value)
        value = _QUOTED_EMAIL.sub(_mask_email, value)
        value = _EMAIL.sub(_mask_email, value)
        value = _ID_NUMBER.sub(lambda m: mask_number(re.sub(r"\D", "", m.group())), value)
        return _sub(self._words, mask_local, value)

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.text(str(k)): self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value


def _name_like(word: str, domain: str) -> bool:
    """Worth masking wherever it stands alone: not a tiny word like `a`, not one of the tool's
    own words (`juan.correo` must not mask «correo» in every message), not part of the domain."""
    folded = word.lower()
    return len(word) >= 3 and folded not in _vocabulary() and folded not in domain.lower()


def _literal(values: set[str], *, whole_words: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive pattern for many literal values, longest first."""
    if not values:
        return None
    body = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    if whole_words:  # `ana` must not mask «semana», nor `ana.p` the start of `ana.perez`
        body = rf"(?<![\w.+-])(?:{body})(?![\w+-]|\.\w)"
    return re.compile(body, re.IGNORECASE)


def _sub(pattern: re.Pattern[str] | None, mask: Callable[[str], str], value: str) -> str:
    return value if pattern is None else pattern.sub(lambda m: mask(m.group()), value)


def _mask_email(match: re.Match[str]) -> str:
    domain = match.group("domain").rstrip(".").lower()
    if domain == IESS_DOMAIN or domain.endswith("." + IESS_DOMAIN):
        return match.group()
    return mask_local(match.group("local")) + match.group("at") + match.group("domain")


@cache
def _vocabulary() -> frozenset[str]:
    """Every word of the tool's own sentences, in both languages."""
    from diag.advice.catalog import CATALOG
    from diag.codes import CODES

    texts = [t for info in CODES.values() for t in (info.message, info.meaning,
                                                     *info.by_status.values())]
    texts += [t for entry in CATALOG.values() for t in (entry.text, entry.person) if t]
    return frozenset(w.lower() for t in texts for w in re.findall(r"[^\W\d_]+", t.es + " " + t.en))


def _redact_report(report: Report, masker: _Masker) -> Report:
    return replace(
        report,
        input=masker.text(report.input),
        address=None if report.address is None else masker.text(report.address),
        findings=tuple(_redact_finding(f, masker) for f in report.findings),
        sections=tuple(_redact_report(s, masker) for s in report.sections),
    )


def _redact_finding(finding: Finding, masker: _Masker) -> Finding:
    message = Text(masker.text(finding.message.es), masker.text(finding.message.en))
    return replace(finding, message=message, details=masker.data(dict(finding.details)))
