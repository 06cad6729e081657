"""diagnose: one help-desk case (the address, then the mailbox, then the cédula) in one report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from diag.codes import make
from diag.defaults import DNS_TIMEOUT
from diag.errors import CheckFailed
from diag.findings import Report, Status, Verdict
from diag.i18n import Text

if TYPE_CHECKING:
    from diag.sender.check import SenderCache

COMMAND = "diagnose"
MAILBOX_COMMAND = "find-reset-mail"

# Given check-email's report (its address has no invisible characters, its provider finding
# names the IMAP host), search the mailbox.
MailboxCheck = Callable[[Report], Report]

NO_CREDENTIALS = Text(
    "no se indicó el usuario del buzón (--user). Pida a la persona que busque el correo del IESS "
    "con usted en todas las carpetas, o repita el diagnóstico con sus datos de acceso.",
    "no mailbox user was given (--user). Ask the person to look for the IESS mail with you in "
    "every folder, or run the diagnosis again with their sign-in.",
)
CANNOT_RECEIVE = Text(
    "la dirección no es válida o no puede recibir correo (vea los hallazgos de la dirección).",
    "the address is not valid or cannot receive mail (see the address findings).",
)


def diagnose(address: str, *, mailbox: MailboxCheck | None = None, cedula: str | None = None,
             nameservers: Sequence[str] = (), dns_timeout: float = DNS_TIMEOUT,
             sender_domain: str | None = None, senders: SenderCache | None = None) -> Report:
    """Check the address; if it can receive mail and a mailbox check is given, search the
    mailbox; with `sender_domain`, check the sender's health (through `senders`, a cache);
    with `cedula`, check the ID number too. A diagnosis never raises for bad input."""
    from diag.deliverability.check import check_email

    address_report = check_email(address, nameservers=nameservers, dns_timeout=dns_timeout)
    sections = [address_report, mailbox_section(address_report, mailbox)]
    if cedula is not None:
        from diag.identity.numbers import check_id

        sections.append(check_id(cedula))
    if sender_domain is not None:
        # Last, so each section keeps its place; its findings carry `sender_problem` and
        # `receivers` for the plan to reason with (advice priorities put it first there).
        sections.append(sender_section(sender_domain, senders, nameservers, dns_timeout))
    return combine(address, address_report.address, sections)


def sender_section(domain: str, senders: SenderCache | None, nameservers: Sequence[str],
                   dns_timeout: float) -> Report:
    """The "Remitente (IESS)" section: check-sender's report, at most once per few minutes."""
    from diag.sender.check import SENDERS

    return (senders or SENDERS).get(domain, nameservers, dns_timeout)


def mailbox_section(address_report: Report, mailbox: MailboxCheck | None) -> Report:
    """The mailbox's own report, or one finding that says why it was not searched."""
    if address_report.verdict is Verdict.PROBLEM or address_report.address is None:
        return _not_checked(address_report, CANNOT_RECEIVE, "cannot_receive")
    if mailbox is None:
        return _not_checked(address_report, NO_CREDENTIALS, "no_credentials")
    try:
        return mailbox(address_report)
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
