"""Reading the common DNS answer straight from its bytes, as dnspython would write it as text.

dnspython's `from_wire` builds name, rdata and rdataset objects for every record: the largest
part of a query's CPU once the resolver is out of the way. Most answers a batch gets are
plain: one question, records of the asked type for the asked name, no authority section,
maybe the MX hosts' addresses. Those are read here, each record in the text dnspython's
`to_text` gives (the same order, duplicates dropped as its rdatasets drop them); anything else
(a CNAME, another name, an authority section, an escape a name or text would need, a rare
type, a malformed message) gives None, and the caller parses the message with dnspython."""

from __future__ import annotations

import socket
import struct
from typing import NamedTuple

_A, _MX, _TXT, _AAAA = 1, 15, 16, 28
_PLAIN_LABEL = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_PLAIN_TEXT = frozenset(range(0x20, 0x7F)) - {0x22, 0x5C}  # printable, no quote, no backslash


class Plain(NamedTuple):
    rcode: int  # 0 (NOERROR) or 3 (NXDOMAIN)
    records: tuple[str, ...]
    extra: tuple[tuple[str, str], ...]  # (host, address) from the additional section


class _Odd(Exception):
    """Not a plain answer: dnspython reads this one."""


def read_plain(data: bytes, name: str, rdtype: int) -> Plain | None:
    """`data` a response to the question (`name` without its final dot, a type code)."""
    try:
        return _read(data, name.lower() + ".", rdtype)
    except (_Odd, IndexError, struct.error, UnicodeDecodeError):
        return None


def _read(data: bytes, name: str, rdtype: int) -> Plain:
    _, flags, questions, answers, authority, additional = struct.unpack_from("!6H", data)
    rcode = flags & 0xF
    if questions != 1 or authority or rcode not in (0, 3) or (rcode == 3 and answers):
        raise _Odd
    owner, at = _name(data, 12)
    if owner.lower() != name or struct.unpack_from("!HH", data, at) != (rdtype, 1):
        raise _Odd
    at += 4
    records: dict[object, str] = {}
    for _ in range(answers):
        owner, kind, rdata, at = _record(data, at)
        if owner.lower() != name or kind != rdtype:
            raise _Odd
        key, text = _rdata(data, kind, rdata)
        records.setdefault(key, text)
    groups: dict[tuple[str, int], dict[object, str]] = {}
    for _ in range(additional):
        owner, kind, rdata, at = _record(data, at)
        if kind not in (_A, _AAAA):
            raise _Odd
        key, text = _rdata(data, kind, rdata)
        groups.setdefault((owner.lower(), kind), {}).setdefault(key, text)
    if at != len(data):
        raise _Odd
    extra = tuple((host.rstrip("."), text) for (host, _), texts in groups.items()
                  for text in texts.values())
    return Plain(rcode, tuple(records.values()), extra)


def _record(data: bytes, at: int) -> tuple[str, int, tuple[int, int], int]:
    owner, at = _name(data, at)
    kind, klass, _, length = struct.unpack_from("!HHIH", data, at)
    at += 10
    if klass != 1 or at + length > len(data):
        raise _Odd
    return owner, kind, (at, at + length), at + length


def _rdata(data: bytes, kind: int, span: tuple[int, int]) -> tuple[object, str]:
    start, end = span
    raw = data[start:end]
    if kind == _A and len(raw) == 4:
        return raw, socket.inet_ntop(socket.AF_INET, raw)
    if kind == _AAAA and len(raw) == 16:
        import dns.ipv6

        return raw, dns.ipv6.inet_ntoa(raw)
    if kind == _MX and len(raw) >= 3:
        host, after = _name(data, start + 2)
        if after != end:
            raise _Odd
        preference = struct.unpack_from("!H", raw)[0]
        return (preference, host.lower()), f"{preference} {host}"
    if kind == _TXT and raw:
        strings, at = [], 0
        while at < len(raw):
            size = raw[at]
            piece = raw[at + 1:at + 1 + size]
            if len(piece) != size or not _PLAIN_TEXT.issuperset(piece):
                raise _Odd
            strings.append('"' + piece.decode("ascii") + '"')
            at += 1 + size
        return raw, " ".join(strings)
    raise _Odd


def _name(data: bytes, at: int) -> tuple[str, int]:
    """The name at `at` as dnspython writes it ("mx.d.ec.", the root "."), and where the
    record goes on; compression pointers must point back."""
    labels: list[str] = []
    end = -1
    size = 0
    start = at
    while True:
        length = data[at]
        if length == 0:
            at += 1
            break
        if length >= 0xC0:
            target = ((length & 0x3F) << 8) | data[at + 1]
            if target >= start:
                raise _Odd
            if end < 0:
                end = at + 2
            at = start = target
            continue
        if length > 63:
            raise _Odd
        label = data[at + 1:at + 1 + length]
        if len(label) != length or not _PLAIN_LABEL.issuperset(label):
            raise _Odd
        labels.append(label.decode("ascii"))
        size += length + 1
        if size > 254:
            raise _Odd
        at += 1 + length
    return ".".join(labels) + ".", (at if end < 0 else end)
