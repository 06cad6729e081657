"""check-email: the address as typed, then whether its domain can receive mail."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diag import defaults
from diag.address.syntax import AddressResult, check_address
from diag.deliverability import providers
from diag.deliverability.domain import DomainResult, assess_domain
from diag.deliverability.lookups import DnsLookups, make_resolver
from diag.deliverability.tasks import TaskCache
from diag.findings import Finding, Report
from diag.i18n import Text

COMMAND = "check-email"


@dataclass(frozen=True)
class AddressCheck:
    """check-email's report beside the typed domain result it was built from: reports are for
    rendering, and the steps that follow (the mailbox search) take the provider from here."""

    report: Report
    domain: DomainResult | None  # None when the address is not well formed


class EmailChecker:
    """Checks addresses, assessing each domain once while it is remembered.

    `limit` caps the domains assessed at once; a domain's DNS budget starts when its turn comes,
    so a long queue never turns into false timeouts.
    """

    def __init__(self, lookups: DnsLookups, *, limit: int | None = None,
                 memory: int = 20_000, command: str = COMMAND,
                 both_families: bool = True) -> None:
        self.lookups = lookups
        self.both_families = both_families  # see assess_domain
        self.command = command
        self._gate = asyncio.Semaphore(limit) if limit else None
        self._domains: TaskCache[str, DomainResult] = TaskCache(memory)

    async def check(self, typed: str, extra: tuple[Finding, ...] = ()) -> Report:
        return (await self.assess(typed, extra)).report

    async def assess(self, typed: str, extra: tuple[Finding, ...] = ()) -> AddressCheck:
        syntax = check_address(typed)
        if syntax.address is None or syntax.ascii_domain is None:
            return AddressCheck(Report(self.command, typed, None, syntax.findings + extra), None)
        task = self.domain(syntax.ascii_domain)
        result = task.result() if task.done() else await asyncio.shield(task)
        return self._finish(typed, syntax, result, extra)

    def check_ready(self, typed: str, extra: tuple[Finding, ...] = ()) -> Report | None:
        """`check` at once, with no task, when the domain was already assessed (most rows of a
        batch); None when it must be awaited."""
        guess = typed.rpartition("@")[2].strip().lower()
        result = self._domains.ready(guess) if guess else None
        if result is None:
            return None
        syntax = check_address(typed)
        if syntax.address is None or syntax.ascii_domain is None:
            return Report(self.command, typed, None, syntax.findings + extra)
        if syntax.ascii_domain != guess:  # an IDN, say: its ASCII form may not be ready
            return None
        return self._finish(typed, syntax, result, extra).report

    def _finish(self, typed: str, syntax: AddressResult, result: DomainResult,
                extra: tuple[Finding, ...]) -> AddressCheck:
        shown = _in_unicode(result.findings, syntax.ascii_domain or "")
        findings = _without_disproved_typo(syntax.findings, result) + shown + extra
        return AddressCheck(Report(self.command, typed, syntax.address, findings), result)

    def domain(self, ascii_domain: str) -> asyncio.Task[DomainResult]:
        return self._domains.task(ascii_domain, lambda: self._assess(ascii_domain))

    async def _assess(self, ascii_domain: str) -> DomainResult:
        if self._gate is None:
            return await assess_domain(ascii_domain, self.lookups,
                                       both_families=self.both_families)
        async with self._gate:
            return await assess_domain(ascii_domain, self.lookups,
                                       both_families=self.both_families)


def _in_unicode(findings: tuple[Finding, ...], ascii_domain: str) -> tuple[Finding, ...]:
    """IDN names as people write them (ñandú.ec) in sentences; the details keep what DNS was
    asked (xn--and-6ma2c.ec)."""
    if "xn--" not in ascii_domain:
        return findings

    def shown(text: Text) -> Text:
        return Text(_PUNYCODE.sub(_unicode_name, text.es), _PUNYCODE.sub(_unicode_name, text.en))

    return tuple(replace(f, message=shown(f.message)) for f in findings)


_PUNYCODE = re.compile(r"(?<![\w.-])(?:[a-z0-9-]+\.)*xn--[a-z0-9-]+(?:\.[a-z0-9-]+)*", re.I)


def _unicode_name(match: re.Match[str]) -> str:
    try:
        return match.group().encode("ascii").decode("idna")
    except UnicodeError:  # not valid punycode after all: shown as it is
        return match.group()


def _without_disproved_typo(findings: tuple[Finding, ...],
                            result: DomainResult) -> tuple[Finding, ...]:
    """outlook.cl looks like a typo of outlook.com, but if Microsoft receives its mail, it is
    one of Microsoft's own domains: the suspicion is disproved, not worth an agent's doubt."""
    def disproved(finding: Finding) -> bool:
        if finding.code != "address.typo_suspected" or result.provider is None:
            return False
        intended = providers.from_domain(str(finding.details.get("suggestion", "")))
        return intended is not None and intended is result.provider

    return tuple(f for f in findings if not disproved(f))


def assess_emails(addresses: Sequence[str], *, nameservers: Sequence[str] = (),
                  dns_timeout: float = defaults.DNS_TIMEOUT) -> list[AddressCheck]:
    """Several addresses at once, sharing DNS work; results come back in input order."""

    async def run() -> list[AddressCheck]:
        checker = EmailChecker(DnsLookups(make_resolver(nameservers, dns_timeout), dns_timeout))
        return list(await asyncio.gather(*(checker.assess(a) for a in addresses)))

    return asyncio.run(run())


def assess_email(address: str, *, nameservers: Sequence[str] = (),
                 dns_timeout: float = defaults.DNS_TIMEOUT) -> AddressCheck:
    """check_email's report and the typed domain result behind it."""
    return assess_emails([address], nameservers=nameservers, dns_timeout=dns_timeout)[0]


def check_emails(addresses: Sequence[str], *, nameservers: Sequence[str] = (),
                 dns_timeout: float = defaults.DNS_TIMEOUT) -> list[Report]:
    """Several addresses at once, sharing DNS work; reports come back in input order."""
    return [checked.report for checked in assess_emails(addresses, nameservers=nameservers,
                                                         dns_timeout=dns_timeout)]


def check_email(address: str, *, nameservers: Sequence[str] = (),
                dns_timeout: float = defaults.DNS_TIMEOUT) -> Report:
    """Is this address well formed, and can its domain receive mail? A bad address never raises."""
    return check_emails([address], nameservers=nameservers, dns_timeout=dns_timeout)[0]
