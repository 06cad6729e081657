"""The rule table and the catalog entries it speaks through: complete, two voices, sourced."""

from __future__ import annotations

import re

import pytest

from diag.advice import plan, webmail
from diag.advice.case import Audience
from diag.advice.catalog import CATALOG, Source
from diag.advice.plan import PlanContext, decide
from diag.advice.rules import RULES, Rule
from diag.findings import Report
from tests.fixtures.cases import case, finding

STEPS = [rule.step for rule in RULES]
# Words that only the agent's voice may use, and the usted forms only the person's may start with.
_ABOUT_THE_PERSON = re.compile(r"\bla persona\b|\bPida a\b|\bDígale\b|\bthe person\b")


def test_each_step_is_in_the_table_once() -> None:
    assert len(STEPS) == len(set(STEPS))
    assert all(step in CATALOG for step in STEPS)


def test_every_moot_names_a_step_of_the_table() -> None:
    for rule in RULES:
        assert set(rule.moots) <= set(STEPS), rule.step
        assert rule.step not in rule.moots


@pytest.mark.parametrize("step", STEPS)
def test_every_step_speaks_in_two_voices_and_two_languages(step: str) -> None:
    entry = CATALOG[step]
    assert entry.person is not None
    for text in (entry.text, entry.person):
        assert text.es.strip() and text.en.strip() and text.es != text.en
        assert "(s)" not in text.es and "(es)" not in text.es
    assert entry.text != entry.person
    assert not _ABOUT_THE_PERSON.search(entry.person.es + " " + entry.person.en), \
        "the person's voice speaks to them, never about them"


def test_webmail_steps_name_their_source_and_say_whether_it_was_verified() -> None:
    for entry in webmail.ENTRIES:
        assert entry.source is Source.PROVIDER
        assert isinstance(entry.verified, bool)
        assert entry.url or not entry.verified, "a verified step cites its page"
    assert CATALOG["step_webmail_gmail"].verified
    assert "in:anywhere from:iess.gob.ec newer_than:1d" in CATALOG["step_webmail_gmail"].text.es


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("rule", RULES, ids=STEPS)
def test_every_step_can_be_worded_for_any_case(audience: Audience, rule: Rule,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """No step's blank is left unfilled, whatever the case leaves unknown."""
    monkeypatch.setattr(plan, "RULES", (Rule(rule.step, lambda c: True, rule.because),))
    [step] = decide(Report("diagnose", "", None, ()), PlanContext(audience))
    assert "{" not in step.text.es and "{" not in step.text.en


def test_a_step_lists_the_findings_that_call_for_it() -> None:
    steps = decide(case("ana@gmail.com", finding("mailbox.full", usage_kib=1, limit_kib=1)))
    [full] = [s for s in steps if s.advice.id == "step_free_space"]
    assert full.because == ("mailbox.full",)


def test_the_address_being_fine_never_calls_for_a_step() -> None:
    for step in decide(case("ana@gmail.com", finding("mail.not_found"))):
        assert "address.valid" not in step.because and "domain.accepts_mail" not in step.because
