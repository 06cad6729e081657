"""Details in HTML and Markdown: labelled lines in the report's language, never raw JSON."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from diag.i18n import Lang
from diag.render import Format, render
from diag.render.details import LABELS, detail_lines
from tests.fixtures.cases import case, finding

NOW = datetime(2026, 11, 26, 3, 40, tzinfo=UTC)
AUTH = {"spf": "fail", "dkim": "fail", "dmarc": "fail", "spam": "SFV:SPM SCL:9"}


def _spam_case() -> object:
    return case("ana@gmail.com",
                finding("mail.auth_failed", results=["SPF fail"], auth=AUTH, age_seconds=540),
                finding("mail.folders_searched", gmail=False, refused=["[Gmail]/Todos"],
                        folders=[{"name": "INBOX", "role": "inbox"}]))


@pytest.mark.parametrize("fmt", [Format.HTML, Format.MARKDOWN])
def test_details_are_labelled_lines_not_json(fmt: Format) -> None:
    text = render([_spam_case()], fmt, Lang.ES, now=NOW)  # type: ignore[list-item]
    assert '{"spf"' not in text and "&quot;spf&quot;" not in text
    assert "gmail: false" not in text and "refused:" not in text
    assert "Autenticación según el receptor" in text
    assert ("Buzón de Gmail:</b> <bdi>no</bdi>" if fmt is Format.HTML
            else "Buzón de Gmail: no") in text
    assert "Carpetas que el servidor no dejó abrir" in text
    assert "Antigüedad" in text and "9 min" in text


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.MARKDOWN, Format.HTML])
@pytest.mark.parametrize("lang", list(Lang))
def test_no_empty_column_headers(fmt: Format, lang: Lang) -> None:
    text = render([_spam_case()], fmt, lang, now=NOW)  # type: ignore[list-item]
    assert "| |" not in text and "<th></th>" not in text
    assert ("Código" if lang is Lang.ES else "Code") in text


def test_every_label_exists_in_both_languages() -> None:
    for key, text in LABELS.items():
        assert text.es.strip() and text.en.strip(), key


def test_empty_values_are_left_out_and_booleans_are_words() -> None:
    lines = dict(detail_lines({"folder": None, "refused": [], "gmail": True}, Lang.ES))
    assert lines == {"Buzón de Gmail": "sí"}
