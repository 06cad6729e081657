"""The hosts a message's links point to — never the links themselves, which carry tokens."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import parse_qs

from ada_url import URL

from diag.message.lookalike import is_ip_literal, is_under

MAX_HOSTS = 20

_BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`]+")
# Bounded repeats: an unclosed quote or tag must not make the scan quadratic.
_HREF = re.compile(
    r"""(?i)\b(?:href|action|formaction)\s*=\s*(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s>"']{1,4000}))""")
_HOSTNAME = re.compile(r"(?=.{3,253}$)[a-z0-9_-]+(?:\.[a-z0-9_-]{1,63})+|[0-9a-f.]*:[0-9a-f:.]+")
_TAG = re.compile(r"<[^<>]{0,4000}>")
# Link-protection services rewrite every link to pass through them (Microsoft 365 Safe Links,
# Proofpoint, Mimecast, Google redirects): the host that matters is the one they wrap.
_WRAPPERS = ("safelinks.protection.outlook.com", "urldefense.proofpoint.com", "urldefense.com",
             "mimecast.com", "linkprotect.cudasvc.com", "google.com")
_WRAPPED_PARAMS = ("url", "u", "q", "target")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
# Anything a reader or a browser would take for a link: a scheme and slashes either way,
# `https:host`, `www.`, or a bare `host.tld` followed by a path, query or fragment.
_ANY_URL = re.compile(r"""(?ix)(?:\b[a-z][a-z0-9+.-]*:[/\\]+ | \bhttps?:(?=[^\s/\\]) | \bwww\.
                      | \b(?=[\w-]+(?:\.[\w-]+)+[/\\?\#]))[^\s<>"']*""")
_SCHEME = re.compile(r"(?i)^[a-z][a-z0-9+.-]*:")
_URL_HOST = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*:[/\\]*)?(?:[^@/\\?#\s]*@)?([^/\\?#:\s]*)")


def _parse(url: str) -> URL | None:
    candidate = url.strip(_C0_AND_SPACE)
    if candidate.lower().startswith("www."):
        candidate = "http://" + candidate
    elif candidate.startswith(("//", "\\\\")):
        candidate = "https:" + candidate  # protocol-relative: a browser keeps the page's scheme
    try:
        parsed = URL(candidate)
    except ValueError:
        return None
    if parsed.protocol == "file:" and parsed.hostname:
        return parsed  # file://host/share: Windows opens it, and hands the host its password hash
    if parsed.protocol not in ("http:", "https:"):
        return None  # mailto:, tel:, javascript:, relative links
    return parsed


def browser_host(url: str) -> str | None:
    """The host a browser would open for `url` (WHATWG URL standard, by ada, Node.js's parser):
    `https:\\\\evil.example`, `ht<TAB>tps://`, `http://3232235777/` (192.168.1.1) and
    `http://0x7f.1/` (127.0.0.1) all read as the browser reads them. None: not http(s)."""
    parsed = _parse(url)
    return (parsed.hostname.strip("[]").rstrip(".") or None) if parsed else None


def _host(url: str, depth: int = 0) -> str | None:
    parsed = _parse(url)
    host = parsed.hostname.strip("[]").rstrip(".") if parsed else ""
    if parsed is None or not (is_ip_literal(host) or _HOSTNAME.fullmatch(host)):
        return None  # not a name a browser would go to: `http://http://`, `www.` run-ons
    if depth < 3 and is_under(host, _WRAPPERS):
        inner = _unwrap(parsed.search.lstrip("?"), depth)
        if inner:
            return inner
        # A wrapper that hides its target (Mimecast) is itself where the click goes: an outside
        # host, never skipped (a skipped link once let a hidden target pass as genuine).
    return host


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


def url_host(url: str) -> str:
    """The host of something URL-like as a browser reads it; `` when it has none."""
    candidate = url if _SCHEME.match(url) else "http://" + url
    try:
        host = URL(candidate).hostname
    except ValueError:
        found = _URL_HOST.match(url)
        host = found.group(1) if found else ""
    return host


def redact_urls(text: str) -> str:
    """Text with everything URL-like cut to its host: `https://x.example/?token=1`,
    `https://x.example\\r\\TOKEN` and `x.example/r?token=1` all become `x.example/…`."""
    return _ANY_URL.sub(lambda match: url_host(match.group(0)) + "/…", text)


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
