"""Hand-built findings and case reports for the diagnose, redact and HTML tests (no network)."""

from __future__ import annotations

import string
from typing import Any

from diag.catalog import CODES, make
from diag.diagnose import MAILBOX_COMMAND, combine
from diag.findings import Finding, Report, Status

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>&amp;'


def finding(code: str, status: Status | None = None, **values: Any) -> Finding:
    """A catalog finding whose placeholders not given are filled with their own names, so the
    tests do not depend on each template's exact fields."""
    info = CODES[code]
    template = info.template(status or info.status)
    names = {name for text in (template.es, template.en)
             for _, name, _, _ in string.Formatter().parse(text) if name}
    return make(code, status, **({name: name.upper() for name in names} | values))


def address_report(address: str = "ana.perez@gmail.com", typed: str | None = None) -> Report:
    domain = address.rpartition("@")[2]
    return Report("check-email", typed or address, address, (
        finding("address.valid", address=address),
        finding("domain.accepts_mail", domain=domain, mx_hosts=[f"mx.{domain}"]),
    ))


def mailbox_report(address: str, *found: Finding) -> Report:
    return Report(MAILBOX_COMMAND, address, address, found)


def case(address: str = "ana.perez@gmail.com", *mail: Finding,
         identity: Finding | None = None) -> Report:
    """A diagnose report: the address, the mailbox findings given, and optionally an ID."""
    sections = [address_report(address), mailbox_report(address, *mail)]
    if identity is not None:
        sections.append(Report("check-id", str(identity.details.get("number", "")), None,
                               (identity,)))
    return combine(address, address, sections)


def spam_case(address: str = "ana.perez@gmail.com", title: str = "Recuperación de clave",
              **details: Any) -> Report:
    """The mail is in spam; the cédula is valid."""
    return case(
        address,
        finding("mail.found_spam", title=title, place="[Gmail]/Spam", when="hace 2 minutos",
                **details),
        finding("mail.auth_failed", results="spf=fail"),
        identity=finding("id.valid", number="1712345618", kind="cédula"),
    )
