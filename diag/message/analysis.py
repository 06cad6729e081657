"""Reading one message: its sender, dates, authentication verdicts and link hosts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parsedate_to_datetime
from typing import TYPE_CHECKING

from diag.errors import UsageError
from diag.findings import Finding, Report
from diag.i18n import Text
from diag.message.authresults import FAILING, auth_summary, vouches
from diag.message.hops import sending_hop
from diag.message.links import MAX_HOSTS, Links, link_hosts, redact_urls
from diag.message.lookalike import (
    ascii_domain,
    contains_keyword,
    domain_imitates_iess,
    is_under,
    mentions_iess,
    suspicious_hosts,
)
from diag.message.mime import BodyScan, body_texts, decode_words, parse, raw_headers
from diag.message.model import Kind, MessageFacts, SenderRules

if TYPE_CHECKING:
    from diag.message.sending import BlocklistCheck

MAX_BODY_SCAN = 1_000_000  # decoded bytes of text parts read for links


MAX_PARSE = 8_000_000  # raw bytes parsed; the rest is attachments that say nothing here


_MAX_HOPS = 100  # Received: lines read; real mail has a dozen, more is a loop or an attack


_MAX_ADDRESS = 1000  # characters of From: handed to the address parser


DEFAULT_RULES = SenderRules()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _date(value: str) -> datetime | None:
    try:
        return _aware(parsedate_to_datetime(value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _first(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key == name), None)


def _pairs(value: str) -> list[tuple[str, str]]:
    try:
        return getaddresses([value[:_MAX_ADDRESS]])
    except (RecursionError, ValueError, IndexError):  # deeply nested (comments (in comments))
        return []


def _sender(value: str | None) -> tuple[str | None, str, str | None]:
    """(addr-spec with the domain lower-cased, decoded display name, domain) of a From value."""
    if not value:
        return None, "", None
    pairs = _pairs(value)
    with_at = [(n, a) for n, a in pairs if "@" in a]
    name, addr = with_at[0] if with_at else (pairs[0] if pairs else ("", ""))
    if "@" not in addr:
        found = re.search(r"<\s*([^<>\s]+@[^<>\s]+)\s*>", value)
        addr = found.group(1) if found else ""
    display = decode_words(name).strip()
    local, _, domain = addr.rpartition("@")
    domain = ascii_domain(domain.strip().strip("[]"))
    if not local or not domain:
        return None, display or decode_words(value).strip(), None
    if len(with_at) > 1:
        # "From: notificaciones@iess.gob.ec, x@evil.example": no single sender to vouch for.
        return f"{local}@{domain}", display, None
    return f"{local}@{domain}", display, domain


@dataclass(frozen=True)
class _Times:
    sent: datetime | None
    arrived: datetime | None
    transit: timedelta | None
    received: tuple[datetime, ...]


def _times(headers: Sequence[tuple[str, str]], arrived_at: datetime | None) -> _Times:
    sent = _date(_first(headers, "date") or "")
    traces = [value for key, value in headers if key == "received"][:_MAX_HOPS]
    stamps = [_date(value.rpartition(";")[2]) for value in traces]
    received = tuple(s for s in stamps if s is not None)
    arrived = _aware(arrived_at) if arrived_at is not None else max(received, default=None)
    starts = [s for s in (sent, min(received, default=None)) if s is not None]
    transit = None
    if arrived is not None and starts:
        # A negative gap is two clocks disagreeing, not a delivery time.
        transit = max(arrived - min(starts), timedelta())
    return _Times(sent, arrived, transit, received)


def _claims_iess(froms: Sequence[str], rules: SenderRules) -> bool:
    for value in froms:
        for name, addr in _pairs(value):
            domain = ascii_domain(addr.rpartition("@")[2].strip().strip("[]"))
            if (is_under(domain, rules.sender_domains) or domain_imitates_iess(domain)
                    or mentions_iess(decode_words(name))):
                return True
    return False


def _several_senders(froms: Sequence[str]) -> bool:
    """More than one From: header, or several addresses in one (RFC 5322 §3.6 allows one); a
    From: too long to read whole cannot prove it holds only one."""
    return len(froms) > 1 or any(
        len(value) > _MAX_ADDRESS or sum("@" in addr for _, addr in _pairs(value)) > 1
        for value in froms)


def _reply_domains(headers: Sequence[tuple[str, str]]) -> list[str]:
    """The domains a reply would go to (Reply-To:), as the address parser reads them."""
    return [ascii_domain(addr.rpartition("@")[2].strip().strip("[]"))
            for key, value in headers if key == "reply-to"
            for _, addr in _pairs(decode_words(value)) if "@" in addr]


def _classify(sender_domain: str | None, sender_name: str, subject: str,
              hosts: Sequence[str], auth: Mapping[str, str], rules: SenderRules,
              replies: Sequence[str] = ()) -> tuple[Kind, tuple[str, ...]]:
    reasons: list[str] = []
    # Only the receiver's own pass aligned with the (genuine) From domain vouches for a link
    # elsewhere, such as IESS's Facebook page in the footer; see diag.message.receivers. A
    # Reply-To elsewhere is judged the same way: a reply there hands the phisher the answer.
    allowed = (*rules.sender_domains, *rules.link_domains)
    suspicious = suspicious_hosts(hosts, sender_domain, vouches(auth), rules.sender_domains,
                                  allowed)
    reply_to = bool(suspicious_hosts(replies, sender_domain, vouches(auth),
                                     rules.sender_domains, allowed))
    if is_under(sender_domain, rules.sender_domains):
        if suspicious:
            reasons.append("link_host")
        if reply_to:
            reasons.append("reply_to")
        # DMARC failing alone is also how IESS's own mail lands in junk; with links elsewhere
        # it confirms the forgery.
        if reasons and auth.get("dmarc") in FAILING:
            reasons.append("dmarc_fail")
        if reasons:
            return Kind.LOOKALIKE, tuple(reasons)
        if contains_keyword(subject, rules.keywords):
            return Kind.RECOVERY, ()
        return Kind.IESS_OTHER, ()
    recovery_words = tuple(k for k in rules.keywords if not mentions_iess(k))
    checks = (
        ("sender_domain", domain_imitates_iess(sender_domain)),
        ("display_name", mentions_iess(sender_name) or domain_imitates_iess(
            _display_domain(sender_name))),
        # A newspaper writing about IESS is not phishing; one about your IESS password is.
        ("subject", mentions_iess(subject) and contains_keyword(subject, recovery_words)),
        ("link_host", bool(suspicious)),
        ("reply_to", reply_to),
    )
    reasons = [slug for slug, hit in checks if hit]
    return (Kind.LOOKALIKE, tuple(reasons)) if reasons else (Kind.UNRELATED, ())


def _display_domain(name: str) -> str | None:
    found = re.search(r"@([\w.-]+)", name)
    return found.group(1) if found else None


def _unread(raw: bytes, truncated: bool, scanned: bool, headers_only: bool,
            complete: bool) -> str | None:
    """Why not every link was read (a reason slug), or None when all were."""
    if headers_only:
        return "headers_only"
    if truncated or len(raw) > MAX_PARSE:
        return "too_large"  # an IMAP fetch cap or MAX_PARSE cut the message short
    return None if scanned and complete else "unread_links"


def _kept(hosts: Sequence[str], suspicious: Sequence[str]) -> tuple[str, ...]:
    """At most MAX_HOSTS hosts for the facts, the ones that give a forgery away first."""
    return tuple(dict.fromkeys([*suspicious, *hosts]))[:MAX_HOSTS]


def analyze_message(raw: bytes, rules: SenderRules = DEFAULT_RULES, *,
                    arrived_at: datetime | None = None, headers_only: bool = False,
                    truncated: bool = False) -> MessageFacts:
    """Facts about one raw RFC 5322 message; never raises on malformed or hostile input.

    `arrived_at` is the mailbox's arrival time (IMAP INTERNALDATE) when the caller has it;
    `truncated`: `raw` is only the start of the message (an IMAP partial fetch hit its cap).
    """
    msg, scanned = parse(raw[:MAX_PARSE], headers_only=headers_only)
    headers = raw_headers(msg)
    froms = [value for name, value in headers if name == "from"]
    sender, sender_name, domain = _sender(froms[0] if froms else None)
    # Some senders' libraries RFC 2047-encode long trace headers; decoding them is harmless.
    auth = auth_summary([(name, decode_words(value)) for name, value in headers], domain,
                        rules.sender_domains)
    # Facts are logged and shown: a subject or name quoting a link keeps only its host.
    subject = redact_urls(" ".join(decode_words(_first(headers, "subject") or "").split()))
    sender_name = redact_urls(sender_name)
    scan = BodyScan()
    links = link_hosts(body_texts(msg, MAX_BODY_SCAN, scan)) if scanned else Links()
    # Every link read? Not when only the headers were, the parse fell back to them, the message
    # or a part was cut short, or a link's destination could not be read: the unread link may
    # be the phishing one.
    unread = _unread(raw, truncated, scanned, headers_only, scan.complete and links.complete)
    times = _times(headers, arrived_at)
    kind: Kind
    reasons: tuple[str, ...]
    replies = tuple(dict.fromkeys(_reply_domains(headers)))[:MAX_HOSTS]
    claims = _claims_iess(froms, rules) or (domain is not None and (
        is_under(domain, rules.sender_domains) or domain_imitates_iess(domain)))
    if _several_senders(froms) and claims:
        # Whichever From: a mail client shows, one of them is not the author: a forgery.
        kind, reasons = Kind.LOOKALIKE, ("several_senders",)
        domain = None
    else:
        kind, reasons = _classify(domain, sender_name, subject, links.hosts, auth, rules,
                                  replies)
    if kind is Kind.RECOVERY and unread is not None:
        kind, reasons = Kind.UNVERIFIED, (unread,)
    message_id = (_first(headers, "message-id") or "").strip() or None
    suspicious = suspicious_hosts(links.hosts, domain, vouches(auth), rules.sender_domains,
                                  (*rules.sender_domains, *rules.link_domains))
    return MessageFacts(subject, sender, sender_name, domain, times.sent, times.arrived,
                        times.transit, auth, _kept(links.hosts, suspicious), kind, reasons,
                        message_id, len(headers), scanned, times.received,
                        sending_hop(headers), replies)


_NOT_A_MESSAGE = Text(
    "«{name}» no parece un mensaje de correo: no tiene cabeceras (From:, Subject:, Date:…). "
    "Guarde el mensaje como .eml o copie el «original» completo.",
    "'{name}' does not look like a mail message: it has no headers (From:, Subject:, Date:…). "
    "Save the message as .eml or copy the complete 'original'.",
)


def message_report(raw: bytes, name: str, *, rules: SenderRules = DEFAULT_RULES,
                   now: datetime, blocklists: BlocklistCheck | None = None) -> Report:
    """The report of `iess-diag analyze-headers` for one message file; with `blocklists`, the
    server that delivered a vouched IESS mail is looked up on them (else no DNS at all)."""
    from diag.message.sending import sending_findings

    facts = analyze_message(raw, rules)
    if not (facts.sender or facts.subject or facts.sent_at or facts.received
            or facts.message_id):
        raise UsageError(_NOT_A_MESSAGE.format(name=name))
    findings = message_findings(facts, now=now, rules=rules)
    findings += sending_findings(facts, blocklists)
    return Report("analyze-headers", name, facts.sender, tuple(findings))


def message_findings(facts: MessageFacts, *, now: datetime, rules: SenderRules,
                     folder: str | None = None, role: str | None = None) -> list[Finding]:
    """Findings about one message.

    With a `role` (inbox, junk, promotions, trash, archive, all, other), as a mailbox search sees
    it: a RECOVERY message gives mail.found_* plus mail.expired / mail.delayed / mail.auth_failed
    where they apply, a LOOKALIKE gives mail.lookalike_sender, anything else nothing. Without a
    role, as `analyze-headers` sees one file: message.from_iess / message.iess_other /
    message.unrelated take the place of mail.found_*.
    """
    from diag.message.verdicts import findings_for

    return findings_for(facts, now=now, rules=rules, folder=folder, role=role)
