"""Which server handed a message to the receiving provider: the first external Received hop.

Only hops the receiving provider wrote count: a sender can write any Received line under them.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import overload

from diag.message.lookalike import is_under
from diag.message.receivers import RECEIVERS, receiving_provider

IP = ipaddress.IPv4Address | ipaddress.IPv6Address
_MAX_HOPS = 100
_MAX_LINE = 1500  # characters of one Received line; real ones have a few hundred
_MAX_INSIDE = 8  # the receiver's own hops walked through; real receivers use two or three

# The provider's inbound servers: the hosts whose Received line names the server that connected
# from outside. Only providers whose inbound hops we have seen are here; for the others nobody
# can tell which hop is the boundary, so the answer is "unknown", never a guess.
INBOUND_EDGES: Mapping[str, tuple[str, ...]] = {
    "google": ("mx.google.com",),
    "microsoft": ("mail.protection.outlook.com",),
}

# A hop from one of these came from inside the receiver's own network (a content filter, a
# relay): the hop below it is still the receiver's. Documentation ranges (192.0.2.0/24…) are
# not here: no receiver uses them inside, so they count as an outside sender.
_INSIDE = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.168.0.0/16", "::1/128", "::/128", "fc00::/7", "fe80::/10"))

_KEYWORDS = frozenset({"from", "by", "via", "with", "id", "for"})
_LITERAL = re.compile(r"\[(?:ipv6:)?([0-9a-f:.]+)\]"
                      r"|(?<![\w.:-])([0-9a-f]*[:.][0-9a-f:.]+)(?![\w.:-])", re.IGNORECASE)
# What the sender said about itself inside the receiver's comment (Exim `helo=`, qmail `HELO x`).
_CLAIMED = re.compile(r"(?i)\b(?:helo=|e?helo\s+)\S+|envelope-from\s*<[^>]*>")


class HopState(StrEnum):
    FOUND = "found"
    RECEIVER_UNKNOWN = "receiver_unknown"  # no known provider's own hop at the top
    RECEIVER_UNSUPPORTED = "receiver_unsupported"  # a known provider whose inbound hop we lack
    NO_INBOUND_HOP = "no_inbound_hop"  # none of its inbound servers wrote a hop
    NO_ADDRESS = "no_address"  # the inbound hop names no IP address
    AMBIGUOUS = "ambiguous"  # it names several different addresses
    RELAYED = "relayed"  # the provider's own server handed it over (forwarding, its own users)
    INSIDE_ONLY = "inside_only"  # only addresses of the receiver's own network


@dataclass(frozen=True)
class SendingHop:
    """What the receiver's own Received lines say about the server that delivered the mail."""

    state: HopState
    receiver: str | None = None  # the provider key (google, microsoft…)
    address: str | None = None
    host: str = ""  # the name the receiver wrote next to the address (reverse DNS or HELO)
    by: str = ""  # the receiver's inbound server
    position: int = 0  # 1 = the topmost Received line

    @classmethod
    def unknown(cls) -> SendingHop:
        return cls(HopState.RECEIVER_UNKNOWN)

    @property
    def found(self) -> bool:
        return self.state is HopState.FOUND and self.address is not None


@dataclass(frozen=True)
class _Hop:
    by: str
    names: tuple[str, ...]  # host names in the from clause (HELO, reverse DNS)
    addresses: tuple[IP, ...]


def sending_hop(headers: Sequence[tuple[str, str]]) -> SendingHop:
    """The first external hop's address, read top-down through the receiver's own hops only."""
    provider = receiving_provider(headers)
    if provider is None:
        return SendingHop(HopState.RECEIVER_UNKNOWN)
    edges = INBOUND_EDGES.get(provider)
    if edges is None:
        return SendingHop(HopState.RECEIVER_UNSUPPORTED, provider)
    own = RECEIVERS[provider][0]
    hops = _Hops([v for k, v in headers if k == "received"][:_MAX_HOPS])
    for index, hop in enumerate(hops):
        if is_under(hop.by, edges):
            return _walk(hops, index, provider, own)
        if not (is_under(hop.by, own) or _literal(hop.by)):
            break  # a stranger's hop above the provider's: the provider is not the receiver
    return SendingHop(HopState.NO_INBOUND_HOP, provider)


class _Hops(Sequence[_Hop]):
    """The Received lines, each parsed when first looked at: the walk stops near the top."""

    def __init__(self, values: list[str]) -> None:
        self._values = values
        self._parsed: dict[int, _Hop] = {}

    def __len__(self) -> int:
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> _Hop: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_Hop]: ...

    def __getitem__(self, index: int | slice) -> _Hop | Sequence[_Hop]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index not in self._parsed:
            self._parsed[index] = _parse(self._values[index])
        return self._parsed[index]


def _walk(hops: Sequence[_Hop], start: int, provider: str, own: Sequence[str]) -> SendingHop:
    """From the topmost inbound hop down, while each hop is the receiver's and came from inside."""
    for index in range(start, min(len(hops), start + _MAX_INSIDE)):
        hop = hops[index]
        if index > start and not is_under(hop.by, own):
            break  # the hop below an inside one must be the receiver's too, or it is forged
        if not hop.addresses:
            return SendingHop(HopState.NO_ADDRESS, provider, by=hop.by, position=index + 1)
        if len(set(hop.addresses)) > 1:
            return SendingHop(HopState.AMBIGUOUS, provider, by=hop.by, position=index + 1)
        address = hop.addresses[0]
        if any(address in net for net in _INSIDE):
            continue
        host = hop.names[0] if hop.names else ""
        state = HopState.RELAYED if any(is_under(n, own) for n in hop.names) else HopState.FOUND
        return SendingHop(state, provider, str(address), host, hop.by, index + 1)
    return SendingHop(HopState.INSIDE_ONLY, provider, by=hops[start].by, position=start + 1)


def _literal(text: str) -> IP | None:
    try:
        ip = ipaddress.ip_address(text.strip("[]").removeprefix("IPv6:").removeprefix("ipv6:"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _parse(value: str) -> _Hop:
    """The `by` host and the from clause's names and addresses (RFC 5321 4.4)."""
    text = " ".join(value[:_MAX_LINE].split())
    text = text.rpartition(";")[0] or text  # the date stamp says nothing here
    words, comments = _clauses(text)
    by = next(iter(words.get("by", ())), "").lower().rstrip(".")
    found: list[IP] = []
    reverse = ""  # the first host name the receiver wrote in its comment (reverse DNS)
    for comment in comments.get("from", []):
        cleaned = _CLAIMED.sub(" ", comment)
        for match in _LITERAL.finditer(cleaned):
            ip = _literal(match.group(1) or match.group(2))
            if ip is not None:
                found.append(ip)
        reverse = reverse or next((w for w in cleaned.replace("[", " ").split()
                                   if "." in w and _literal(w) is None), "")
    said = words.get("from", [""])[0]
    if not found and (ip := _literal(said)) is not None:
        found.append(ip)  # `from 190.152.9.9 (EHLO …)`: the receiver wrote the address first
    names = [n.lower().rstrip(".") for n in (reverse, said) if n and _literal(n) is None]
    return _Hop(by, tuple(names), tuple(found))


def _clauses(text: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Top-level words and (comments) of each clause; the first clause of each name counts."""
    words: dict[str, list[str]] = {}
    comments: dict[str, list[str]] = {}
    clause = ""
    seen: set[str] = set()
    for is_comment, item in _items(text):
        if not is_comment and item.lower() in _KEYWORDS:
            clause = item.lower() if item.lower() not in seen else ""
            seen.add(item.lower())
        elif clause:
            (comments if is_comment else words).setdefault(clause, []).append(item)
    return words, comments


def _items(text: str) -> list[tuple[bool, str]]:
    """(is a comment, text) at parenthesis depth 0; comments keep what nests inside them."""
    items: list[tuple[bool, str]] = []
    depth, buffer = 0, ""
    for char in text:
        if char == "(":
            if depth == 0:
                items += [(False, w) for w in buffer.split()]
                buffer = ""
            else:
                buffer += char
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                items.append((True, buffer))
                buffer = ""
            else:
                buffer += char
        else:
            buffer += char
    items += [(depth > 0, buffer)] if depth else [(False, w) for w in buffer.split()]
    return items
