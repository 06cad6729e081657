"""DMARC, DKIM, MTA-STS and TLS-RPT records: fetched through the budgeted DNS layer, parsed."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from diag.deliverability.lookups import DnsLookups, Lookup, Outcome


def txt_text(record: str) -> str:
    """A TXT record as dnspython prints it ("a" "b") joined back into one string."""
    parts = [p for p in record.strip().split('" "')]
    return "".join(p.strip('"') for p in parts).replace('\\"', '"').strip()


def tags(text: str) -> dict[str, str]:
    """k=v; pairs of DMARC and DKIM records, keys lower-cased, values stripped."""
    found: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            found.setdefault(key.strip().lower(), "".join(value.split()))
    return found


@dataclass(frozen=True)
class Dmarc:
    state: str  # found, missing, invalid, unknown
    at: str = ""  # the name the record was found at
    record: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    failures: tuple[Lookup, ...] = ()

    @property
    def policy(self) -> str:
        return self.tags.get("p", "").lower()

    @property
    def subdomain_policy(self) -> str:
        return self.tags.get("sp", "").lower() or self.policy

    @property
    def percent(self) -> int:
        value = self.tags.get("pct", "100")
        return int(value) if value.isascii() and value.isdigit() else 100


@functools.cache
def public_suffixes() -> Any:
    """The Public Suffix List, parsed once (about 0.3 s): before the DNS budget starts."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def organizational_domain(domain: str) -> str:
    """iess.gob.ec for correo.iess.gob.ec (RFC 7489 3.2), from the Public Suffix List."""
    return str(public_suffixes().privatesuffix(domain) or domain)


async def fetch_dmarc(domain: str, lookups: DnsLookups, deadline: float) -> Dmarc:
    """The domain's DMARC record, else its organizational domain's (whose sp then applies)."""
    for name in dict.fromkeys((domain, organizational_domain(domain))):
        lookup = await lookups.lookup(f"_dmarc.{name}", "TXT", deadline)
        if lookup.failed:
            return Dmarc("unknown", failures=(lookup,))
        found = [txt_text(r) for r in lookup.records if txt_text(r).lower().startswith("v=dmarc1")]
        if len(found) > 1:
            return Dmarc("invalid", name, " | ".join(found))
        if found:
            parsed = tags(found[0])
            valid = parsed.get("p", "").lower() in ("none", "quarantine", "reject")
            return Dmarc("found" if valid else "invalid", name, found[0], parsed)
    return Dmarc("missing")


@dataclass(frozen=True)
class DkimKey:
    selector: str
    state: str  # found, revoked, missing, unknown
    failure: Lookup | None = None


async def fetch_dkim(domain: str, selectors: Sequence[str], lookups: DnsLookups,
                     deadline: float) -> list[DkimKey]:
    found = await asyncio.gather(*(
        lookups.lookup(f"{s}._domainkey.{domain}", "TXT", deadline) for s in selectors))
    return [_dkim_key(s, lookup) for s, lookup in zip(selectors, found, strict=True)]


def _dkim_key(selector: str, lookup: Lookup) -> DkimKey:
    if lookup.failed:
        return DkimKey(selector, "unknown", lookup)
    for record in lookup.records:
        parsed = tags(txt_text(record))
        if "p" in parsed:
            return DkimKey(selector, "found" if parsed["p"] else "revoked")
    return DkimKey(selector, "missing")


async def fetch_presence(name: str, prefix: str, lookups: DnsLookups,
                         deadline: float) -> str:
    """present, absent or unknown: is there a TXT record at `name` starting with `prefix`?"""
    lookup = await lookups.lookup(name, "TXT", deadline)
    if lookup.failed:
        return "unknown"
    if lookup.outcome is Outcome.ANSWER and any(
            txt_text(r).lower().startswith(prefix) for r in lookup.records):
        return "present"
    return "absent"
