"""diagnose: one help-desk case (the address, then the mailbox, then the cédula) in one report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from diag import defaults
from diag.codes import make
from diag.errors import CheckFailed
from diag.findings import Report, Status, Verdict
from diag.i18n import Text

if TYPE_CHECKING:
    from diag.deliverability.check import AddressCheck
    from diag.mailbox.credentials import Credentials
    from diag.mailbox.options import MailboxOptions, WaitTick
    from diag.message.model import SenderRules
    from diag.sender.check import SenderCache

COMMAND = "diagnose"
MAILBOX_COMMAND = "find-reset-mail"

# Given check-email's result (its address has no invisible characters, its domain result names
# the provider), search the mailbox. The default is the read-only IMAP search; tests and other
# transports may pass their own.
MailboxSearch = Callable[["AddressCheck"], Report]

# Said to nobody in particular: the plan, in the chosen voice, says what to do about it.
NO_CREDENTIALS = Text(
    "no se dieron sus datos de acceso (--user), así que no se sabe si el correo del IESS "
    "llegó.",
    "no mailbox sign-in was given (--user), so whether the IESS mail arrived is unknown.",
)
CANNOT_RECEIVE = Text(
    "la dirección no es válida o no puede recibir correo (vea los hallazgos de la dirección).",
    "the address is not valid or cannot receive mail (see the address findings).",
)


def diagnose(address: str, *, credentials: Credentials | Callable[[str], Credentials] | None = None,
             mailbox: MailboxOptions | None = None, rules: SenderRules | None = None,
             cedula: str | None = None, nameservers: Sequence[str] = (),
             dns_timeout: float = defaults.DNS_TIMEOUT,
             progress: Callable[[WaitTick], None] | None = None,
             trace: Callable[[str], None] | None = None,
             search: MailboxSearch | None = None, sender_domain: str | None = None,
             senders: SenderCache | None = None) -> Report:
    """Check the address; if it can receive mail and `credentials` are given (or a function of
    the address that returns them, called only then), search the mailbox read-only as `mailbox`
    says; with `cedula`, check the ID number too; with `sender_domain`, the sender's health
    (through `senders`, a cache). A diagnosis never raises for bad input."""
    from diag.deliverability.check import assess_email

    if search is None and credentials is not None:
        search = _imap_search(credentials, mailbox, rules, nameservers, dns_timeout, progress,
                              trace)
    checked = assess_email(address, nameservers=nameservers, dns_timeout=dns_timeout)
    sections = [checked.report, mailbox_section(checked, search)]
    if cedula is not None:
        from diag.identity.numbers import check_id

        sections.append(check_id(cedula))
    if sender_domain is not None:
        # Last, so each section keeps its place; its findings carry `sender_problem` and
        # `receivers` for the plan to reason with (advice priorities put it first there).
        sections.append(sender_section(sender_domain, senders, nameservers, dns_timeout))
    return combine(address, checked.report.address, sections)


def sender_section(domain: str, senders: SenderCache | None, nameservers: Sequence[str],
                   dns_timeout: float) -> Report:
    """The "Remitente (IESS)" section: check-sender's report, at most once per few minutes."""
    from diag.sender.check import SENDERS

    return (senders or SENDERS).get(domain, nameservers, dns_timeout)


def _imap_search(credentials: Credentials | Callable[[str], Credentials],
                 mailbox: MailboxOptions | None, rules: SenderRules | None,
                 nameservers: Sequence[str], dns_timeout: float,
                 progress: Callable[[WaitTick], None] | None,
                 trace: Callable[[str], None] | None) -> MailboxSearch:
    def search(checked: AddressCheck) -> Report:
        from diag.mailbox.find import find_reset_mail

        report = checked.report
        return find_reset_mail(report.address or report.input, credentials, mailbox,
                               rules=rules, nameservers=nameservers, dns_timeout=dns_timeout,
                               progress=progress, trace=trace, domain=checked.domain)

    return search


def mailbox_section(checked: AddressCheck, search: MailboxSearch | None) -> Report:
    """The mailbox's own report, or one finding that says why it was not searched."""
    address_report = checked.report
    if address_report.verdict is Verdict.PROBLEM or address_report.address is None:
        return _not_checked(address_report, CANNOT_RECEIVE, "cannot_receive")
    if search is None:
        # Nobody opened the mailbox: whether the mail arrived is unknown, so the case cannot
        # be "all clear" (exit 3, inconclusive), and never a problem either.
        skipped = _not_checked(address_report, NO_CREDENTIALS, "no_credentials")
        unknown = replace(skipped.findings[0], status=Status.UNKNOWN)  # worded "not checked"
        return replace(skipped, findings=(unknown,))
    try:
        return search(checked)
    except CheckFailed as error:  # e.g. no password could be read: the rest is still worth having
        return _not_checked(address_report, error.message, "check_failed", Status.UNKNOWN)


def _not_checked(address_report: Report, reason: Text, slug: str,
                 status: Status | None = None) -> Report:
    finding = make("mailbox.not_checked", status, texts={"reason": reason}, reason=slug)
    return Report(MAILBOX_COMMAND, address_report.input, address_report.address, (finding,))


def combine(typed: str, address: str | None, sections: Sequence[Report]) -> Report:
    """One report whose findings are the sections' findings, in order; a finding a later
    section repeats (the mailbox check reports the provider too) is kept only once."""
    seen: set[tuple[str, Status, Text]] = set()
    merged = []
    for section in sections:
        fresh = tuple(f for f in section.findings if (f.code, f.status, f.message) not in seen)
        seen.update((f.code, f.status, f.message) for f in fresh)
        merged.append(replace(section, findings=fresh))
    findings = tuple(f for section in merged for f in section.findings)
    return Report(COMMAND, typed, address, findings, tuple(merged))
