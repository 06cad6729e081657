"""diag.message.links: one definition of a link, read in linear time, redacted once."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from diag.message import analysis, links
from diag.message.analysis import analyze_message, message_findings
from diag.message.links import RUN_START, link_hosts, redact_urls, text_links

HOSTILE = {
    "dots": "a." * 4000,
    "dashes": "a-" * 4000,
    "dots and dashes": "a.b-" * 2000,
    "pluses": "a+" * 4000,
    "host-like": "a.a" * 2600,
    "underscores": "a_" * 4000,
    "backslashes": "\\" * 8000,
    "many www": "www.a " * 1500,
    "many schemes": "https://a.example " * 500,
    "many bare hosts": "a.example/ " * 800,
    "unclosed tags and styles": "<style><a href='x " * 500,
}


def _unbounded_repeats(parsed: Any) -> list[Any]:
    """Every repeat without an upper bound in a parsed pattern, as (opcode, min)."""
    found = []
    for op, av in parsed:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if av[1] == sre.MAXREPEAT:
                found.append((op, av[0]))
            found += _unbounded_repeats(av[2])
        elif op is sre.SUBPATTERN:
            found += _unbounded_repeats(av[3])
        elif op is sre.BRANCH:
            for branch in av[1]:
                found += _unbounded_repeats(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += _unbounded_repeats(av[1])
        elif op is sre.ATOMIC_GROUP:
            found += _unbounded_repeats(av)
    return found


def test_no_unbounded_repeat_can_backtrack() -> None:
    # The cause of the quadratic scan (4.5 s on an 8,000-character subject): a failed try gave
    # characters back to `*` and `+`. Possessive repeats never give any back.
    repeats = _unbounded_repeats(sre_parse.parse(links._LINK.pattern, links._LINK.flags))
    assert repeats and all(op is sre.POSSESSIVE_REPEAT for op, _ in repeats)


# One long run of URL characters each (the others are many short runs, or none).
RUNS = {name: HOSTILE[name] for name in ("dots", "dashes", "dots and dashes", "pluses",
                                         "host-like", "underscores")}


@pytest.mark.parametrize("text", RUNS.values(), ids=RUNS.keys())
def test_a_try_starts_only_where_a_run_starts(text: str) -> None:
    # The other half of the cause: `\b` let a try start again inside a run that an earlier try
    # had scanned to its end, once per dot. A run now has one place a try may begin.
    assert [m.start() for m in re.finditer(RUN_START, text)] == [0]
    # Every branch that scans a run is behind that guard; the UNC branch reads two fixed
    # characters before its (possessive) tail.
    assert links._LINK.pattern.count(RUN_START) == 1


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_read_whole(text: str) -> None:
    # 100 times the size that took seconds (10 times for a crowd of links, each parsed by a
    # URL parser): a hard stop, not a timing.
    big = text * (10 if text.count(" ") > 100 else 100)
    assert redact_urls(big) and link_hosts([("plain", big), ("html", big)]) is not None


@pytest.mark.parametrize(("text", "found"), [
    ("Ingrese...https://evil.example/r", "https://evil.example/r"),
    ("--https://evil.example/r", "https://evil.example/r"),
    ("(evil.example/reset)", "evil.example/reset)"),
    ("\\\\evil.example\\share", "\\\\evil.example\\share"),
    ("1-iess.gob.ec/r", "1-iess.gob.ec/r"),
    ("https:evil.example", "https:evil.example"),
    ("www.evil.example", "www.evil.example"),
])
def test_what_is_a_link(text: str, found: str) -> None:
    assert [link for link, _ in text_links(text)] == [found]


@pytest.mark.parametrize(("text", "hosts", "complete"), [
    ("Estimado Sr.Afiliado/a: lea esto", (), True),
    ("entre a evil.example/reset", ("evil.example",), True),
    ("entre a evil.com.ec/reset", ("evil.com.ec",), True),
    ("\\\\evil.example\\clave", ("evil.example",), True),
    ("https://intranet/r", (), False),
    ("ftp://evil.example/r", (), False),
    ("escriba a soporte@iess.gob.ec", (), True),
])
def test_plain_text_links(text: str, hosts: tuple[str, ...], complete: bool) -> None:
    found = link_hosts([("plain", text)])
    assert (found.hosts, found.complete) == (hosts, complete)


@pytest.mark.parametrize(("href", "hosts", "complete"), [
    ("mailto:soporte@iess.gob.ec", (), True),
    ("tel:+59321234567", (), True),
    ("#arriba", (), True),
    ("javascript:void(0)", (), False),
    ("JaVa\tScRiPt:alert(1)", (), False),
    ("data:text/html,hola", (), False),
    ("https://www.iess.gob.ec@evil.example/", ("evil.example",), True),
    # WHATWG: in http(s) a backslash ends the host, so a browser opens www.iess.gob.ec.
    ("https://www.iess.gob.ec\\@evil.example/", ("www.iess.gob.ec",), True),
    ("https://www.google.com/url?q=https://evil.example/", ("evil.example",), True),
    ("https://www.google.com/url?q=javascript:alert(1)", (), False),
    ("https://docs.google.com/forms/x?url=https://www.iess.gob.ec/", ("docs.google.com",), True),
    ("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2F&data=1",
     ("evil.example",), True),
])
def test_html_links(href: str, hosts: tuple[str, ...], complete: bool) -> None:
    found = link_hosts([("html", f'<a href="{href}">x</a>')])
    assert (found.hosts, found.complete) == (hosts, complete)


def test_a_subject_is_redacted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return redact_urls(text)

    monkeypatch.setattr(analysis, "redact_urls", counting)
    subject = "Clave https://www.iess.gob.ec/r?token=SECRETO"
    raw = f"From: a@iess.gob.ec\r\nSubject: {subject}\r\n\r\nhola\r\n".encode()
    facts = analyze_message(raw)
    findings = message_findings(facts, now=datetime.now(UTC), rules=analysis.DEFAULT_RULES)
    assert calls.count(subject) == 1
    assert "SECRETO" not in findings[0].message.es and "www.iess.gob.ec/…" in facts.subject
