"""check-email: the address as typed, then whether its domain can receive mail."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from diag.address import check_address
from diag.deliverability import DomainResult, assess_domain
from diag.findings import Report
from diag.lookups import DEFAULT_DNS_TIMEOUT, DnsLookups, make_resolver

COMMAND = "check-email"


async def check_email_async(typed: str, lookups: DnsLookups,
                            domain_results: dict[str, asyncio.Task[DomainResult]] | None = None
                            ) -> tuple[Report, DomainResult | None]:
    """One address; `domain_results` shares whole-domain work between addresses of a batch."""
    syntax = check_address(typed)
    if syntax.ascii_domain is None or syntax.address is None:
        return Report(COMMAND, typed, None, syntax.findings), None
    domain = syntax.ascii_domain
    if domain_results is None:
        result = await assess_domain(domain, lookups)
    else:
        task = domain_results.get(domain)
        if task is None:
            task = asyncio.ensure_future(assess_domain(domain, lookups))
            domain_results[domain] = task
        result = await asyncio.shield(task)
    return Report(COMMAND, typed, syntax.address, syntax.findings + result.findings), result


def check_emails(addresses: Sequence[str], *, nameservers: Sequence[str] = (),
                 dns_timeout: float = DEFAULT_DNS_TIMEOUT) -> list[Report]:
    """Several addresses at once, sharing DNS work; reports come back in input order."""

    async def run() -> list[Report]:
        lookups = DnsLookups(make_resolver(nameservers, dns_timeout), dns_timeout)
        shared: dict[str, asyncio.Task[DomainResult]] = {}
        results = await asyncio.gather(*(check_email_async(a, lookups, shared) for a in addresses))
        return [report for report, _ in results]

    return asyncio.run(run())


def check_email(address: str, *, nameservers: Sequence[str] = (),
                dns_timeout: float = DEFAULT_DNS_TIMEOUT) -> Report:
    """Is this address well formed, and can its domain receive mail? A bad address never raises."""
    return check_emails([address], nameservers=nameservers, dns_timeout=dns_timeout)[0]
