"""DNS blocklists (RFC 5782) for each sending address: listed, not listed, or could not tell."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from diag.deliverability.lookups import DnsLookups, Lookup, Outcome


@dataclass(frozen=True)
class Blocklist:
    zone: str
    name: str
    used_by: str  # a slug for the kind of receivers that consult it (see README)


# Spamhaus ZEN, Barracuda and SpamCop are the lists named in most bounce messages; Mailspike is in
# SpamAssassin's default rules, which many ISP and company mail filters run.
BLOCKLISTS: tuple[Blocklist, ...] = (
    Blocklist("zen.spamhaus.org", "Spamhaus ZEN", "isp_and_corporate"),
    Blocklist("b.barracudacentral.org", "Barracuda", "corporate_appliances"),
    Blocklist("bl.spamcop.net", "SpamCop", "isp_and_corporate"),
    Blocklist("bl.mailspike.net", "Mailspike", "spamassassin_filters"),
)

# Spamhaus answers these instead of a listing when it will not serve the asker: a typo in the
# query (.252), a public or open resolver (.254), too many queries (.255). Any 127.255.255.x
# is treated the same way, for every list.
REFUSAL_NETWORK = ipaddress.ip_network("127.255.255.0/24")
LISTING_NETWORK = ipaddress.ip_network("127.0.0.0/8")
MAX_ADDRESSES = 32  # sending addresses asked about, at most (x lists = queries)


class Listing(StrEnum):
    LISTED = "listed"
    NOT_LISTED = "not_listed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Answer:
    address: str
    blocklist: Blocklist
    listing: Listing
    codes: tuple[str, ...] = ()
    reason: str = ""  # for UNKNOWN: refused, timeout, servfail, odd_answer, ...


def query_name(address: str, zone: str) -> str | None:
    """4.3.2.1.zone for 1.2.3.4; None for what the lists cannot answer (IPv6 here)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version != 4:
        return None
    return ".".join(reversed(str(ip).split("."))) + "." + zone


def interpret(lookup: Lookup) -> tuple[Listing, tuple[str, ...], str]:
    """Only a 127.0.0.x answer lists; NXDOMAIN is the one clean answer; all else is unknown."""
    if lookup.outcome is Outcome.NXDOMAIN:
        return Listing.NOT_LISTED, (), ""
    if lookup.outcome is Outcome.FAILED:
        return Listing.UNKNOWN, (), lookup.failure
    if lookup.outcome is Outcome.NODATA or not lookup.records:
        return Listing.UNKNOWN, (), "odd_answer"
    codes = tuple(lookup.records)
    parsed = [_address(code) for code in codes]
    if any(ip is not None and ip in REFUSAL_NETWORK for ip in parsed):
        return Listing.UNKNOWN, codes, "refused"
    # An answer outside 127/8 is a resolver that invents answers (ads on NXDOMAIN): no listing.
    if all(ip is not None and ip in LISTING_NETWORK for ip in parsed):
        return Listing.LISTED, codes, ""
    return Listing.UNKNOWN, codes, "odd_answer"


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


# RFC 5782 5: every list lists 127.0.0.2 and never 127.0.0.1. A list (or the resolver in front
# of it) that fails either test cannot be believed, neither for "listed" nor for "clean".
TEST_LISTED, TEST_UNLISTED = "127.0.0.2", "127.0.0.1"


async def check_addresses(addresses: Sequence[str], lookups: DnsLookups, deadline: float,
                          blocklists: Sequence[Blocklist] = BLOCKLISTS) -> list[Answer]:
    """Every (address, list) pair at once, with each list's two test entries, in one deadline."""
    pairs = [(a, bl, name) for a in addresses[:MAX_ADDRESSES] for bl in blocklists
             if (name := query_name(a, bl.zone)) is not None]
    probes = [(bl, query_name(ip, bl.zone) or "") for bl in blocklists if pairs
              for ip in (TEST_LISTED, TEST_UNLISTED)]
    found = await asyncio.gather(*(lookups.lookup(name, "A", deadline)
                                   for name in [n for *_, n in pairs] + [n for _, n in probes]))
    honest = _honest_lists(probes, found[len(pairs):])
    answers = []
    for (address, blocklist, _), lookup in zip(pairs, found[:len(pairs)], strict=True):
        listing, codes, reason = interpret(lookup)
        if listing is not Listing.UNKNOWN and blocklist.zone not in honest:
            listing, reason = Listing.UNKNOWN, "failed_self_test"
        answers.append(Answer(address, blocklist, listing, codes, reason))
    return answers


def _honest_lists(probes: Sequence[tuple[Blocklist, str]], found: Sequence[Lookup]) -> set[str]:
    verdicts: dict[str, list[Listing]] = {}
    for (blocklist, _), lookup in zip(probes, found, strict=True):
        verdicts.setdefault(blocklist.zone, []).append(interpret(lookup)[0])
    return {zone for zone, (listed, unlisted) in verdicts.items()
            if listed is Listing.LISTED and unlisted is Listing.NOT_LISTED}
