"""Every format shows the plan in the chosen voice, and "not checked" as its own state."""

from __future__ import annotations

import json

import pytest

from diag.advice.case import Audience
from diag.advice.plan import PlanContext
from diag.case.diagnose import MAILBOX_COMMAND, combine
from diag.findings import Report, Verdict
from diag.i18n import Lang
from diag.render import Format, render
from tests.fixtures.cases import address_report, mailbox_report
from tests.truth.plan import NOW, RULES, found

GMAIL = "ana.perez@gmail.com"


def unsearched() -> Report:
    """diagnose without credentials, as diag.case.diagnose builds it."""
    from diag.case.diagnose import mailbox_section
    from diag.deliverability.check import AddressCheck

    checked = AddressCheck(address_report(GMAIL), None)
    return combine(GMAIL, GMAIL, [address_report(GMAIL), mailbox_section(checked, None)])


def searched() -> Report:
    return combine(GMAIL, GMAIL, [address_report(GMAIL),
                                  mailbox_report(GMAIL, *found("inbox", "INBOX", 12, 3))])


@pytest.mark.parametrize("fmt", list(Format))
def test_a_mailbox_not_searched_is_shown_as_not_checked(fmt: Format) -> None:
    report = unsearched()
    assert report.verdict is Verdict.INCONCLUSIVE
    for lang, never, shown, part in (
            (Lang.ES, "Todo en orden", "No revisado", "Buzón: el correo del IESS"),
            (Lang.EN, "All good", "Not checked", "Mailbox: the IESS mail")):
        text = render([report], fmt, lang, now=NOW, width=200)
        if fmt is Format.JSON:
            data = json.loads(text)
            assert data["verdict"] == "inconclusive" and data["not_checked"] == [MAILBOX_COMMAND]
            assert [s["checked"] for s in data["sections"]] == [True, False]
            assert data["findings"][-1]["checked"] is False
        else:
            # The mailbox is the last part: from its title on, nothing says all is well.
            mailbox = text[text.index(part):]
            assert never not in mailbox and shown in mailbox
            assert shown.upper() in mailbox  # the finding's own state, not "UNKNOWN"


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.MARKDOWN, Format.HTML])
def test_the_verdict_says_what_was_and_was_not_checked(fmt: Format) -> None:
    text = " ".join(render([unsearched()], fmt, Lang.ES, now=NOW, width=200).split())
    assert "No concluyente: se revisó la dirección, pero no el buzón" in text
    english = " ".join(render([unsearched()], fmt, Lang.EN, now=NOW, width=200).split())
    assert "Inconclusive: the address was checked, but not the mailbox" in english


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize(("audience", "es", "never"), [
    (Audience.AGENT, "pida a la persona que abra ahora", "A su enlace"),
    (Audience.PERSON, "A su enlace le quedan unos 3 minutos: abra ahora", "pida a la persona"),
])
def test_the_plan_speaks_in_one_voice_in_every_format(fmt: Format, audience: Audience,
                                                       es: str, never: str) -> None:
    context = PlanContext(audience, RULES.link_validity, NOW)
    text = render([searched()], fmt, Lang.ES, now=NOW, width=400, context=context)
    if fmt is Format.JSON:
        data = json.loads(text)
        assert data["audience"] == audience.value
        plan = " ".join(step["text"] for step in data["plan"])
    else:
        plan = " ".join(text.split())
    assert es in plan
    assert never not in plan
