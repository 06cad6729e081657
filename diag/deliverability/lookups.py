"""DNS lookups with a time budget, shared in-flight work, and failures put into plain words."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from diag import defaults
from diag.deliverability.tasks import TaskCache
from diag.deliverability.udp import TYPES, FirstAttempt
from diag.deliverability.wire import read_plain
from diag.errors import UsageError
from diag.i18n import Text

if TYPE_CHECKING:
    import dns.asyncresolver


class Outcome(StrEnum):
    ANSWER = "answer"
    NXDOMAIN = "nxdomain"
    NODATA = "nodata"
    FAILED = "failed"


FAILURE_TEXT = {
    "timeout": Text("el servidor DNS no respondió a tiempo",
                    "the DNS server did not answer in time"),
    "servfail": Text("el servidor DNS respondió con un error de su lado",
                     "the DNS server answered with an error (SERVFAIL)"),
    "refused": Text("el servidor DNS se negó a responder la consulta",
                    "the DNS server refused the query (REFUSED)"),
    "unreachable": Text("no se pudo contactar al servidor DNS",
                        "the DNS server could not be reached"),
    "malformed": Text("el servidor DNS dio una respuesta inválida",
                      "the DNS server gave an invalid answer"),
    "implausible": Text("el servidor DNS dice que no existe, lo que no puede ser cierto: el DNS de "
                        "esta red falla o está filtrado",
                        "the DNS server says it does not exist, which cannot be true: this "
                        "network's DNS is failing or filtered"),
    "filtered": Text("el servidor DNS de esta red respondió con una dirección nula, como hacen "
                     "los filtros de contenido (Pi-hole, AdGuard, filtros de empresa) con los "
                     "nombres que bloquean; no dice nada del dominio",
                     "this network's DNS server answered with a null address, as content "
                     "filters (Pi-hole, AdGuard, company filters) do for the names they block; "
                     "it says nothing about the domain"),
    "filtered_provider": Text("el servidor DNS de esta red dio una dirección privada para un "
                              "servidor de un proveedor conocido, lo que no puede ser cierto: la "
                              "red filtra o desvía el DNS",
                              "this network's DNS server gave a private address for a "
                              "well-known provider's server, which cannot be true: the network "
                              "filters or redirects DNS"),
}


@dataclass(frozen=True)
class Lookup:
    """The outcome of one query: records as text, or why there are none."""

    name: str
    rdtype: str
    outcome: Outcome
    records: tuple[str, ...] = ()
    failure: str = ""  # a FAILURE_TEXT key when outcome is FAILED
    # (host, address) pairs from the additional section: a warm recursive resolver hands the MX
    # hosts' addresses along with the MX answer, which saves a round trip.
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def failed(self) -> bool:
        return self.outcome is Outcome.FAILED


def parse_nameserver(spec: str) -> tuple[str, int]:
    """HOST[:PORT] or [IPv6]:PORT, where HOST is an IP address."""
    host, port = spec.strip(), 53
    if host.startswith("["):
        host, _, rest = host[1:].partition("]")
        if rest:
            port = _port(spec, rest.removeprefix(":"))
    elif host.count(":") == 1:
        host, _, rest = host.partition(":")
        port = _port(spec, rest)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise UsageError(Text(
            f"El servidor DNS «{spec}» debe ser una dirección IP, con puerto opcional (IP:PUERTO).",
            f"The DNS server '{spec}' must be an IP address, with an optional port (IP:PORT).",
        )) from None
    return host, port


def _port(spec: str, text: str) -> int:
    if text.isascii() and text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    raise UsageError(Text(f"El puerto de «{spec}» no es válido.",
                          f"The port in '{spec}' is not valid."))


def make_resolver(nameservers: Sequence[str] = (),
                  budget: float = defaults.DNS_TIMEOUT) -> dns.asyncresolver.Resolver:
    """The system's resolver, or one that asks only the given servers."""
    _plain_dns_only()
    import dns.asyncresolver
    import dns.nameserver

    resolver = dns.asyncresolver.Resolver(configure=not nameservers)
    if nameservers:
        resolver.nameservers = [
            dns.nameserver.Do53Nameserver(*parse_nameserver(spec)) for spec in nameservers
        ]
    # dnspython asks again after `timeout` without an answer (a lost UDP packet), trying the
    # servers in order. Half the budget shared among the servers gives each one retry, yet waits
    # long enough for a slow but working server; a dead first server cannot eat the budget.
    servers = max(len(resolver.nameservers), 1)
    resolver.timeout = max(budget / (2 * servers), 0.05)
    resolver.retry_servfail = False  # SERVFAIL is an answer: say so, don't burn the budget
    return resolver


def _plain_dns_only() -> None:
    """We ask over UDP/TCP port 53 only. When httpx is installed, dnspython imports it (and
    h2, httpcore) for DNS over HTTPS on its first import: ~0.2 s of every run, for nothing.
    `force` is dnspython's own switch for its optional features (dns/_features.py)."""
    if "dns.query" in sys.modules:
        return
    with contextlib.suppress(ImportError, AttributeError):
        import dns._features

        for feature in ("doh", "doq"):
            dns._features.force(feature, False)


class DnsLookups:
    """Runs lookups once per (name, type), however many checks ask, with a shared cache."""

    def __init__(self, resolver: dns.asyncresolver.Resolver, budget: float = defaults.DNS_TIMEOUT,
                 clock: Callable[[], float] = time.monotonic, cache_size: int = 50_000,
                 limit: int | None = None) -> None:
        self.resolver = resolver
        self.budget = budget
        self.clock = clock
        self._cache: TaskCache[tuple[str, str], Lookup] = TaskCache(cache_size)
        # At most `limit` queries in flight, so a big batch does not flood the resolver.
        self._slots = asyncio.Semaphore(limit) if limit else None
        self.sent = 0  # lookups actually sent, for tests and benchmarks
        self._first = FirstAttempt(resolver)

    def close(self) -> None:
        """Close the shared socket (a new one opens if more lookups come)."""
        self._first.close()

    def deadline(self) -> float:
        return self.clock() + self.budget

    async def lookup(self, name: str, rdtype: str, deadline: float) -> Lookup:
        key = (name.lower().rstrip("."), rdtype)
        task = self._cache.task(key, lambda: self._resolve(key[0], rdtype, deadline))
        return await asyncio.shield(task)

    async def _resolve(self, name: str, rdtype: str, deadline: float) -> Lookup:
        if self._slots is None:
            return await self._query(name, rdtype, deadline)
        queued = self.clock()
        async with self._slots:
            # Time spent waiting for a slot is ours, not the DNS server's: not charged.
            return await self._query(name, rdtype, deadline + self.clock() - queued)

    async def _query(self, name: str, rdtype: str, deadline: float) -> Lookup:
        self.sent += 1
        if self._first.enabled:
            wait = min(self._first.timeout, max(deadline - self.clock(), 0.01))
            data = await self._first.ask(name, rdtype, wait)
            decided = _decided(name, rdtype, data) if data is not None else None
            if decided is not None:
                return decided
            if deadline - self.clock() <= 0:
                return Lookup(name, rdtype, Outcome.FAILED, failure="timeout")
        return await self._full(name, rdtype, deadline)

    async def _full(self, name: str, rdtype: str, deadline: float) -> Lookup:
        """Through dnspython's resolver: retries, TCP after a truncated answer, every server."""
        import dns.exception
        import dns.resolver

        lifetime = max(deadline - self.clock(), 0.01)
        try:
            # dnspython sleeps a back-off before it checks the lifetime: cap it here as well.
            async with asyncio.timeout(lifetime):
                answer = await self.resolver.resolve(name + ".", rdtype, lifetime=lifetime,
                                                     search=False)
        except dns.resolver.NXDOMAIN:
            return Lookup(name, rdtype, Outcome.NXDOMAIN)
        except dns.resolver.NoAnswer as error:
            if _answers_another_name(getattr(error, "kwargs", {}).get("response"), name):
                return Lookup(name, rdtype, Outcome.FAILED, failure="malformed")
            return Lookup(name, rdtype, Outcome.NODATA)
        except dns.resolver.NoNameservers as error:
            return Lookup(name, rdtype, Outcome.FAILED, failure=_why_no_nameservers(error))
        except (dns.exception.Timeout, TimeoutError):  # TimeoutError is an OSError: first
            return Lookup(name, rdtype, Outcome.FAILED, failure="timeout")
        except dns.exception.DNSException:
            return Lookup(name, rdtype, Outcome.FAILED, failure="malformed")
        except OSError:
            return Lookup(name, rdtype, Outcome.FAILED, failure="unreachable")
        return Lookup(name, rdtype, Outcome.ANSWER, tuple(r.to_text() for r in answer),
                      extra=_addresses_in_additional(answer.response.additional))


_RCODE_FAILURE = {2: "servfail", 5: "refused"}  # any other rcode: a broken answer
_ERROR_RCODES = (1, 2, 4, 5)  # FORMERR, SERVFAIL, NOTIMP, REFUSED: may come without a question


def _decided(name: str, rdtype: str, data: bytes) -> Lookup | None:
    """What the full resolver would conclude from this one response of the only server; None
    when it would not conclude from it alone (not an answer to the question, a broken one, a
    CNAME chain it rejects)."""
    plain = read_plain(data, name, TYPES[rdtype])
    if plain is not None:
        if plain.rcode == 3:
            return Lookup(name, rdtype, Outcome.NXDOMAIN)
        if not plain.records:
            return Lookup(name, rdtype, Outcome.NODATA)
        return Lookup(name, rdtype, Outcome.ANSWER, plain.records, extra=plain.extra)
    message = _message(name, rdtype, data)
    if message is None:
        return None
    rcode = message.rcode()
    if rcode in (0, 3):
        try:
            answer = message.resolve_chaining().answer
        except Exception:  # dnspython takes the server out and says why: let it
            return None
        if rcode == 3:
            return Lookup(name, rdtype, Outcome.NXDOMAIN)
        if answer is None:
            if _answers_another_name(message, name):
                return Lookup(name, rdtype, Outcome.FAILED, failure="malformed")
            return Lookup(name, rdtype, Outcome.NODATA)
        return Lookup(name, rdtype, Outcome.ANSWER, tuple(r.to_text() for r in answer),
                      extra=_addresses_in_additional(message.additional))
    return Lookup(name, rdtype, Outcome.FAILED, failure=_RCODE_FAILURE.get(rcode, "malformed"))


def _message(name: str, rdtype: str, data: bytes) -> Any:
    """The response parsed by dnspython, if it answers the question (dnspython's is_response:
    an error may come without the question); None otherwise."""
    import dns.exception
    import dns.message
    import dns.name

    try:
        message = dns.message.from_wire(data)
    except (dns.exception.DNSException, ValueError, IndexError):
        return None
    if not message.question:
        return message if message.rcode() in _ERROR_RCODES else None
    asked = message.question[0]
    if len(message.question) != 1 or asked.rdclass != 1 or asked.rdtype != TYPES[rdtype] or \
            asked.name != dns.name.from_text(name + "."):
        return None
    return message


def _addresses_in_additional(rrsets: Sequence[Any]) -> tuple[tuple[str, str], ...]:
    import dns.rdatatype

    wanted = (dns.rdatatype.A, dns.rdatatype.AAAA)
    return tuple((rrset.name.to_text().lower().rstrip("."), rdata.to_text())
                 for rrset in rrsets if rrset.rdtype in wanted for rdata in rrset)


def _answers_another_name(response: Any, name: str) -> bool:
    """dnspython reports records for a name we did not ask about as NODATA; it is a bad answer."""
    import dns.rdatatype

    if response is None:
        return False
    chain = {name.lower().rstrip(".")}
    for rrset in response.answer:
        owner = rrset.name.to_text().lower().rstrip(".")
        if owner not in chain:
            return True
        if rrset.rdtype == dns.rdatatype.CNAME:
            chain.update(r.target.to_text().lower().rstrip(".") for r in rrset)
    return False


def _why_no_nameservers(error: Exception) -> str:
    """dnspython folds every server's answer into one exception; name the most telling one."""
    import dns.rcode

    reasons: set[str] = set()
    for entry in getattr(error, "kwargs", {}).get("errors", []):
        response = entry[4] if len(entry) > 4 else None
        if response is not None and response.rcode() == dns.rcode.SERVFAIL:
            reasons.add("servfail")
        elif response is not None and response.rcode() == dns.rcode.REFUSED:
            reasons.add("refused")
        elif isinstance(entry[3], OSError):
            reasons.add("unreachable")
        else:
            reasons.add("malformed")
    for reason in ("servfail", "refused", "unreachable", "malformed"):
        if reason in reasons:
            return reason
    return "servfail"
