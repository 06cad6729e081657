"""Turning what check-sender learnt into findings, with what an action plan needs in details."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from diag.codes import make
from diag.deliverability.lookups import FAILURE_TEXT
from diag.findings import Finding, Status
from diag.i18n import Text, listed
from diag.sender.blocklists import BLOCKLISTS, Answer, Listing
from diag.sender.records import DkimKey, Dmarc
from diag.sender.spf import SpfResult, SpfState

# Receivers that apply the sender's DMARC policy or require SPF: every large provider.
DMARC_RECEIVERS = ["gmail", "outlook", "yahoo", "every_dmarc_receiver"]

_WHY = {
    "too_many_lookups": Text("necesita más de 10 consultas DNS, el máximo permitido",
                             "it needs more than 10 DNS lookups, the maximum allowed"),
    "too_many_void": Text("más de 2 de sus consultas DNS no devuelven nada, el máximo permitido",
                          "more than 2 of its DNS lookups return nothing, the maximum allowed"),
    "include_loop": Text("sus inclusiones forman un ciclo que nunca termina",
                         "its includes form a loop that never ends"),
    "redirect_loop": Text("sus redirecciones forman un ciclo que nunca termina",
                          "its redirects form a loop that never ends"),
    "multiple_records": Text("el dominio publica más de un registro SPF",
                             "the domain publishes more than one SPF record"),
    "syntax": Text("tiene un error de sintaxis", "it has a syntax error"),
    "include_missing": Text("incluye un dominio que no tiene SPF",
                            "it includes a domain that has no SPF record"),
}
_POLICY = {"none": Text("no hacer nada con el correo que no se autentica",
                        "do nothing with mail that fails authentication"),
           "quarantine": Text("mandar a spam el correo que no se autentica",
                              "send mail that fails authentication to spam"),
           "reject": Text("rechazar el correo que no se autentica",
                          "reject mail that fails authentication")}
_CONSEQUENCE = {"quarantine": Text("manden a spam", "send to spam"),
                "reject": Text("rechacen", "reject")}
_PRESENCE = {"present": Text("publicado", "published"), "absent": Text("no publicado",
                                                                       "not published"),
             "unknown": Text("no se pudo consultar", "could not be looked up")}
_REFUSED = Text("la lista no atiende consultas que llegan desde este servidor DNS",
                "the list does not serve queries coming from this DNS server")
_ODD = Text("la respuesta no es una respuesta de lista de bloqueo",
            "the answer is not a blocklist answer")
_SELF_TEST = Text("la lista no pasó su propia prueba (RFC 5782) desde este servidor DNS, así "
                  "que su respuesta no es fiable",
                  "the list failed its own test (RFC 5782) from this DNS server, so its answer "
                  "cannot be trusted")


def spf_findings(domain: str, spf: SpfResult) -> list[Finding]:
    if spf.state is SpfState.MISSING:
        return [make("spf.missing", domain=domain, sender_problem="misconfigured",
                     receivers=DMARC_RECEIVERS)]
    if spf.state is SpfState.PERMERROR:
        return [make("spf.permerror", texts={"why": _WHY[spf.reason]}, domain=domain,
                     reason=spf.reason, record=spf.record, error=spf.error,
                     dns_lookups=spf.dns_lookups, void_lookups=spf.void_lookups,
                     sender_problem="misconfigured", receivers=DMARC_RECEIVERS)]
    if spf.state is SpfState.UNKNOWN:
        return [make("spf.inconclusive", domain=domain, failures=list(spf.dns_failures),
                     record=spf.record)]
    found = [make("spf.ok", domain=domain, record=spf.record, dns_lookups=spf.dns_lookups,
                  void_lookups=spf.void_lookups)]
    if spf.all_qualifier == "pass":
        found.append(make("spf.allows_all", domain=domain, record=spf.record))
    elif spf.all_qualifier in ("neutral", ""):
        found.append(make("spf.weak_all", domain=domain, record=spf.record,
                          all=spf.all_qualifier or "none"))
    found.append(make("spf.senders", texts={"senders_text": _senders_text(spf)}, domain=domain,
                      address_count=len(spf.addresses), range_count=len(spf.ranges),
                      addresses=list(spf.addresses), ranges=list(spf.ranges),
                      mx_hosts=list(spf.hosts),
                      truncated=spf.truncated))
    return found


def dmarc_findings(domain: str, dmarc: Dmarc, spf: SpfResult,
                   dkim: Sequence[DkimKey]) -> list[Finding]:
    if dmarc.state == "unknown":
        return [make("dmarc.inconclusive", domain=domain,
                     failures=[{"name": lk.name, "reason": lk.failure} for lk in dmarc.failures])]
    if dmarc.state == "missing":
        return [make("dmarc.missing", domain=domain, receivers=DMARC_RECEIVERS)]
    if dmarc.state == "invalid":
        return [make("dmarc.invalid", domain=domain, record=dmarc.record, at=dmarc.at)]
    # A subdomain without its own record gets the organizational domain's sp (RFC 7489 6.6.3).
    policy = dmarc.policy if dmarc.at == domain else dmarc.subdomain_policy
    text = _POLICY.get(policy, _POLICY["none"])
    if dmarc.percent < 100:
        text = Text(f"{text.es}, en el {dmarc.percent} % del correo",
                    f"{text.en}, for {dmarc.percent}% of the mail")
    found = [make("dmarc.policy", Status.INFO if policy == "none" else Status.OK,
                  texts={"policy_text": text}, domain=domain, at=dmarc.at, record=dmarc.record,
                  p=dmarc.policy, sp=dmarc.subdomain_policy, applied=policy, pct=dmarc.percent,
                  adkim=dmarc.tags.get("adkim", "r"), aspf=dmarc.tags.get("aspf", "r"))]
    rejection = _rejection(domain, policy, dmarc.percent, spf, dkim)
    return found + ([rejection] if rejection else [])


def _rejection(domain: str, policy: str, percent: int, spf: SpfResult,
               dkim: Sequence[DkimKey]) -> Finding | None:
    """Strict policy + broken SPF + no DKIM evidence: receivers refuse the domain's own mail."""
    if policy not in _CONSEQUENCE or percent == 0:
        return None
    if spf.state not in (SpfState.MISSING, SpfState.PERMERROR):
        return None
    if any(k.state in ("found", "unknown") for k in dkim):
        return None  # a key exists (or might): DKIM can still carry DMARC
    status = Status.FAIL if dkim else Status.WARN  # no selector given: DKIM is not known broken
    advice = None if dkim else ("find_dkim_selector", "report_sender_weakness")
    return make("dmarc.rejects_own_mail", status, texts={"consequence": _CONSEQUENCE[policy]},
                advice=advice,
                domain=domain, policy=policy, spf=spf.state.value,
                selectors=[k.selector for k in dkim], sender_problem="misconfigured",
                receivers=DMARC_RECEIVERS)


def dkim_findings(domain: str, selectors: Sequence[str],
                  keys: Sequence[DkimKey]) -> list[Finding]:
    if not selectors:
        return [make("dkim.not_checked", domain=domain)]
    codes = {"found": "dkim.key_found", "unknown": "dkim.inconclusive"}
    return [make(codes.get(k.state, "dkim.key_missing"), domain=domain, selector=k.selector,
                 state=k.state) for k in keys]


def mail_findings(found: Sequence[Finding]) -> list[Finding]:
    """check-email's MX findings, for the sender: never "use another address", never a sure
    problem but for a domain that does not exist."""
    kept = []
    for finding in found:
        if finding.code == "provider.detected":
            continue  # which folders the sender's own mailboxes use is no news about sending
        if finding.code == "domain.not_found":
            # Receivers refuse mail from a domain that does not exist: a certain problem.
            finding = replace(finding, advice=("report_sender_to_iess",),
                              details={**finding.details, "sender_problem": "misconfigured"})
        elif finding.status in (Status.WARN, Status.FAIL):
            # A sender that cannot receive (bounces, replies) is a weakness; whether receivers
            # refuse its mail for that depends on them, so it is never a sure problem.
            finding = replace(finding, status=Status.WARN, advice=("report_sender_weakness",))
        elif finding.status is not Status.UNKNOWN:
            finding = replace(finding, advice=())
        kept.append(finding)
    return kept


def presence(code: str, domain: str, state: str) -> Finding:
    return make(code, texts={"presence_text": _PRESENCE[state]}, domain=domain, presence=state)


def blocklist_findings(domain: str, spf: SpfResult, checked: Sequence[str],
                       every: Sequence[str], answers: Sequence[Answer]) -> list[Finding]:
    left_out = [*spf.ranges, *(a for a in dict.fromkeys(every) if a not in checked)]
    if spf.truncated:
        left_out.append("...")
    found: list[Finding] = []
    if not checked:
        found.append(make("blocklist.not_checked", domain=domain))
    found += listing_findings(domain, checked, answers)
    if left_out and checked:
        found.append(make("blocklist.not_covered", domain=domain, left_out=left_out))
    return found


def listing_findings(domain: str, checked: Sequence[str], answers: Sequence[Answer],
                     **extra: Any) -> list[Finding]:
    """Listed, could not tell, clean: for each address asked about, per blocklist."""
    found: list[Finding] = []
    for answer in answers:
        if answer.listing is Listing.LISTED:
            found.append(make("blocklist.listed", domain=domain, address=answer.address,
                              blocklist=answer.blocklist.name, zone=answer.blocklist.zone,
                              codes=list(answer.codes), sender_problem="listed",
                              receivers=[answer.blocklist.used_by], **extra))
    for blocklist in BLOCKLISTS:
        unknown = [a for a in answers if a.blocklist is blocklist
                   and a.listing is Listing.UNKNOWN]
        if unknown:
            found.append(make("blocklist.unknown", texts={"why": _why(unknown[0].reason)},
                              domain=domain, address=[a.address for a in unknown],
                              blocklist=blocklist.name, zone=blocklist.zone,
                              reason=unknown[0].reason,
                              codes=sorted({c for a in unknown for c in a.codes}), **extra))
    clean = [bl.name for bl in BLOCKLISTS
             if (mine := [a for a in answers if a.blocklist is bl])
             and all(a.listing is Listing.NOT_LISTED for a in mine)]
    if clean and checked:
        # After a negative a list ends in «ni»: «no está en A, B ni C» / "is not on A, B or C".
        names = listed((Text(n, n) for n in clean), last=Text("ni", "or"))
        found.append(make("blocklist.clean",
                          texts={"servers_text": _servers_text(domain, len(checked)),
                                 "lists": names},
                          domain=domain, count=len(checked), lists=clean,
                          addresses=list(checked), **extra))
    return found


def _senders_text(spf: SpfResult) -> Text:
    """«2 direcciones y 1 rango de red»; a part that is zero is left out, never «0 direcciones»."""
    parts = []
    if spf.addresses:
        parts.append(Text.plural(len(spf.addresses), Text("dirección", "address"),
                                 Text("direcciones", "addresses")))
    if spf.ranges:
        parts.append(Text.plural(len(spf.ranges), Text("rango de red", "network range"),
                                 Text("rangos de red", "network ranges")))
    return listed(parts) if parts else Text("ninguna dirección", "no address")


def _servers_text(domain: str, count: int) -> Text:
    if count == 1:
        return Text(f"El único servidor de envío revisado de {domain} no está en",
                    f"The only sending server checked for {domain} is not on")
    return Text(f"Ninguno de los {count} servidores de envío revisados de {domain} está en",
                f"None of the {count} sending servers checked for {domain} is on")


def _why(reason: str) -> Text:
    if reason == "refused":
        return _REFUSED
    if reason == "failed_self_test":
        return _SELF_TEST
    return FAILURE_TEXT.get(reason, _ODD)
