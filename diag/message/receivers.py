"""Whose Authentication-Results to believe: the receiving provider's own, aligned with From."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from diag.message.lookalike import ascii_domain, is_ip_literal, is_under

Resinfo = tuple[str, str, Mapping[str, str]]

_RESULT = re.compile(r"^\s*(spf|dkim|dmarc|compauth)\s*=\s*([a-z]+)", re.IGNORECASE)
_COMMENT = re.compile(r"\([^()]*\)")
_PROPERTY = re.compile(r"\b([a-z]+\.[a-z-]+)\s*=\s*([^\s;]+)")
_BY = re.compile(r"(?i)\bby\s+([a-z0-9.-]+)")
_MAX_HOPS = 100

# Providers people in Ecuador use: the hosts their Received: lines name, and the authserv-ids
# their Authentication-Results carry. Microsoft writes no authserv-id at all (None).
RECEIVERS: Mapping[str, tuple[tuple[str, ...], tuple[str | None, ...]]] = {
    "google": (("google.com",), ("mx.google.com",)),
    "microsoft": (("outlook.com", "protection.outlook.com", "office365.com"),
                  (None, "outlook.com", "protection.outlook.com")),
    "yahoo": (("yahoo.com", "yahoodns.net", "aol.com"), ("yahoo.com", "aol.com")),
    "icloud": (("icloud.com", "me.com", "apple.com"), ("icloud.com", "me.com", "apple.com")),
    "zoho": (("zoho.com", "zohomail.com"), ("zoho.com", "zohomail.com")),
}


def results(value: str) -> list[Resinfo]:
    """(method, result, properties) of each resinfo: `dkim=pass header.d=x` gives
    ("dkim", "pass", {"header.d": "x"})."""
    while _COMMENT.search(value):
        value = _COMMENT.sub(" ", value)
    found: list[Resinfo] = []
    for segment in value.split(";"):
        match = _RESULT.match(segment)
        if match:
            props = dict(_PROPERTY.findall(segment[match.end():].lower()))
            found.append((match.group(1).lower(), match.group(2).lower(), props))
    return found


def _authserv_id(value: str) -> str | None:
    first = value.split(";", 1)[0].strip()
    if not first or _RESULT.match(first):
        return None  # Microsoft starts with `spf=…`: no authserv-id
    return first.split(None, 1)[0].lower()


def receiving_provider(headers: Sequence[tuple[str, str]]) -> str | None:
    """The known provider the mail reached, read from the top of the trace only.

    The topmost Received: lines are the receiver's own; anything below them may be the sender's
    invention. So the walk goes down only across the receiver's internal hops (a `by` that is an
    address, not a name: Gmail's first line is `by 2002:a05:…`) and stops at the first named
    host: a known provider's, or else an unknown receiver (None). A forged `by mx.google.com`
    under a small ISP's own line is never reached.
    """
    traces = [value for name, value in headers if name == "received"][:_MAX_HOPS]
    for value in traces:
        found = _BY.search(value)
        host = found.group(1).lower().rstrip(".") if found else ""
        if not host or "." not in host or is_ip_literal(host):
            continue  # an internal hop of the receiver, named by address or not at all
        for provider, (hosts, _) in RECEIVERS.items():
            if is_under(host, hosts):
                return provider
        return None
    return None


def _matches(authserv: str | None, provider: str) -> bool:
    ids = RECEIVERS[provider][1]
    if authserv is None:
        return None in ids
    return is_under(authserv, [i for i in ids if i is not None])


def receiver_results(headers: Sequence[tuple[str, str]]) -> tuple[str | None, list[Resinfo]] | None:
    """The receiver's own results (RFC 8601 §5, §7.1): the topmost Authentication-Results only,
    and, when the mail reached a known provider, only if that provider wrote it.

    Returns (authserv-id, results), the id None when no known provider vouches for the header
    (its passes then prove nothing), or None when there is no header to believe. Lower headers
    and ARC-Authentication-Results are ignored: anyone upstream can write them, and an ARC set
    nobody here validated counts for nothing (RFC 8617 §7.2).
    """
    top = next((value for name, value in headers if name == "authentication-results"), None)
    if top is None:
        return None
    authserv = _authserv_id(top)
    provider = receiving_provider(headers)
    if provider is None:
        return None, results(top)
    if not _matches(authserv, provider):
        return None  # the mail reached Gmail, yet the top header is not Gmail's: forged
    return authserv or provider, results(top)


def _domain(value: str | None) -> str | None:
    if not value:
        return None
    return ascii_domain(value.rpartition("@")[2]) or None


def aligned(identifier: str | None, from_domain: str, roots: Sequence[str]) -> bool:
    """Relaxed alignment (RFC 7489 §3.1) under the sender domain: `bounce.iess.gob.ec` aligns
    with `iess.gob.ec`, and both with `notificaciones.iess.gob.ec` when iess.gob.ec is a root."""
    if not identifier:
        return False
    if is_under(identifier, [from_domain]):
        return True
    return any(is_under(from_domain, [root]) and is_under(identifier, [root]) for root in roots)


def aligned_methods(found: Sequence[Resinfo], from_domain: str | None,
                    roots: Sequence[str]) -> list[str]:
    """Methods with a pass aligned with the From domain: DMARC by `header.from` (exactly), SPF
    by `smtp.mailfrom`, DKIM by `header.d` (or `header.i`)."""
    if not from_domain:
        return []
    methods: dict[str, None] = {}
    for method, result, props in found:
        if result != "pass":
            continue
        if method == "dmarc":
            hit = _domain(props.get("header.from")) == from_domain
        elif method == "spf":
            hit = aligned(_domain(props.get("smtp.mailfrom")), from_domain, roots)
        elif method == "dkim":
            ident = props.get("header.d") or props.get("header.i")
            hit = aligned(_domain(ident), from_domain, roots)
        else:
            hit = False
        if hit:
            methods.setdefault(method)
    return list(methods)
