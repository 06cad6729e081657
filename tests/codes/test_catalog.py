"""The finding and advice catalogs are complete, bilingual and consistent; every code renders."""

from __future__ import annotations

import json
import re
import string
from datetime import UTC, datetime
from typing import Any

import pytest

from diag.advice.agreement import agreed_advice
from diag.advice.catalog import CATALOG, SOURCE_NAMES, Source
from diag.advice.plan import decision
from diag.codes import CODES, CodeInfo, make
from diag.findings import Finding, Report, Status
from diag.i18n import Lang, Text
from diag.render import Format, render

CODE_PATTERN = re.compile(r"[a-z]+\.[a-z][a-z0-9_]*")
NEEDS_ADVICE = {Status.WARN, Status.FAIL, Status.UNKNOWN}

# Plausible values for the placeholders of the message templates; a new placeholder name that is
# missing here still renders (with a visible stand-in), so this table never blocks a new code.
SAMPLES: dict[str, Any] = {
    "address": "ana.perez@hotmail.com", "addresses": ["203.0.113.7"], "age": "2 h",
    "changes": "espacios quitados", "check_digit": 0, "cleaned": "ana@hotmail.com",
    "count": 2, "description": "RUC de sociedad privada; provincia: Pichincha",
    "domain": "hotmail.com", "failures": ["timeout"], "folder_count": 7,
    "folders": "Spam: Junk", "hint": "app password", "host": "imap.example.ec",
    "hosts": ["mx1.example.ec", "mx2.example.ec"], "imap_host": "outlook.office365.com",
    "input": "ana@@hotmail.com", "limit_kib": 1024, "links": ["www.iess.gob.ec"],
    "mx_hosts": ["mx1.hotmail.com"], "names": ["ZERO WIDTH SPACE"], "number": "1714307103",
    "outcome": "arrived", "percent": 97, "place": "INBOX", "port": 993,
    "positions": [3, 9], "problem": "empty row", "provider": "Microsoft Outlook/Hotmail",
    "reason": "timed out", "reasons": ["sender domain iess-gob.ec"],
    "requirement": "OAuth2", "results": ["spf=fail"], "row": 4,
    "rule": "the modulo-11 rule would give 4", "since": "2024-11-15T10:00:00-05:00",
    "suggestion": "hotmail.com", "title": "Recuperación de clave", "transit": "40 min",
    "usage_kib": 1020, "user": "ana.perez@hotmail.com", "validity": "3 min",
    "when": "2024-11-15T10:02:00-05:00", "where": "From header", "who": "no-reply@iess.gob.ec",
}


def placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0].split("|")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def templates(info: CodeInfo) -> list[tuple[str, Text]]:
    return [("default", info.message), *((s.value, t) for s, t in info.by_status.items())]


def sample_details(info: CodeInfo) -> dict[str, Any]:
    names = set().union(*(placeholders(t.es) | placeholders(t.en) for _, t in templates(info)))
    return {name: SAMPLES.get(name, f"<{name}>") for name in sorted(names)}


def every_finding() -> list[Finding]:
    """One finding per code and per status it has its own wording for."""
    found = []
    for code, info in CODES.items():
        for status in (info.status, *info.by_status):
            found.append(make(code, status, **sample_details(info)))
    return found


ALL_CODES = sorted(CODES)


# --- the finding catalog ---------------------------------------------------------------------

@pytest.mark.parametrize("code", ALL_CODES)
def test_code_shape(code: str) -> None:
    assert CODE_PATTERN.fullmatch(code), f"{code}: codes are 'area.slug' in lower case"
    assert CODES[code].code == code


@pytest.mark.parametrize("code", ALL_CODES)
def test_meaning_and_messages_exist_in_both_languages(code: str) -> None:
    info = CODES[code]
    for label, text in [("meaning", info.meaning), *templates(info)]:
        assert text.es.strip() and text.en.strip(), f"{code} {label}: empty text"
        words = re.sub(r"\{[^}]*\}", "", text.es)
        assert text.es != text.en or not any(c.isalpha() for c in words), (
            f"{code} {label}: the Spanish text is the English one")


@pytest.mark.parametrize("code", ALL_CODES)
def test_placeholders_match_between_languages(code: str) -> None:
    for label, text in templates(CODES[code]):
        assert placeholders(text.es) == placeholders(text.en), (
            f"{code} ({label}): es uses {sorted(placeholders(text.es))}, "
            f"en uses {sorted(placeholders(text.en))}")


@pytest.mark.parametrize("code", ALL_CODES)
def test_advice_ids_exist(code: str) -> None:
    missing = [a for a in CODES[code].advice if a not in CATALOG]
    assert not missing, f"{code} names advice that does not exist: {missing}"


@pytest.mark.parametrize("code", ALL_CODES)
def test_worrying_codes_say_what_to_do(code: str) -> None:
    info = CODES[code]
    if info.status in NEEDS_ADVICE:
        assert info.advice, f"{code} is {info.status.value} by default but has no advice"


@pytest.mark.parametrize("code", ALL_CODES)
def test_non_default_wordings_are_for_other_statuses(code: str) -> None:
    assert CODES[code].status not in CODES[code].by_status


@pytest.mark.parametrize("code", ALL_CODES)
def test_messages_fill_from_details(code: str) -> None:
    info = CODES[code]
    finding = make(code, **sample_details(info))  # a missing placeholder would raise KeyError
    assert finding.message.es.strip() and finding.message.en.strip()
    assert finding.advice == info.advice and finding.status is info.status
    json.dumps(dict(finding.details))


# --- the advice catalog ----------------------------------------------------------------------

@pytest.mark.parametrize("advice_id", sorted(CATALOG))
def test_advice_entries_are_bilingual_and_sourced(advice_id: str) -> None:
    entry = CATALOG[advice_id]
    assert entry.id == advice_id and re.fullmatch(r"[a-z][a-z0-9_]*", advice_id)
    assert entry.text.es.strip() and entry.text.en.strip()
    assert entry.text.es != entry.text.en
    assert isinstance(entry.source, Source) and entry.source in SOURCE_NAMES
    assert isinstance(entry.priority, int)


def test_every_source_has_a_name_in_both_languages() -> None:
    for source in Source:
        assert SOURCE_NAMES[source].es.strip() and SOURCE_NAMES[source].en.strip()


# --- every code through every renderer -------------------------------------------------------

FINDING_FIELDS = {"code", "status", "message", "details", "advice"}
REPORT_FIELDS = {"schema", "command", "input", "address", "verdict", "findings"}


def sample_report() -> Report:
    return Report("check-email", "ana.perez@hotmail.com", "ana.perez@hotmail.com",
                  tuple(every_finding()))


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_every_code(fmt: Format, lang: Lang) -> None:
    report = sample_report()
    text = render([report], fmt, lang, color=fmt is Format.TABLE, width=80,
                  now=datetime(2024, 11, 15, 10, 0, tzinfo=UTC))
    assert set(report.codes()) == set(CODES)
    if fmt is Format.JSON:
        shown = [f["code"] for f in json.loads(text)["findings"]]
    else:  # a code is one unbroken token even where a narrow table wraps its message
        shown = CODE_PATTERN.findall(re.sub(r"\x1b\[[0-9;]*m", "", text))
    assert set(CODES) - set(shown) == set()


@pytest.mark.parametrize("lang", list(Lang))
def test_json_has_the_documented_fields(lang: Lang) -> None:
    report = sample_report()
    lines = render([report], Format.JSON, lang).splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    steps, moot = decision(report)
    planned = [step.advice.id for step in steps]
    assert [step["id"] for step in data["plan"]] == planned
    assert set(data) >= REPORT_FIELDS
    assert (data["command"], data["input"], data["address"]) == (
        "check-email", "ana.perez@hotmail.com", "ana.perez@hotmail.com")
    assert data["verdict"] == report.verdict.value
    assert [f["code"] for f in data["findings"]] == report.codes()
    for got, finding in zip(data["findings"], report.findings, strict=True):
        assert set(got) >= FINDING_FIELDS
        assert got["status"] == finding.status.value
        assert got["message"] == finding.message.get(lang)
        assert isinstance(got["details"], dict)
        # The finding's own advice, less what the report's plan ruled out (agreement.py).
        assert [a["id"] for a in got["advice"]] == list(agreed_advice(finding, planned, moot))
        for advice in got["advice"]:
            assert {"id", "text"} <= set(advice)
            assert advice["text"] == CATALOG[advice["id"]].get(lang)
    assert sum(len(got["advice"]) for got in data["findings"]) > len(CODES) // 2
