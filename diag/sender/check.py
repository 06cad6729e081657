"""check-sender: SPF, DMARC, DKIM, mail servers and blocklists of a sending domain, at once."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diag import defaults
from diag.deliverability.domain import DomainResult, assess_domain
from diag.deliverability.lookups import DnsLookups, make_resolver
from diag.errors import UsageError
from diag.findings import Finding, Report, Status, Verdict
from diag.i18n import Text
from diag.sender import blocklists, findings
from diag.sender import spf as spf_module
from diag.sender.blocklists import Answer, Listing
from diag.sender.records import (
    DkimKey,
    Dmarc,
    fetch_dkim,
    fetch_dmarc,
    fetch_presence,
    public_suffixes,
)
from diag.sender.spf import SpfResult, evaluate_spf

COMMAND = "check-sender"
DEFAULT_SENDER = "iess.gob.ec"
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NOT_A_DOMAIN = Text("«{domain}» no es un nombre de dominio (por ejemplo: iess.gob.ec).",
                     "'{domain}' is not a domain name (for example: iess.gob.ec).")


def ascii_domain(text: str) -> str:
    """The domain as DNS spells it (IDNA for ñ and accents); UsageError when it is not one."""
    name = text.strip().rstrip(".").lower()
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        raise UsageError(_NOT_A_DOMAIN.format(domain=text)) from None
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.fullmatch(x) for x in labels):
        raise UsageError(_NOT_A_DOMAIN.format(domain=text))
    return name


@dataclass(frozen=True)
class SenderResult:
    """Everything check-sender learnt, typed, for callers that reason over it (the plan)."""

    domain: str
    findings: tuple[Finding, ...]
    spf: SpfResult
    dmarc: Dmarc
    dkim: tuple[DkimKey, ...]
    mail: DomainResult
    answers: tuple[Answer, ...]  # one per (sending address, blocklist)
    input: str = ""  # as typed (ñandú.ec), when `domain` is its DNS spelling

    @property
    def listed(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.listing is Listing.LISTED)

    @property
    def misconfigured(self) -> bool:
        return any(f.details.get("sender_problem") == "misconfigured"
                   and f.status is Status.FAIL for f in self.findings)

    @property
    def verdict(self) -> Verdict:
        return self.report().verdict

    def report(self) -> Report:
        return Report(COMMAND, self.input or self.domain, None, self.findings)


async def assess_sender(domain: str, lookups: DnsLookups, *, nameservers: Sequence[str] = (),
                        selectors: Sequence[str] = (),
                        sending_ips: Sequence[str] = ()) -> SenderResult:
    """All of it concurrently, within the lookups' one budget; DNS failure is never a verdict."""
    typed, domain = domain, ascii_domain(domain)
    # Libraries load before the budget starts: their start-up is not DNS time.
    await asyncio.gather(asyncio.to_thread(spf_module.load),
                         asyncio.to_thread(public_suffixes))
    deadline = lookups.deadline()
    (spf, checkable, every, answers), mail, dmarc, dkim, mta_sts, tls_rpt = await asyncio.gather(
        _spf_and_blocklists(domain, lookups, deadline, nameservers, sending_ips),
        assess_domain(domain, lookups),
        fetch_dmarc(domain, lookups, deadline),
        fetch_dkim(domain, selectors, lookups, deadline),
        fetch_presence(f"_mta-sts.{domain}", "v=stsv1", lookups, deadline),
        fetch_presence(f"_smtp._tls.{domain}", "v=tlsrptv1", lookups, deadline),
    )
    found = [
        *findings.spf_findings(domain, spf),
        *findings.dmarc_findings(domain, dmarc, spf, dkim),
        *findings.dkim_findings(domain, selectors, dkim),
        *findings.mail_findings(mail.findings),
        findings.presence("sender.mta_sts", domain, mta_sts),
        findings.presence("sender.tls_rpt", domain, tls_rpt),
        *findings.blocklist_findings(domain, spf, checkable, every, answers),
    ]
    return SenderResult(domain, tuple(found), spf, dmarc, tuple(dkim), mail, tuple(answers),
                        typed.strip())


async def _spf_and_blocklists(
        domain: str, lookups: DnsLookups, deadline: float, nameservers: Sequence[str],
        sending_ips: Sequence[str]) -> tuple[SpfResult, list[str], list[str], list[Answer]]:
    """The blocklists start as soon as SPF has named the sending addresses."""
    spf = await asyncio.to_thread(evaluate_spf, domain, nameservers, deadline, lookups.clock)
    every = list(dict.fromkeys([*sending_ips, *spf.addresses,
                                *await _host_addresses(spf.hosts, lookups, deadline)]))
    checkable = [a for a in every if _is_ipv4(a)]
    return spf, checkable, every, await blocklists.check_addresses(checkable, lookups, deadline)


async def _host_addresses(hosts: Sequence[str], lookups: DnsLookups,
                          deadline: float) -> list[str]:
    found = await asyncio.gather(*(lookups.lookup(h, "A", deadline) for h in hosts))
    return [r for lookup in found for r in lookup.records]


def _is_ipv4(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).version == 4
    except ValueError:
        return False


def check_sender(domain: str = DEFAULT_SENDER, *, nameservers: Sequence[str] = (),
                 dns_timeout: float = defaults.DNS_TIMEOUT, selectors: Sequence[str] = (),
                 sending_ips: Sequence[str] = ()) -> Report:
    """Is the sending domain healthy? A broken or unreachable DNS never raises; a string that is
    not a domain name raises UsageError."""
    return sender_result(domain, nameservers=nameservers, dns_timeout=dns_timeout,
                         selectors=selectors, sending_ips=sending_ips).report()


def sender_result(domain: str = DEFAULT_SENDER, *, nameservers: Sequence[str] = (),
                  dns_timeout: float = defaults.DNS_TIMEOUT, selectors: Sequence[str] = (),
                  sending_ips: Sequence[str] = ()) -> SenderResult:
    """The typed result behind check_sender()."""

    async def run() -> SenderResult:
        lookups = DnsLookups(make_resolver(nameservers, dns_timeout), dns_timeout)
        return await assess_sender(domain, lookups, nameservers=nameservers,
                                   selectors=selectors, sending_ips=sending_ips)

    return asyncio.run(run())


def check_sending_ip(domain: str, address: str, *, nameservers: Sequence[str] = (),
                     dns_timeout: float = defaults.DNS_TIMEOUT) -> list[Finding]:
    """The blocklists for the server that delivered one of `domain`'s mails (its Received hop):
    listed, clean or could not tell, as check-sender says it, within one DNS budget."""

    async def run() -> list[Finding]:
        lookups = DnsLookups(make_resolver(nameservers, dns_timeout), dns_timeout)
        answers = await blocklists.check_addresses([address], lookups, lookups.deadline())
        return findings.listing_findings(domain, [address], answers, source="received")

    return asyncio.run(run())


class SenderCache:
    """One check per (domain, resolver) for `ttl` seconds: a batch or a `serve` process asks
    about the same sender for every case."""

    def __init__(self, ttl: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, tuple[str, ...]], tuple[float, Report]] = {}

    def get(self, domain: str, nameservers: Sequence[str] = (),
            dns_timeout: float = defaults.DNS_TIMEOUT) -> Report:
        key = (ascii_domain(domain), tuple(nameservers))
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and self.clock() - kept[0] < self.ttl:
                return kept[1]
        report = check_sender(key[0], nameservers=nameservers, dns_timeout=dns_timeout)
        if report.verdict is not Verdict.INCONCLUSIVE:  # a DNS hiccup is worth asking again
            with self._lock:
                self._kept[key] = (self.clock(), report)
        return report


SENDERS = SenderCache()
