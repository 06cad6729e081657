"""The facts an action plan reasons over, read once from a report's findings and their details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from diag.findings import Finding, Report, Status

FOUND_ROLE = {"mail.found_inbox": "inbox", "mail.found_spam": "junk",
              "mail.found_promotions": "promotions", "mail.found_trash": "trash",
              "mail.found_other": "other"}
_NO_DOMAIN = {"domain.not_found", "domain.no_mail_server", "domain.null_mx"}
_BROKEN_DOMAIN = {"mx.unresolvable", "mx.non_public_address", "domain.implicit_mx",
                  "domain.spf_reject_all"}


class Audience(StrEnum):
    """Whom the plan speaks to: the help-desk agent (default) or the affiliate, directly."""

    AGENT = "agent"
    PERSON = "person"


class Mailbox(StrEnum):
    """What happened to the mailbox: searched, not searched (and why), or not part of the run."""

    SEARCHED = "searched"
    NOT_SEARCHED = "not_searched"  # no credentials, no app id, unknown server: never opened
    FAILED = "failed"  # the search was tried and could not run (sign-in, TLS, network)
    ABSENT = "absent"  # the command does not look at a mailbox (check-email, analyze-headers)


@dataclass(frozen=True)
class Mail:
    """One genuine IESS mail found in the mailbox (or analysed from its headers)."""

    role: str  # inbox, junk, promotions, trash, other; "message" for analyze-headers
    age: timedelta | None  # since it arrived
    link_left: timedelta | None  # of its link's life; negative: expired that long ago
    expired: bool  # the report says so (mail.expired)
    dmarc: str  # the receiver's own DMARC result ("pass", "fail", ...); "" when none


@dataclass(frozen=True)
class Case:
    """Everything the rules need, typed; nothing a rule must dig out of a details dict."""

    command: str
    provider: str | None  # gmail, microsoft, yahoo, icloud, zoho, other; None when unknown
    address_checked: bool
    address_invalid: bool
    invisible: bool
    typo: bool
    disposable: bool
    no_domain: bool  # it does not exist, has no mail server, or refuses all mail
    broken_domain: bool  # its mail servers cannot be reached from the internet
    dns_unknown: bool
    mailbox: Mailbox
    mailbox_failure: str | None  # the imap.* code, or the not-checked reason
    mails: tuple[Mail, ...]
    not_found: bool  # a complete search found nothing
    incomplete: bool
    full: bool
    nearly_full: bool
    phishing: int
    forged: bool  # the message claims IESS but its DMARC failed
    waited_in_vain: bool
    id_invalid: bool
    # The sender's side failed (check-sender): "listed" (a blocklist receivers use) or
    # "misconfigured" (its SPF/DMARC make receivers refuse it); None when fine or not checked.
    sender_problem: str | None = None
    extras: bool = False  # a paste wrapped the address (`mailto:`, `Name <...>`, a final dot)
    quoted_local: bool = False  # valid, but quoted before the @: forms refuse it
    address_unread: bool = False  # no one address could be read (damaged, several): unknown
    unverified: bool = False  # a mail that looks like IESS's whose links are not all known

    @property
    def newest(self) -> Mail | None:
        """The mail whose link matters: the one that arrived last."""
        dated = [m for m in self.mails if m.age is not None]
        if dated:
            return min(dated, key=lambda m: m.age or timedelta())
        return self.mails[0] if self.mails else None

    @property
    def found(self) -> bool:
        return bool(self.mails)

    @property
    def can_receive(self) -> bool:
        """Nothing says the address cannot receive mail (unknown counts as "can")."""
        return not (self.address_invalid or self.no_domain or self.broken_domain)


def case_of(report: Report, *, now: datetime, link_validity: timedelta) -> Case:
    """The facts of `report`, with each found mail's link life computed at `now`."""
    codes = set(report.codes())
    found = report.findings
    return Case(
        command=report.command, provider=_provider(report),
        address_checked=bool(codes & {"address.valid", "address.invalid"}),
        # An address that could not be read (unknown) is not known to be wrong.
        address_invalid=any(f.code == "address.invalid" and f.status is Status.FAIL
                            for f in found),
        invisible="address.invisible_characters" in codes,
        extras="address.extra_characters" in codes, quoted_local="address.quoted_local" in codes,
        address_unread=any(f.code == "address.invalid" and f.status is Status.UNKNOWN
                           for f in found),
        typo="address.typo_suspected" in codes, disposable="address.disposable" in codes,
        no_domain=bool(codes & _NO_DOMAIN),
        broken_domain=any(f.code in _BROKEN_DOMAIN and f.status is Status.FAIL for f in found),
        dns_unknown="dns.inconclusive" in codes,
        mailbox=_mailbox(report, codes), mailbox_failure=_failure(found),
        mails=_mails(found, now, link_validity),
        not_found="mail.not_found" in codes, incomplete="mail.search_incomplete" in codes,
        full="mailbox.full" in codes, nearly_full="mailbox.nearly_full" in codes,
        phishing=sum(f.code == "mail.lookalike_sender" for f in found),
        unverified="mail.unverified" in codes,
        forged=any(f.code == "message.from_iess" and f.status is Status.WARN for f in found),
        waited_in_vain=any(f.code == "mail.waited" and f.status is not Status.OK for f in found),
        id_invalid=any(f.code.startswith("id.") and f.status is Status.FAIL for f in found),
        sender_problem=next((str(f.details["sender_problem"]) for f in found
                             if f.status is Status.FAIL and f.details.get("sender_problem")),
                            None),
    )


def _provider(report: Report) -> str | None:
    from diag.deliverability import providers

    detected = report.find("provider.detected")
    if detected is not None:
        return str(detected.details.get("provider", "other"))
    domain = (report.address or "").rpartition("@")[2]
    known = providers.from_domain(domain) if domain else None
    return known.key if known is not None else None


def _mailbox(report: Report, codes: set[str]) -> Mailbox:
    skipped = report.find("mailbox.not_checked")
    if skipped is not None:
        return Mailbox.FAILED if skipped.details.get("reason") == "check_failed" else \
            Mailbox.NOT_SEARCHED
    if "imap.host_unknown" in codes:
        return Mailbox.NOT_SEARCHED
    if any(c.startswith("imap.") and c != "imap.plaintext" for c in codes):
        return Mailbox.FAILED
    if report.command in ("find-reset-mail", "diagnose") or codes & {
            "mail.folders_searched", "mail.not_found", "mail.search_incomplete"}:
        return Mailbox.SEARCHED
    return Mailbox.ABSENT


def _failure(findings: tuple[Finding, ...]) -> str | None:
    for f in findings:
        if f.code == "mailbox.not_checked":
            return str(f.details.get("reason", "not_checked"))
        if f.code.startswith("imap.") and f.code != "imap.plaintext":
            return _imap_failure(f)
    return None


def _imap_failure(finding: Finding) -> str:
    """The code, refined where the advice differs (a CA nobody trusts is not a wrong name)."""
    if finding.code != "imap.tls_failed":
        return finding.code
    if finding.details.get("cause") != "certificate":
        return "imap.tls_failed.handshake"
    said = str(finding.details.get("verify_message", "")).lower()
    if "hostname" in said or "not valid for" in said:
        return "imap.tls_failed.name"
    return "imap.tls_failed.expired" if "expired" in said else "imap.tls_failed.untrusted"


def _mails(findings: tuple[Finding, ...], now: datetime,
           validity: timedelta) -> tuple[Mail, ...]:
    expired = {_key(f.details) for f in findings if f.code == "mail.expired"}
    mails = []
    for f in findings:
        role = FOUND_ROLE.get(f.code) or ("message" if f.code == "message.from_iess" else None)
        if role is None:
            continue
        age = _age(f.details, now)
        left = _left(f.details, now, validity)
        dmarc = str((f.details.get("auth") or {}).get("dmarc", "")).lower()
        mails.append(Mail(role, age, left, _key(f.details) in expired, dmarc))
    return tuple(mails)


def _key(details: Any) -> tuple[object, ...]:
    return (details.get("arrived"), details.get("subject"), details.get("folder"))


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _age(details: Any, now: datetime) -> timedelta | None:
    arrived = _moment(details.get("arrived"))
    if arrived is not None:
        return max(now - arrived, timedelta())
    seconds = details.get("age_seconds")
    return timedelta(seconds=seconds) if isinstance(seconds, int | float) else None


def _left(details: Any, now: datetime, validity: timedelta) -> timedelta | None:
    """The link's life is counted from when IESS sent it (when known): a mail that spent 9
    minutes on the way has lost those 9 minutes too."""
    moments = [m for m in (_moment(details.get("sent")), _moment(details.get("arrived")))
               if m is not None and m <= now + timedelta(minutes=2)]
    if not moments:
        age = _age(details, now)
        return None if age is None else validity - age
    return validity - (now - min(moments))
