"""The hosts a message's links point to — never the links themselves, which carry tokens."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit

from diag.message.lookalike import ascii_domain, is_under

MAX_HOSTS = 20

_BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`]+")
# Bounded repeats: an unclosed quote or tag must not make the scan quadratic.
_HREF = re.compile(
    r"""(?i)\b(?:href|action)\s*=\s*(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s>"']{1,4000}))""")
_HOSTNAME = re.compile(r"(?=.{3,253}$)[a-z0-9_-]+(?:\.[a-z0-9_-]{1,63})+|[0-9a-f.]*:[0-9a-f:.]+")
_TAG = re.compile(r"<[^<>]{0,4000}>")
# Link-protection services rewrite every link to pass through them (Microsoft 365 Safe Links,
# Proofpoint, Mimecast, Google redirects): the host that matters is the one they wrap.
_WRAPPERS = ("safelinks.protection.outlook.com", "urldefense.proofpoint.com", "urldefense.com",
             "mimecast.com", "linkprotect.cudasvc.com", "google.com")
_WRAPPED_PARAMS = ("url", "u", "q", "target")
_TABS_NEWLINES = re.compile("[\t\n\r]")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SPECIAL_SCHEME = re.compile(r"(?i)^(https?):[/\\]*")
_ANY_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"']*")
_URL_HOST = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#\s]*@)?([^/?#:\s]*)")


def _host(url: str, depth: int = 0) -> str | None:
    candidate = _as_browsers_read(url)
    if candidate.lower().startswith("www."):
        candidate = "http://" + candidate
    if not candidate.lower().startswith(("http://", "https://")):
        return None  # mailto:, tel:, #anchors, relative links
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    host = ascii_domain(unquote(host or ""))
    if not _HOSTNAME.fullmatch(host):
        return None  # not a name a browser would go to: `http://http://`, `www.` run-ons
    if depth < 3 and is_under(host, _WRAPPERS):
        inner = _unwrap(parts.query, depth)
        if inner:
            return inner
        if not is_under(host, ("google.com",)):
            return None  # a wrapper that hides its target (Mimecast) tells nothing: skip it
    return host


def _as_browsers_read(url: str) -> str:
    """The URL as a browser parses it (WHATWG): tabs and newlines inside are dropped, and for
    http(s) any run of / or \\ after the scheme starts the host. Phishing uses exactly these
    (`https:\\\\evil.example`, `https:evil.example`, `ht<TAB>tps://`) to slip past filters."""
    candidate = _TABS_NEWLINES.sub("", url).strip(_C0_AND_SPACE)
    special = _SPECIAL_SCHEME.match(candidate)
    if special is None:
        return candidate
    rest = candidate[special.end():].replace("\\", "/")
    return f"{special.group(1).lower()}://{rest}"


def _unwrap(query: str, depth: int) -> str | None:
    params = parse_qs(query)
    for name in _WRAPPED_PARAMS:
        for value in params.get(name, ()):
            inner = _host(value, depth + 1)
            if inner:
                return inner
    return None


def _urls(subtype: str, text: str) -> Iterable[str]:
    if subtype == "html":
        for match in _HREF.finditer(text):
            yield html.unescape(next(g for g in match.groups() if g is not None))
        # Mail clients turn a URL written as plain text into a link too; image sources are
        # inside tags and so are not counted.
        text = html.unescape(_TAG.sub(" ", text))
    yield from _BARE_URL.findall(text)


def redact_urls(text: str) -> str:
    """Text with every URL cut to its host, `https://x.example/?token=1` → `x.example/…`."""
    def host_only(match: re.Match[str]) -> str:
        host = _URL_HOST.match(match.group(0))
        return (host.group(1) if host else "") + "/…"

    return _ANY_URL.sub(host_only, text)


def link_hosts(texts: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Distinct link hosts of (subtype, text) parts, in order of appearance, at most MAX_HOSTS."""
    hosts: dict[str, None] = {}
    for subtype, text in texts:
        for url in _urls(subtype, text):
            host = _host(url.rstrip(".,;:!?)]}"))
            if host:
                hosts.setdefault(host)
            if len(hosts) >= MAX_HOSTS:
                return tuple(hosts)
    return tuple(hosts)
