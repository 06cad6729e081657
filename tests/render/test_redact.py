"""--redact: the person's identifiers are masked everywhere, in every format; the rest stays."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

import pytest

from diag.findings import Report
from diag.i18n import Lang
from diag.render import Format, render
from diag.render.redact import mask_address, mask_local, mask_number, redact
from tests.fixtures.cases import case, finding, spam_case

NOW = datetime(2026, 11, 26, 3, 40, tzinfo=UTC)


@pytest.mark.parametrize(("value", "masked"), [
    ("ana.perez@hotmail.com", "a****@hotmail.com"),
    ("Ana.Perez@Hotmail.com", "A****@Hotmail.com"),
    ("jo@gmail.com", "*****@gmail.com"),
    ("a@b.ec", "*****@b.ec"),
    ("aperez", "a****"),
    ("weird@name@gmail.com", "w****@gmail.com"),
])
def test_mask_address(value: str, masked: str) -> None:
    assert mask_address(value) == masked


@pytest.mark.parametrize(("digits", "masked"), [
    ("1712345618", "17******18"),
    ("1790011674001", "17*********01"),
    ("123", "****"),
])
def test_mask_number(digits: str, masked: str) -> None:
    assert mask_number(digits) == masked


def test_mask_local_is_idempotent() -> None:
    assert mask_local(mask_local("ana.perez")) == mask_local("ana.perez")
    assert mask_local(mask_local("jo")) == mask_local("jo")


SECRETS = ["ana.perez", "1712345618", "aperez.login", "maria.lopez", "Perez"]


def hostile_case() -> Report:
    """The person's identifiers in every place a check could put them."""
    address = "Ana.Perez@Hotmail.com"
    return case(
        address,
        finding("mail.found_spam", title="Estimada ANA PEREZ (1712345618): su clave, de "
                "no-responder@iess.gob.ec, copia a maria.lopez@gmail.com",
                place="Junk/ana.perez", when="hace 1 minuto",
                to="ana.perez@hotmail.com", cc=["maria.lopez@gmail.com"],
                sender="no-responder@iess.gob.ec", nested={"user": "aperez.login"}),
        finding("imap.login_failed", host="outlook.office365.com", user="aperez.login",
                reason="ANA.PEREZ@HOTMAIL.COM refused", hint=""),
        identity=finding("id.valid", number="1712345618", kind="cédula"),
    )


def _all_text(out: str, fmt: Format) -> str:
    """The output as a reader sees it: JSON, HTML and Markdown escapes undone."""
    if fmt is Format.JSON:
        return json.dumps(json.loads(out), ensure_ascii=False)
    if fmt is Format.MARKDOWN:  # hosts are defanged there (evil[.]example): read as a dot
        return html.unescape(re.sub(r"\\(.)", r"\1", out)).replace("[.]", ".")
    return html.unescape(out) if fmt is Format.HTML else out


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", list(Lang))
def test_nothing_personal_survives_in_any_format(fmt: Format, lang: Lang) -> None:
    report = redact(hostile_case())
    out = _all_text(render([report], fmt, lang, now=NOW), fmt).lower()
    for secret in SECRETS:
        assert secret.lower() not in out, secret
    assert "a****@hotmail.com" in out
    assert "17******18" in out
    assert "no-responder@iess.gob.ec" in out  # the IESS sender stays visible
    assert "outlook.office365.com" in out  # and so do hosts and domains


@pytest.mark.parametrize("fmt", list(Format))
def test_unredacted_report_does_show_them(fmt: Format) -> None:
    """The control: the secrets are there to be masked in the first place."""
    out = _all_text(render([hostile_case()], fmt, Lang.ES, now=NOW), fmt).lower()
    for secret in SECRETS:
        assert secret.lower() in out, secret


def test_redacting_twice_changes_nothing() -> None:
    once = redact(hostile_case())
    assert redact(once) == once


def test_structure_and_verdict_are_kept() -> None:
    before = hostile_case()
    after = redact(before)
    assert after.codes() == before.codes()
    assert after.verdict == before.verdict
    assert [s.command for s in after.sections] == [s.command for s in before.sections]
    assert [f.status for f in after.findings] == [f.status for f in before.findings]


def test_login_given_separately_is_masked() -> None:
    report = case("ana@gmail.com", finding("mail.not_found", since="ayer, jsmith revisó"))
    assert "jsmith" in redact(report).findings[-1].message.es  # not known as personal
    masked = redact(report, also=["jsmith"])
    assert "jsmith" not in masked.findings[-1].message.es
    assert "j****" in masked.findings[-1].message.es


@pytest.mark.parametrize(("address", "kept"), [
    ("ana@gmail.com", "Revise la semana"),  # «ana» is not masked inside «semana»
    ("juan.correo@gmail.com", "el correo del IESS"),  # the tool's own words stay
    ("gmail.fan@gmail.com", "gmail.com"),  # a word of the domain stays
])
def test_ordinary_words_are_not_masked(address: str, kept: str) -> None:
    report = case(address, finding("mail.not_found", since=f"{kept}."))
    assert kept in redact(report).findings[-1].message.es


def test_invalid_input_without_at_sign_is_masked_whole() -> None:
    typed = "anaperez.hotmail.com"
    report = Report("check-email", typed, None,
                    (finding("address.invalid", input=typed, reason="no @"),))
    out = render([redact(report)], Format.JSON, Lang.EN)
    assert "anaperez" not in out
    assert "a****" in out


def test_invisible_characters_in_the_input_do_not_hide_it() -> None:
    typed = "ana.pe\u200brez@gmail.com"
    report = Report("check-email", typed, "ana.perez@gmail.com", (
        finding("address.invisible_characters", cleaned="ana.perez@gmail.com", count=1,
                names="ZERO WIDTH SPACE", positions="7"),
    ))
    masked = redact(report)
    text = json.dumps(render([masked], Format.JSON, Lang.ES))
    assert "pe\\u200brez" not in text and "ana.perez" not in text
    assert masked.input.endswith("@gmail.com")


def test_other_id_shaped_numbers_are_masked() -> None:
    report = spam_case(title="RUC 1790011674001 y cédula 0912345678")
    out = render([redact(report)], Format.MARKDOWN, Lang.ES)
    assert "1790011674001" not in out and "0912345678" not in out
    assert "17*********01" in out and "09******78" in out


@pytest.mark.parametrize(("address", "kept"), [
    ("a@gmail.com", "a link"),  # a one-letter local part is not masked as a word
    ("iess@gmail.com", "the IESS mail"),  # nor one that is the tool's own word
])
def test_short_or_common_local_parts_leave_the_text_readable(address: str, kept: str) -> None:
    report = case(address, finding("mail.not_found", since=f"{kept}."))
    masked = redact(report)
    assert kept in masked.findings[-1].message.es
    assert address not in render([masked], Format.JSON, Lang.EN)


@pytest.mark.parametrize(("title", "hidden", "shown"), [
    ("cédula 171430710-3 en el asunto", "171430710-3", "17******03"),
    ('copia a "maria lopez"@gmail.com', "maria lopez", "m****@gmail.com"),
    ("copia a maria.lopez＠gmail.com", "maria.lopez", "m****＠gmail.com"),
])
def test_numbers_and_addresses_in_other_spellings_are_masked(title: str, hidden: str,
                                                             shown: str) -> None:
    """Issue 11: a dashed cédula, a quoted local part and a full-width ＠ were left readable."""
    out = render([redact(spam_case(title=title))], Format.JSON, Lang.ES)
    text = json.loads(out)
    blob = json.dumps(text, ensure_ascii=False)
    assert hidden not in blob and shown in blob
