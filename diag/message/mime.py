"""Reading a raw message defensively: headers decoded by hand, text parts with a byte budget."""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.policy import compat32

MAX_HEADER = 8192
MAX_PARTS = 200  # a real notification has 2-5; more is an attack or a mail archive

# compat32 never raises while reading headers (email.policy.default raises on some malformed
# ones), and we decode RFC 2047 words ourselves so that one bad word cannot lose the others.
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def parse(raw: bytes, *, headers_only: bool = False) -> tuple[Message, bool]:
    """The message, and whether its body could be read (False: headers only)."""
    if not headers_only:
        try:
            return BytesParser(policy=compat32).parsebytes(raw), True
        except (RecursionError, MemoryError):  # hostile nesting: fall back to the headers
            pass
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    return BytesHeaderParser(policy=compat32).parsebytes(raw[:end + 4]), False


def _charset(name: str | None) -> str:
    try:
        return codecs.lookup((name or "utf-8").strip().strip('"')).name
    except (LookupError, ValueError):
        return "utf-8"


def _text(data: bytes, charset: str | None = None) -> str:
    chosen = _charset(charset)
    if charset is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            chosen = "cp1252"  # 8-bit headers that are not UTF-8 are nearly always Windows Latin
    return data.decode(chosen, errors="replace")


def _word(charset: str, encoding: str, payload: str) -> str:
    charset = charset.split("*", 1)[0]  # RFC 2231 language suffix: =?utf-8*es?Q?...?=
    data = payload.encode("ascii", errors="ignore")
    try:
        if encoding.lower() == "b":
            decoded = base64.b64decode(data + b"=" * (-len(data) % 4))
        else:
            decoded = quopri.decodestring(data.replace(b"_", b" "), header=True)
    except (binascii.Error, ValueError):
        return payload
    return decoded.decode(_charset(charset), errors="replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded; whitespace between two adjacent words dropped."""
    joined = _BETWEEN_WORDS.sub(r"\1\2", value)
    return _ENCODED_WORD.sub(lambda m: _word(m.group(1), m.group(2), m.group(3)), joined)


def header_value(value: object) -> str:
    """A raw header value as text: unfolded, 8-bit bytes (RFC 6532) read as UTF-8."""
    if not isinstance(value, str):
        value = str(value)
    if any("\udc80" <= c <= "\udcff" for c in value):
        value = _text(value.encode("ascii", errors="surrogateescape"))
    return _FOLD.sub("", value).strip()


def raw_headers(msg: Message) -> list[tuple[str, str]]:
    """(lower-case name, unfolded value) pairs in order, top first; RFC 2047 words still encoded.

    Values are cut at MAX_HEADER characters: real ones are far shorter (a DKIM signature is a
    few KB), and the stdlib address parser recurses on nested comments.
    """
    return [(str(name).strip().lower(), header_value(value)[:MAX_HEADER])
            for name, value in msg.raw_items()]


# Parts whose links a person can click: the body, and HTML that opens in a browser when the
# attachment is opened (phishing kits send the form as clave.html or an SVG). AMP for Email
# (text/x-amp-html) is a body Gmail shows instead of the HTML one.
_HTML_TYPES = ("text/html", "text/x-amp-html", "application/xhtml+xml", "image/svg+xml")
_HTML_NAMES = (".html", ".htm", ".shtml", ".xhtml", ".svg", ".svgz")


# Parts that hold no link: images (a logo), signatures, and the containers whose parts are read
# one by one. Any other part (a PDF, a document, an archive) may carry a link nobody here reads.
_NO_LINKS = ("image/", "multipart/", "message/", "application/pkcs7-signature",
             "application/x-pkcs7-signature", "application/pgp-signature", "application/pgp-keys")


def _link_kind(part: Message) -> str:
    """`html` or `plain` for a part whose links count, `none` for one without links, `unread`
    for one whose links cannot be read here, `broken` for a multipart without its parts."""
    try:
        ctype = part.get_content_type()
        disposition = str(part.get("content-disposition", "")).split(";", 1)[0]
        name = str(part.get_filename("") or "").strip().lower()
    except Exception:  # a header compat32 cannot make sense of: not a part we can trust
        return "unread"
    if ctype.startswith("multipart/") and not part.is_multipart():
        return "broken"  # no boundary, or a wrong one: clients show it as it is
    if ctype in _HTML_TYPES or name.endswith(_HTML_NAMES):
        return "html"
    if ctype.startswith("text/"):
        # A text attachment opens in a plain editor, where nothing is a link.
        return "none" if disposition.strip().lower() == "attachment" else "plain"
    return "none" if ctype.startswith(_NO_LINKS) else "unread"


def _children(part: Message) -> list[Message]:
    # An attached message (message/rfc822) opens with its links clickable: they count too.
    if part.get_content_maintype() != "multipart" and part.get_content_type() != "message/rfc822":
        return []
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


class BodyScan:
    """Whether body_texts read every part it was given (False: a part or byte cap cut it)."""

    def __init__(self) -> None:
        self.complete = True


def body_texts(msg: Message, budget: int,
               scan: BodyScan | None = None) -> Iterator[tuple[str, str]]:
    """(kind, text) of the parts whose links count (diag.message.links), depth first, within
    `budget` decoded bytes; `scan.complete` turns False when a cap left parts or bytes unread."""
    stack = [msg]
    seen = 0
    while stack and ((seen < MAX_PARTS and budget > 0) or _cut(scan)):
        part = stack.pop()
        seen += 1
        stack.extend(reversed(_children(part)))
        kind = _link_kind(part)
        if kind in ("unread", "broken") and scan is not None:
            scan.complete = False
        if kind in ("none", "unread"):
            continue
        kind = "html" if kind == "broken" else kind
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        if len(data) > budget and scan is not None:
            scan.complete = False
        data = data[:budget]
        budget -= len(data)
        text = _text(data, part.get_content_charset() or "utf-8")
        yield kind, _unflow(part, text) if kind == "plain" else text


def _unflow(part: Message, text: str) -> str:
    """format=flowed text (RFC 3676) as a mail client shows it: a line ending in a space goes on
    in the next one (without that space under delsp=yes), so `https://www.iess.gob.ec ` and
    `@evil.example` on the next line read as one link."""
    try:
        flowed = str(part.get_param("format", "")).lower() == "flowed"
        delsp = str(part.get_param("delsp", "")).lower() == "yes"
    except Exception:  # a header compat32 cannot make sense of: read the text as it is
        return text
    if not flowed:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        line = line[1:] if line.startswith(" ") else line  # space-stuffing (RFC 3676 §4.2)
        soft = line.endswith(" ") and line != "-- "
        out.append((line[:-1] if delsp else line) if soft else line + "\n")
    return "".join(out)


def _cut(scan: BodyScan | None) -> bool:
    """The loop ended on a cap with parts left: note it, and stop."""
    if scan is not None:
        scan.complete = False
    return False
