"""Findings about one analysed message, worded for a help-desk agent (see diag.message)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from diag.codes import make
from diag.durations import human_text, moment_text
from diag.findings import Finding, Status
from diag.i18n import Text
from diag.message.authresults import FAILING, auth_failures, explain_failures, vouches
from diag.message.lookalike import suspicious_hosts
from diag.message.model import Kind, MessageFacts, SenderRules

_FOUND_CODE = {"inbox": "mail.found_inbox", "junk": "mail.found_spam",
               "promotions": "mail.found_promotions", "trash": "mail.found_trash"}
_MAX_SHOWN = 90

_UNKNOWN_TIME = Text("en un momento desconocido", "at an unknown time")
_NO_SENDER = Text("(sin remitente)", "(no sender)")
_NO_LINKS = Text("No tiene enlaces.", "It has no links.")
# Why the links of a mail that looks like the recovery mail are not all known (Kind.UNVERIFIED).
_UNREAD = {
    "too_large": Text("el mensaje es demasiado grande para leerlo entero",
                      "the message is too large to read in full"),
    "headers_only": Text("solo se leyeron sus cabeceras", "only its headers were read"),
    "unread_links": Text("uno de sus enlaces no es una dirección web que se pueda revisar",
                         "one of its links is not a web address that can be checked"),
}
_REASONS = {
    "sender_domain": Text("el dominio {domain} imita a {genuine}",
                          "the domain {domain} imitates {genuine}"),
    "display_name": Text("el nombre «{name}» dice ser el IESS, pero la dirección no es de "
                         "{genuine}",
                         "the name '{name}' claims to be IESS, but the address is not at "
                         "{genuine}"),
    "subject": Text("el asunto habla de la clave del IESS, pero no viene de {genuine}",
                    "the subject is about the IESS password, but it does not come from "
                    "{genuine}"),
    "link_host": Text("sus enlaces llevan a {outside}, fuera de {genuine}",
                      "its links go to {outside}, outside {genuine}"),
    "reply_to": Text("las respuestas irían a {reply}, fuera de {genuine}",
                     "replies would go to {reply}, outside {genuine}"),
    "dmarc_fail": Text("la verificación DMARC del remitente falló",
                       "the sender's DMARC check failed"),
    "several_senders": Text("tiene más de un remitente, algo que solo hace un correo falsificado",
                            "it has more than one sender, which only a forged mail has"),
}
_IMITATES = Text("imita al IESS", "it imitates IESS")
_STRENGTH = {"several_senders": 0, "sender_domain": 0, "link_host": 1, "reply_to": 1,
             "display_name": 2,
             "subject": 3, "dmarc_fail": 4}


def redact(text: str) -> str:
    """A subject or name as shown, at most _MAX_SHOWN characters. Its URLs were cut to their
    host once, when the facts were read (diag.message.analysis): never a token in a report."""
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN - 1] + "…"


def _when(facts: MessageFacts, now: datetime) -> Text:
    age = facts.age(now)
    if facts.arrived_at is None or age is None:
        return _UNKNOWN_TIME
    ago, at = human_text(age), moment_text(facts.arrived_at, now)
    return Text(f"hace {ago.es} ({at.es})", f"{ago.en} ago ({at.en})")


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone().isoformat() if moment is not None else None


def _seconds(span: timedelta | None) -> int | None:
    return round(span.total_seconds()) if span is not None else None


def details(facts: MessageFacts, now: datetime, folder: str | None,
            role: str | None) -> dict[str, Any]:
    """The details every finding about a message carries (JSON-ready)."""
    return {
        "folder": folder, "role": role, "arrived": _iso(facts.arrived_at),
        "sent": _iso(facts.sent_at), "subject": redact(facts.subject), "sender": facts.sender,
        "age_seconds": _seconds(facts.age(now)), "transit_seconds": _seconds(facts.transit),
        "auth": dict(facts.auth), "link_hosts": list(facts.link_hosts),
    }


def _pieces(facts: MessageFacts, now: datetime) -> dict[str, Text]:
    sender = Text(facts.sender, facts.sender) if facts.sender else _NO_SENDER
    if facts.link_hosts:
        hosts = ", ".join(facts.link_hosts)
        links = Text(f"Sus enlaces llevan a {hosts}.", f"Its links go to {hosts}.")
    else:
        links = _NO_LINKS
    subject = redact(facts.subject)
    return {"when": _when(facts, now), "who": sender, "links": links,
            "title": Text(subject, subject)}


def _reasons(facts: MessageFacts, rules: SenderRules) -> Text:
    allowed = (*rules.sender_domains, *rules.link_domains)
    outside = suspicious_hosts(facts.link_hosts, facts.sender_domain, vouches(facts.auth),
                               rules.sender_domains, allowed)
    values = {"domain": facts.sender_domain or "", "name": redact(facts.sender_name),
              "genuine": ", ".join(rules.sender_domains), "outside": ", ".join(outside[:5]),
              "reply": ", ".join(facts.reply_to[:3])}
    # The two strongest reasons make the sentence; the details list them all.
    slugs = sorted(facts.lookalike_reasons, key=lambda s: _STRENGTH.get(s, 9))[:2]
    parts = [_REASONS[slug].format(**values) for slug in slugs if slug in _REASONS]
    return Text.join("; ", parts) if parts else _IMITATES


def _lookalike(facts: MessageFacts, now: datetime, rules: SenderRules, folder: str | None,
               role: str | None) -> Finding:
    return make("mail.lookalike_sender",
                texts={**_pieces(facts, now), "where": _where(folder),
                       "reasons": _reasons(facts, rules)},
                reasons=list(facts.lookalike_reasons), sender_name=redact(facts.sender_name),
                sender_domain=facts.sender_domain, **details(facts, now, folder, role))


def _where(folder: str | None) -> Text:
    return (Text(f" en la carpeta «{folder}»", f" in the folder '{folder}'") if folder
            else Text("", ""))


def _unverified(facts: MessageFacts, now: datetime, folder: str | None,
                role: str | None) -> Finding:
    why = _UNREAD.get(facts.lookalike_reasons[0] if facts.lookalike_reasons else "",
                      _UNREAD["unread_links"])
    return make("mail.unverified", texts={**_pieces(facts, now), "where": _where(folder),
                                          "why": why},
                reasons=list(facts.lookalike_reasons), **details(facts, now, folder, role))


def _timing(facts: MessageFacts, now: datetime, rules: SenderRules, role: str | None,
            info: dict[str, Any]) -> list[Finding]:
    found = []
    age = facts.age(now)
    if age is not None and age > rules.link_validity:
        found.append(make("mail.expired", texts={"age": human_text(age),
                                                 "validity": human_text(rules.link_validity)},
                          validity_seconds=_seconds(rules.link_validity), **info))
    if facts.transit is not None and facts.transit > rules.delay_threshold:
        found.append(make("mail.delayed", texts={"transit": human_text(facts.transit)},
                          threshold_seconds=_seconds(rules.delay_threshold), **info))
    failures = auth_failures(facts.auth)
    if failures and role != "inbox":  # it explains a junk verdict; in the inbox it is noise
        found.append(make("mail.auth_failed", texts={"explained": explain_failures(facts.auth)},
                          results=failures, **info))
    return found


def findings_for(facts: MessageFacts, *, now: datetime, rules: SenderRules,
                 folder: str | None = None, role: str | None = None) -> list[Finding]:
    """See diag.message.message_findings."""
    if facts.kind is Kind.LOOKALIKE:
        return [_lookalike(facts, now, rules, folder, role)]
    if facts.kind is Kind.UNVERIFIED:
        return [_unverified(facts, now, folder, role)]
    info = details(facts, now, folder, role)
    pieces = _pieces(facts, now)
    if role is None and facts.kind is Kind.UNRELATED:
        return [make("message.unrelated", texts=pieces, **info)]
    if role is None and facts.kind is Kind.IESS_OTHER:
        return [make("message.iess_other", texts=pieces, **info)]
    if facts.kind is not Kind.RECOVERY:
        return []  # in a mailbox search, other mail is not worth a line
    if role is None:
        forged = facts.auth.get("dmarc") in FAILING
        main = make("message.from_iess", Status.WARN if forged else None, texts=pieces, **info)
    else:
        code = _FOUND_CODE.get(role, "mail.found_other")
        main = make(code, texts={**pieces, "place": Text(folder or role, folder or role)},
                    **info)
    return [main, *_timing(facts, now, rules, role, info)]
