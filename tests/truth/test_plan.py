"""Reads the truth table tests/truth/plan.py: the plan is a decision over the whole case."""

from __future__ import annotations

from typing import Any

import pytest

from diag.advice.case import Audience
from diag.advice.plan import PlanContext, decide
from diag.advice.rules import RULES
from diag.case.diagnose import MAILBOX_COMMAND, diagnose
from diag.deliverability.check import AddressCheck
from diag.errors import CheckFailed
from diag.findings import Report
from diag.mailbox.credentials import Credentials
from diag.message.analysis import message_report
from tests.servers.dnsserver import FixtureDNSServer
from tests.truth.plan import NOW, ROWS, Scenario
from tests.truth.plan import RULES as SENDER_RULES


def build(scenario: Scenario, dns: FixtureDNSServer) -> Report:
    """The case as the library reports it."""
    if scenario.message is not None:
        return message_report(scenario.message, "mensaje.eml", rules=SENDER_RULES, now=NOW)
    mailbox = scenario.mailbox

    def search(checked: AddressCheck) -> Report:
        address = checked.report.address or checked.report.input
        if isinstance(mailbox, CheckFailed):
            raise mailbox
        if isinstance(mailbox, BaseException):
            from diag.mailbox.find import find_reset_mail

            error = mailbox

            def refuse(endpoint: Any) -> Any:
                raise error

            return find_reset_mail(address, Credentials(password="not-a-real-one"),
                                   connect=refuse, domain=checked.domain, clock=lambda: NOW)
        assert mailbox is not None
        return Report(MAILBOX_COMMAND, address, address, tuple(mailbox(address)))

    return diagnose(scenario.address, search=None if mailbox is None else search,
                    cedula=scenario.cedula, nameservers=[dns.nameserver])


@pytest.mark.parametrize("scenario", ROWS, ids=[row.name for row in ROWS])
def test_plan_truth(scenario: Scenario, dns_server: FixtureDNSServer) -> None:
    report = build(scenario, dns_server)
    steps = decide(report, PlanContext(Audience(scenario.audience), SENDER_RULES.link_validity,
                                       NOW))
    ids = [step.advice.id for step in steps]
    said = "\n".join(step.text.es for step in steps)
    context = f"{scenario.why}\nplan: {ids}\n{said}"
    assert ids[:len(scenario.first)] == list(scenario.first), context
    assert not set(ids) & set(scenario.never), context
    assert set(scenario.extra) <= set(ids), context
    for words in scenario.says:
        assert words in said, context
    for words in scenario.never_says:
        assert words not in said, context
    assert len(ids) == len(set(ids)), context  # each step once


def test_the_corpus_is_big_enough_and_names_real_steps() -> None:
    assert len(ROWS) >= 30 and len({row.name for row in ROWS}) == len(ROWS)
    steps = {rule.step for rule in RULES}
    for row in ROWS:
        assert set(row.first) | set(row.never) | set(row.extra) <= steps, row.name
