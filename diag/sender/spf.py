"""SPF evaluated by checkdmarc within our DNS budget, with DNS failures told apart from errors.

checkdmarc (maintained, follows RFC 7208 closely: the 10-lookup and 2-void limits, include and
redirect loops) beats a hand-written evaluator; pyspf evaluates one IP against the policy but does
not expand the policy into its sending addresses, and takes no resolver object.
"""

from __future__ import annotations

import ipaddress
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MAX_ADDRESSES = 64  # sending addresses collected from the policy, at most
_BACKOFF_RESERVE = 0.2

# checkdmarc keeps a process-wide answer cache keyed by name only: answers from one resolver
# would be served to a run against another. Runs are serialised and the cache emptied first.
_CHECKDMARC = threading.Lock()


class SpfState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    PERMERROR = "permerror"
    UNKNOWN = "unknown"  # DNS failed during the evaluation: no verdict


@dataclass(frozen=True)
class SpfResult:
    state: SpfState
    record: str = ""
    reason: str = ""  # for PERMERROR: too_many_lookups, too_many_void, include_loop, ...
    error: str = ""  # checkdmarc's own words, kept for `details`
    dns_lookups: int | None = None
    void_lookups: int | None = None
    all_qualifier: str = ""  # pass, neutral, softfail, fail; "" when no `all` and no redirect
    addresses: tuple[str, ...] = ()  # single addresses (a, mx, ip4/ip6 without a prefix)
    ranges: tuple[str, ...] = ()  # ip4/ip6 networks: authorised, too many to check one by one
    hosts: tuple[str, ...] = ()  # mx hosts: checkdmarc does not resolve their addresses
    truncated: bool = False
    dns_failures: tuple[str, ...] = ()


def budget_resolver(nameservers: Sequence[str], deadline: float,
                    clock: Callable[[], float] = time.monotonic) -> Any:
    """A dnspython resolver that never waits past `deadline` and remembers what failed."""
    import dns.exception
    import dns.nameserver
    import dns.resolver

    from diag.deliverability.lookups import parse_nameserver

    class _BudgetResolver(dns.resolver.Resolver):
        failures: list[str]

        def resolve(self, qname: Any, rdtype: Any = "A", *args: Any, **kwargs: Any) -> Any:
            left = deadline - clock()
            if left <= 0:
                self.failures.append(f"{qname}/{rdtype}: timeout")
                raise dns.exception.Timeout(timeout=0.0)  # type: ignore[no-untyped-call]
            # dnspython sleeps its back-off (0.1 s, then 0.2 s) before it checks the lifetime:
            # keep that much in reserve so the last sleep still ends by the deadline.
            left -= min(_BACKOFF_RESERVE, left / 2)
            kwargs["lifetime"] = min(kwargs.get("lifetime") or left, left)
            try:
                return super().resolve(qname, rdtype, *args, **kwargs)
            except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
                raise
            except (dns.exception.DNSException, OSError) as error:
                self.failures.append(f"{qname}/{rdtype}: {type(error).__name__}")
                raise

    resolver = _BudgetResolver(configure=not nameservers)
    resolver.failures = []
    if nameservers:
        resolver.nameservers = [dns.nameserver.Do53Nameserver(*parse_nameserver(spec))
                                for spec in nameservers]
    # Half the budget per attempt: one retry for a lost UDP packet, as diag.deliverability does.
    resolver.timeout = max((deadline - clock()) / 2, 0.05)
    resolver.retry_servfail = False
    return resolver


def load() -> None:
    """Import checkdmarc (about half a second, once): before the DNS budget starts, not in it."""
    import checkdmarc.spf  # noqa: F401


def evaluate_spf(domain: str, nameservers: Sequence[str], deadline: float,
                 clock: Callable[[], float] = time.monotonic) -> SpfResult:
    """Blocking (run it in a thread): fetch, parse and expand the domain's SPF policy."""
    import checkdmarc.spf as cspf
    import checkdmarc.utils

    resolver = budget_resolver(nameservers, deadline, clock)
    options: dict[str, Any] = {"resolver": resolver, "retries": 0,
                               "timeout": max(deadline - clock(), 0.05)}
    record = ""
    with _CHECKDMARC:
        checkdmarc.utils.DNS_CACHE.clear()
        try:
            record = cspf.query_spf_record(domain, **options)["record"]
            parsed = cspf.parse_spf_record(record, domain, **options)
        except cspf.SPFRecordNotFound as error:
            if resolver.failures:
                return SpfResult(SpfState.UNKNOWN, error=str(error),
                                 dns_failures=tuple(resolver.failures))
            return SpfResult(SpfState.MISSING, error=str(error))
        except cspf.SPFError as error:
            return _permerror(error, resolver.failures, record)
    return _success(record, parsed, resolver.failures)


_REASONS = (("SPFTooManyDNSLookups", "too_many_lookups"),
            ("SPFTooManyVoidDNSLookups", "too_many_void"),
            ("SPFIncludeLoop", "include_loop"), ("SPFRedirectLoop", "redirect_loop"),
            ("MultipleSPFRTXTRecords", "multiple_records"), ("SPFSyntaxError", "syntax"))


def _permerror(error: Exception, failures: Sequence[str], record: str) -> SpfResult:
    # A timeout inside an include looks to checkdmarc like a missing record (a permerror):
    # with any DNS failure on the way, the error may be ours, not the domain's.
    if failures:
        return SpfResult(SpfState.UNKNOWN, record, error=str(error), dns_failures=tuple(failures))
    kind = type(error).__name__
    reason = next((slug for name, slug in _REASONS if name == kind), "include_missing")
    data = getattr(error, "data", None) or {}
    return SpfResult(SpfState.PERMERROR, record, reason, str(error),
                     data.get("dns_lookups"), data.get("void_dns_lookups"))


def _success(record: str, parsed: Any, failures: Sequence[str]) -> SpfResult:
    if "error" in parsed:  # the lookup limits, reported rather than raised
        text = str(parsed["error"])
        reason = "too_many_void" if "void" in text else "too_many_lookups"
        if failures:
            return SpfResult(SpfState.UNKNOWN, record, error=text, dns_failures=tuple(failures))
        return SpfResult(SpfState.PERMERROR, record, reason, text, parsed["dns_lookups"],
                         parsed["void_dns_lookups"])
    addresses, ranges, hosts = _collect(parsed["parsed"])
    single = tuple(dict.fromkeys(addresses))
    return SpfResult(
        SpfState.UNKNOWN if failures else SpfState.OK, record,
        dns_lookups=parsed["dns_lookups"], void_lookups=parsed["void_dns_lookups"],
        all_qualifier=_final_all(record, parsed["parsed"]), addresses=single[:MAX_ADDRESSES],
        ranges=tuple(dict.fromkeys(ranges)), hosts=tuple(dict.fromkeys(hosts)),
        truncated=len(single) > MAX_ADDRESSES, dns_failures=tuple(failures))


def _final_all(record: str, parsed: Any) -> str:
    """The `all` that ends evaluation: this record's, else the redirect target's, else none."""
    if any(re.fullmatch(r"[-+~?]?all", term, re.IGNORECASE) for term in record.split()):
        return str(parsed.get("all", ""))
    redirect = parsed.get("redirect") or {}
    if redirect.get("parsed"):
        return _final_all(str(redirect.get("record") or ""), redirect["parsed"])
    return ""


def _collect(parsed: Any) -> tuple[list[str], list[str], list[str]]:
    addresses: list[str] = []
    ranges: list[str] = []
    hosts: list[str] = []
    for kind, value in _authorised(parsed):
        network = _network(value) if kind == "ip" else None
        if kind == "host":
            hosts.append(value)
        elif network is not None and network.num_addresses == 1:
            addresses.append(str(network.network_address))
        elif network is not None:
            ranges.append(str(network))
    return addresses, ranges, hosts


def _authorised(parsed: Any) -> Iterator[tuple[str, str]]:
    """Every address, network or mx host a `pass` term names, through includes and redirect."""
    for mech in parsed.get("mechanisms", []):
        if mech.get("action") != "pass":
            continue
        kind = mech.get("mechanism")
        if kind in ("ip4", "ip6"):
            yield "ip", str(mech.get("value", ""))
        elif kind == "a":
            yield from (("ip", str(a)) for a in mech.get("addresses", []))
        elif kind == "mx":
            yield from (("host", str(h.get("hostname", ""))) for h in mech.get("hosts", []))
        elif kind == "include" and mech.get("parsed"):
            yield from _authorised(mech["parsed"])
    redirect = parsed.get("redirect") or {}
    if redirect.get("parsed"):
        yield from _authorised(redirect["parsed"])


def _network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None
