"""Can the domain receive mail? MX, null MX, implicit MX, dead MX hosts and failing DNS."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diag.address import typos
from diag.codes import make
from diag.deliverability import providers
from diag.deliverability.lookups import FAILURE_TEXT, DnsLookups, Lookup, Outcome
from diag.findings import Finding, Status
from diag.i18n import Text


@dataclass(frozen=True)
class DomainResult:
    findings: tuple[Finding, ...]
    mx_hosts: tuple[str, ...] = ()  # in preference order
    provider: providers.Provider | None = None


@dataclass(frozen=True)
class HostAddresses:
    host: str
    lookups: tuple[Lookup, ...]  # what was asked (A, then AAAA if needed), or what came along

    @property
    def addresses(self) -> list[str]:
        return [r for lk in self.lookups for r in lk.records]

    @property
    def public(self) -> bool:
        return any(is_public(a) for a in self.addresses)

    @property
    def failed(self) -> bool:
        # One family failing is fine when the other gave a public address; a private one is
        # not enough: the failed lookup might have held the public address.
        return not self.public and any(lk.failed for lk in self.lookups)


def is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:
        return False


async def assess_domain(domain: str, lookups: DnsLookups, *,
                        both_families: bool = True) -> DomainResult:
    """Two round trips at most: MX, then either the MX hosts' addresses or the domain's own.

    `both_families=False` (a batch) asks an MX host's AAAA only after its A: fewer queries,
    a third round trip for a host without a public IPv4 address."""
    deadline = lookups.deadline()
    mx = await lookups.lookup(domain, "MX", deadline)
    if mx.outcome is Outcome.FAILED:
        return _with_known_provider(domain, (_inconclusive(domain, [mx]),))
    if mx.outcome is Outcome.NXDOMAIN:
        if domain in typos.KNOWN_DOMAINS:
            # hotmail.com "does not exist" only behind a sinkholing or broken resolver (captive
            # portals, filtered networks): never blame the address for that.
            lie = replace(mx, outcome=Outcome.FAILED, failure="implausible")
            return _with_known_provider(domain, (_inconclusive(domain, [lie]),))
        return DomainResult((make("domain.not_found", domain=domain),))
    if mx.outcome is Outcome.NODATA:
        return await _without_mx(domain, lookups, deadline)
    exchanges = parse_mx(mx.records)
    if not exchanges:
        return DomainResult((make("domain.null_mx", domain=domain),))
    glue = {host: [a for h, a in mx.extra if h == host] for host in exchanges}
    hosts = [_unmasked(h, domain) for h in await asyncio.gather(*(
        _addresses(h, lookups, deadline, glue[h], both_families) for h in exchanges))]
    provider = providers.from_mx(exchanges)
    findings = [*_mx_host_findings(domain, hosts), _provider_finding(domain, provider, exchanges)]
    return DomainResult(tuple(findings), tuple(exchanges), provider)


def parse_mx(records: Sequence[str]) -> list[str]:
    """Exchange names by preference; the RFC 7505 null MX ('0 .') contributes none."""
    pairs = []
    for record in records:
        preference, _, host = record.partition(" ")
        host = host.strip().rstrip(".").lower()
        if host:
            pairs.append((int(preference), host))
    return list(dict.fromkeys(host for _, host in sorted(pairs)))


async def _addresses(host: str, lookups: DnsLookups, deadline: float,
                     glue: Sequence[str] = (), both_families: bool = True) -> HostAddresses:
    if glue:
        return HostAddresses(host, (Lookup(host, "A/AAAA", Outcome.ANSWER, tuple(glue)),))
    if both_families:  # one address: a round trip costs more than a query (issue 15)
        a, aaaa = await asyncio.gather(lookups.lookup(host, "A", deadline),
                                       lookups.lookup(host, "AAAA", deadline))
        return HostAddresses(host, (a,) if _a_suffices(a) else (a, aaaa))
    # A batch asks AAAA only when A gives no public address: one host in a hundred is
    # IPv6-only, and asking both for every host would double its queries for no news.
    a = await lookups.lookup(host, "A", deadline)
    if _a_suffices(a):
        return HostAddresses(host, (a,))
    return HostAddresses(host, (a, await lookups.lookup(host, "AAAA", deadline)))


def _a_suffices(a: Lookup) -> bool:
    """NXDOMAIN is about the name, not the type: AAAA says the same; a public A is enough."""
    return a.outcome is Outcome.NXDOMAIN or any(is_public(address) for address in a.records)


def _unmasked(host: HostAddresses, domain: str) -> HostAddresses:
    """A filtering resolver's made-up answer is a failed lookup, not the host's address."""
    if host.public or host.failed:
        return host
    reason = _filtering_reason(host, domain)
    if reason is None:
        return host
    return replace(host, lookups=tuple(
        replace(lk, outcome=Outcome.FAILED, failure=reason)
        if lk.records or not host.addresses else lk for lk in host.lookups))


def _filtering_reason(host: HostAddresses, domain: str) -> str | None:
    known = domain in typos.KNOWN_DOMAINS or providers.from_domain(domain) is not None
    if not host.addresses:
        # gmail.com's own mail servers do not vanish: NXDOMAIN-mode blocking (AdGuard, NextDNS)
        return "implausible" if known else None
    # Pi-hole, AdGuard and most company filters answer 0.0.0.0 or :: for a blocked name; no
    # mail server is ever published there.
    if any(ipaddress.ip_address(a).is_unspecified for a in host.addresses if _is_ip(a)):
        return "filtered"
    # Gmail, Microsoft, Yahoo... publish only public addresses; a private one for their
    # servers is a block page or a redirect of this network's DNS.
    if known or providers.from_mx([host.host]) is not providers.OTHER:
        return "filtered_provider"
    return None


def _is_ip(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def _mx_host_findings(domain: str, hosts: Sequence[HostAddresses]) -> list[Finding]:
    public = [h.host for h in hosts if h.public]
    failed = [h for h in hosts if h.failed]
    dead = [h.host for h in hosts if not h.addresses and not h.failed]
    private = [h.host for h in hosts if h.addresses and not h.public and not h.failed]
    some = Status.WARN if public or failed else Status.FAIL
    findings = []
    if dead:
        findings.append(make("mx.unresolvable", some, domain=domain, hosts=dead))
    if private:
        findings.append(make("mx.non_public_address", some, domain=domain, hosts=private))
    if failed and not public:
        findings.append(_inconclusive(domain, [lk for h in failed for lk in h.lookups]))
    if public:
        findings.append(make("domain.accepts_mail", domain=domain, mx_hosts=public))
    return findings


async def _without_mx(domain: str, lookups: DnsLookups, deadline: float) -> DomainResult:
    a, aaaa, txt = await asyncio.gather(
        lookups.lookup(domain, "A", deadline), lookups.lookup(domain, "AAAA", deadline),
        lookups.lookup(domain, "TXT", deadline),
    )
    own = _unmasked(HostAddresses(domain, (a, aaaa)), domain)
    findings: list[Finding] = []
    if own.public:
        findings.append(make("domain.implicit_mx", domain=domain,
                             addresses=[x for x in own.addresses if is_public(x)]))
    elif own.failed:
        findings.append(_inconclusive(domain, own.lookups))
    else:
        findings.append(make("domain.no_mail_server", domain=domain,
                             addresses=own.addresses))
    if any(_is_spf_reject_all(r) for r in txt.records):
        findings.append(make("domain.spf_reject_all", domain=domain))
    return _with_known_provider(domain, tuple(findings))


def _is_spf_reject_all(record: str) -> bool:
    # TXT records come back quoted and possibly split into several strings.
    text = "".join(part.strip('"') for part in record.split('" "')).strip().lower()
    return text.split() == ["v=spf1", "-all"]


def _inconclusive(domain: str, failed: Sequence[Lookup]) -> Finding:
    failures = [lk for lk in failed if lk.failed]
    # One sentence per reason: a filter that blocks five hosts is said once, not five times.
    reasons = list(dict.fromkeys(lk.failure for lk in failures))
    text = Text.join("; ", (Text(
        ", ".join(f"{lk.rdtype} de {lk.name}" for lk in failures if lk.failure == r)
        + f": {FAILURE_TEXT[r].es}",
        ", ".join(f"{lk.rdtype} for {lk.name}" for lk in failures if lk.failure == r)
        + f": {FAILURE_TEXT[r].en}") for r in reasons))
    return make("dns.inconclusive", texts={"failures": text}, domain=domain,
                failures=[_failure_details(lk) for lk in failures])


def _failure_details(lookup: Lookup) -> dict[str, object]:
    details: dict[str, object] = {"name": lookup.name, "type": lookup.rdtype,
                                  "reason": lookup.failure}
    if lookup.records:  # what a filtering resolver answered instead of the real address
        details["answer"] = list(lookup.records)
    return details


def _provider_finding(domain: str, provider: providers.Provider, mx_hosts: Sequence[str],
                      source: str = "mx") -> Finding:
    host = providers.imap_host_for(provider, mx_hosts)
    imap = (Text(f"Servidor IMAP: {host}.", f"IMAP server: {host}.") if host else
            Text("Servidor IMAP: no se conoce; pregúntelo al proveedor e indíquelo con la opción "
                 "--imap-host.",
                 "IMAP server: unknown (ask the provider; --imap-host)."))
    return make("provider.detected",
                texts={"folders": provider.folders, "provider_label": providers.label(provider),
                       "imap": imap},
                domain=domain, provider=provider.key, provider_name=provider.name,
                imap_host=host or "?", auth=provider.auth.value, source=source)


def _with_known_provider(domain: str, findings: tuple[Finding, ...]) -> DomainResult:
    """Without MX hosts, a well-known consumer domain still tells us the provider."""
    provider = providers.from_domain(domain)
    if provider is None:
        return DomainResult(findings)
    return DomainResult((*findings, _provider_finding(domain, provider, (), source="domain")),
                        (), provider)
