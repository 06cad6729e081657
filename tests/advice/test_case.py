"""The facts a plan reasons over, read from real findings, with the clock passed in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from diag.advice.case import Mailbox, case_of
from diag.advice.plan import PlanContext, decide
from diag.advice.wording import about
from diag.codes import make
from diag.findings import Report, Status
from diag.i18n import Text
from tests.fixtures.cases import case, finding
from tests.truth.plan import NOW, RULES, certificate, found

VALID = RULES.link_validity


def _report(*findings: object) -> Report:
    return case("ana@gmail.com", *findings)  # type: ignore[arg-type]


def test_the_link_life_counts_from_when_iess_sent_it() -> None:
    facts = case_of(_report(*found("inbox", "INBOX", 12, 3)), now=NOW, link_validity=VALID)
    mail = facts.newest
    assert mail is not None and mail.age == timedelta(minutes=3)
    assert mail.link_left == timedelta(minutes=3) and not mail.expired


def test_the_clock_is_passed_in() -> None:
    report = _report(*found("inbox", "INBOX", 5))
    texts = [decide(report, PlanContext(now=NOW + timedelta(minutes=m)))[0].text.es
             for m in (0, 8)]
    assert "quedan unos 10 minutos" in texts[0] and "quedan unos 2 minutos" in texts[1]


def test_a_longer_link_validity_changes_the_plan() -> None:
    report = _report(*found("inbox", "INBOX", 12, 3))
    assert decide(report, PlanContext(now=NOW))[0].text.es.startswith(
        "Al enlace le quedan unos 3 minutos")
    longer = PlanContext(link_validity=timedelta(hours=1), now=NOW)
    assert decide(report, longer)[0].text.es.startswith("Al enlace le quedan unos 48 minutos")


def test_expired_is_what_the_report_says() -> None:
    facts = case_of(_report(*found("inbox", "INBOX", 30)), now=NOW, link_validity=VALID)
    assert facts.newest is not None and facts.newest.expired


@pytest.mark.parametrize(("reason", "status", "state"), [
    ("no_credentials", Status.UNKNOWN, Mailbox.NOT_SEARCHED),
    ("cannot_receive", Status.INFO, Mailbox.NOT_SEARCHED),
    ("check_failed", Status.UNKNOWN, Mailbox.FAILED),
])
def test_a_mailbox_not_checked(reason: str, status: Status, state: Mailbox) -> None:
    skipped = make("mailbox.not_checked", status, texts={"reason": Text("x", "x")},
                   reason=reason)
    facts = case_of(_report(skipped), now=NOW, link_validity=VALID)
    assert facts.mailbox is state and facts.mailbox_failure == reason


@pytest.mark.parametrize(("said", "kind"), [
    ("Hostname mismatch, certificate is not valid for 'imap.gmail.com'.", "name"),
    ("unable to get local issuer certificate", "untrusted"),
    ("self-signed certificate in certificate chain", "untrusted"),
    ("certificate has expired", "expired"),
])
def test_certificate_failures_are_told_apart(said: str, kind: str) -> None:
    from diag.mailbox.failures import translate
    from diag.mailbox.options import Endpoint, Security

    failure = translate(certificate(said), Endpoint("imap.gmail.com", 993, Security.TLS, None,
                                                    10.0))
    tls = make(failure.code, texts={"reason": failure.reason}, **failure.details)
    facts = case_of(_report(tls), now=NOW, link_validity=VALID)
    assert facts.mailbox is Mailbox.FAILED
    assert facts.mailbox_failure == f"imap.tls_failed.{kind}"


def test_the_newest_of_several_mails_decides() -> None:
    facts = case_of(_report(*found("inbox", "INBOX", 40), *found("junk", "[Gmail]/Spam", 2)),
                    now=NOW, link_validity=VALID)
    assert len(facts.mails) == 2 and facts.newest is not None
    assert facts.newest.role == "junk"


def test_a_mail_without_dates_has_no_known_link_life() -> None:
    facts = case_of(_report(finding("mail.found_inbox")), now=NOW, link_validity=VALID)
    assert facts.newest is not None and facts.newest.link_left is None


@pytest.mark.parametrize(("minutes", "es", "en"), [
    (0.4, "menos de un minuto", "less than a minute"),
    (1, "un minuto", "a minute"),
    (9, "unos 9 minutos", "about 9 minutes"),
    (125, "unas 2 horas", "about 2 hours"),
    (60 * 50, "unos 2 días", "about 2 days"),
])
def test_durations_as_a_person_says_them(minutes: float, es: str, en: str) -> None:
    assert about(timedelta(minutes=minutes)) == Text(es, en)
