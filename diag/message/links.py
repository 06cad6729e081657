"""The hosts a message's links point to — never the links themselves, which carry tokens.

One definition of what is a link (`_LINK` in text, `_ATTRIBUTE` in HTML) serves both reading
links and cutting them out of subjects and names (`redact_urls`).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs

from ada_url import URL
from publicsuffixlist import PublicSuffixList

from diag.message.lookalike import is_ip_literal, is_under

MAX_HOSTS = 20  # hosts kept in a message's facts (suspicious ones first)
MAX_SEEN = 1000  # distinct hosts read before giving up: the links are then not all known

# Where a run of URL characters may start: never in the middle of a run another try has
# scanned already, and every unbounded repeat is possessive. So each character is looked at a
# bounded number of times, and a hostile subject of `a.a.a.a…` costs linear time (with `\b`
# and backtracking it was quadratic: 4.5 s for 8,000 characters).
RUN_START = r"(?<![\w.+-])"
# Anything a reader or a browser would take for a link: a scheme and slashes either way,
# `https:host`, `www.`, a UNC path `\\host\share`, or a bare `host.tld` followed by a path,
# query or fragment. A link runs to the next space, quote or angle bracket.
_LINK = re.compile(rf"""(?ix)
    {RUN_START}(?:
        [0-9+.-]*+(?P<scheme>[a-z][a-z0-9+.-]*+:[/\\] | https?:(?=[^\s/\\]) | www\.)
      | [.-]*+(?P<bare>[\w-]++(?:\.++[\w-]++)++[/\\?\#])
    )[^\s<>"']*+
  | (?P<unc>\\\\)(?=[\w-])[^\s<>"']*+""")
# HTML attributes whose value is a place a click, a form (AMP's action-xhr too) or a redirect
# (<meta http-equiv="refresh" content="0;url=…">) goes to. Bounded repeats: an unclosed quote
# or tag must not make the scan quadratic.
_ATTRIBUTE = re.compile(
    r"""(?i)\b(?:href|action|action-xhr|formaction|content)\s*=\s*"""
    r"""(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s>"']{1,4000}))""")
_REFRESH = re.compile(r"(?i)^\s*\d*\s*[;,]?\s*url\s*=\s*['\"]?([^'\"]*)")
_TAG = re.compile(r"<[^<>]{0,4000}>")
# A script goes wherever it computes, and a frame shows another page inside this one: a page
# with either has links nobody can read off it.
_SCRIPT = re.compile(
    r"(?i)<(?:script|iframe|frame|embed|object|applet)\b|<[^<>]{0,4000}?\son[a-z]{3,20}\s*=")
_HOSTNAME = re.compile(r"(?=.{3,253}$)[a-z0-9_-]+(?:\.[a-z0-9_-]{1,63})+|[0-9a-f.]*:[0-9a-f:.]+")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"(?i)^[a-z][a-z0-9+.-]*:")
_URL_HOST = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*:[/\\]*)?(?:[^@/\\?#\s]*@)?([^/\\?#:\s]*)")
# Schemes that open no page and so point nowhere a phisher can wait: not links here.
_NOT_PAGES = ("mailto:", "tel:", "sms:", "callto:", "cid:", "mid:", "about:")
# Names no registry sells, used in examples and tests (RFC 2606, RFC 6761).
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")
_TRAILING = ".,;:!?)]}"


@dataclass(frozen=True)
class Links:
    """The distinct hosts of a message's links, in order, and whether every link was read."""

    hosts: tuple[str, ...] = ()
    complete: bool = True  # False: a link with no readable destination, or too many hosts


class _Unknown(Exception):
    """A link whose destination cannot be read (javascript:, data:, a broken host…)."""


def _parse(url: str) -> URL | None:
    """A page URL as a browser reads it; None when it is not a link (mailto:, a relative
    path); _Unknown when it is one whose destination cannot be read."""
    candidate = url.strip(_C0_AND_SPACE)
    if candidate.lower().startswith("www."):
        candidate = "http://" + candidate
    elif candidate.startswith(("//", "\\\\", "/\\", "\\/")):
        candidate = "https:" + candidate  # protocol-relative: a browser keeps the page's scheme
    try:
        parsed = URL(candidate)
    except ValueError:
        if _SCHEME.match(candidate.replace("\t", "").replace("\n", "").replace("\r", "")):
            raise _Unknown(url) from None
        return None  # a relative link: a mail has no page it would be relative to
    if parsed.protocol == "file:":
        # file://host/share: Windows opens it, and hands the host its password hash.
        return parsed if parsed.hostname else None
    if parsed.protocol in ("http:", "https:"):
        return parsed
    if parsed.protocol in _NOT_PAGES or len(parsed.protocol) == 2:  # c:\ is a drive letter
        return None
    raise _Unknown(url)  # javascript:, data:, vbscript:, intent:, ftp:…


def _hosts(url: str, depth: int = 0) -> list[str]:
    """Where a click on `url` leads; [] when it is not a link; _Unknown when that cannot be
    read. A link-protection wrapper leads where it wraps."""
    parsed = _parse(url)
    if parsed is None:
        return []
    host = parsed.hostname.strip("[]").rstrip(".")
    if not (is_ip_literal(host) or _HOSTNAME.fullmatch(host)):
        raise _Unknown(url)  # not a name a browser would go to: `http://http://`, `www.` run-ons
    inner = _wrapped(host, parsed) if depth < 3 else []
    found = [h for value in inner for h in _hosts(value, depth + 1)]
    # A wrapper that hides its target (Mimecast) is itself where the click goes: an outside
    # host, never skipped (a skipped link once let a hidden target pass as genuine).
    return found or [host]


# Link-protection services rewrite every link to pass through them: the host that matters is
# the one they wrap. Only their redirect paths count: sites.google.com/…?url= is anyone's page.
_WRAPPED_PARAMS = ("url", "u", "q", "target", "a")


def _wrapped(host: str, parsed: URL) -> list[str]:
    path = parsed.pathname
    query = parse_qs(parsed.search.lstrip("?"))
    params = [v for name in _WRAPPED_PARAMS for v in query.get(name, ())]
    if is_under(host, ("safelinks.protection.outlook.com",)) or (
            host in ("www.google.com", "google.com") and path == "/url") or (
            host == "linkprotect.cudasvc.com" and path == "/url"):
        return params
    if host == "urldefense.proofpoint.com" and path in ("/v1/url", "/v2/url"):
        # v2 writes `https-3A__evil.example_x`: -XX is a byte in hex, _ a slash.
        return [re.sub(r"-([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)),
                       v.replace("_", "/")) if path == "/v2/url" else v for v in query.get("u", ())]
    if host == "urldefense.com" and path.startswith("/v3/__"):
        # v3 keeps the link whole in its path: /v3/__https://evil.example/x__;!!…
        inner = parsed.href.split("/v3/__", 1)[1]
        return [inner.rsplit("__;", 1)[0] if "__;" in inner else inner.rsplit("__", 1)[0]]
    return []


def _refresh(value: str) -> str | None:
    found = _REFRESH.match(value)
    return found.group(1) if found and found.group(1) else None


def _attribute_links(text: str) -> Iterator[str]:
    for match in _ATTRIBUTE.finditer(text):
        value = html.unescape(next(g for g in match.groups() if g is not None))
        if match.group(0)[:7].lower() == "content":
            value = _refresh(value) or ""  # <meta http-equiv="refresh" content="0;url=…">
        if value:
            yield value


def _start(match: re.Match[str]) -> int:
    """Where the link itself starts: after `...` or `1-` glued before a scheme, and at the
    `https` of `Ingrese...https://` (scheme letters may hold dots, a sentence's too)."""
    start = next(match.start(g) for g in ("scheme", "bare", "unc") if match.group(g) is not None)
    if match.group("scheme") is not None:
        # Only the group itself is looked at (never the text past the match): linear.
        scheme = match.group("scheme").split(":", 1)[0].lower()
        for web in ("https", "http"):
            if scheme.endswith(web) and len(scheme) > len(web) and scheme[-len(web) - 1] in ".+-":
                return start + len(scheme) - len(web)
    return start


def text_links(text: str) -> Iterator[tuple[str, bool]]:
    """(link, bare) for everything link-like in plain text; `bare`: no scheme, no `www.`."""
    for match in _LINK.finditer(text):
        yield text[_start(match):match.end()], match.group("bare") is not None


def _without_styles(text: str) -> str:
    """HTML without its <style> blocks: a stylesheet's url() loads an image, nobody clicks it,
    and counting it called a genuine mail with a CDN background phishing. Linear: one find per
    block. An unclosed <style> hides the rest of the page, which then holds nothing to click."""
    lower = text.lower()
    out, at = [], 0
    while (start := lower.find("<style", at)) >= 0:
        out.append(text[at:start])
        end = lower.find("</style", start)
        if end < 0:
            return "".join(out)
        at = end + len("</style")
    return "".join([*out, text[at:]])


def _urls(kind: str, text: str) -> Iterator[tuple[str, bool]]:
    if kind == "html":
        yield from ((value, False) for value in _attribute_links(text))
        # Mail clients turn a URL written as plain text into a link too; image sources are
        # inside tags and so are not counted.
        text = html.unescape(_TAG.sub(" ", _without_styles(text)))
    yield from text_links(text)


@functools.cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def _a_real_name(host: str) -> bool:
    """A bare `word.word/` is a link only under a suffix someone can register: «Sr.Afiliado/a»
    in a sentence is not one."""
    last = host.rsplit(".", 1)[-1]
    return (last in _RESERVED_TLDS
            or _suffixes().publicsuffix(host, accept_unknown=False) is not None)


def url_host(url: str) -> str:
    """The host of something URL-like as a browser reads it; `` when it has none."""
    candidate = url if _SCHEME.match(url) else "http://" + url.lstrip("\\/")
    try:
        host = URL(candidate).hostname
    except ValueError:
        found = _URL_HOST.match(url)
        host = found.group(1) if found else ""
    return host


def redact_urls(text: str) -> str:
    """Text with everything URL-like cut to its host: `https://x.example/?token=1`,
    `https://x.example\\r\\TOKEN` and `x.example/r?token=1` all become `x.example/…`."""
    def cut(match: re.Match[str]) -> str:
        start = _start(match)
        return text[match.start():start] + url_host(text[start:match.end()]) + "/…"

    return _LINK.sub(cut, text)


@functools.lru_cache(maxsize=4096)
def _destination(url: str) -> tuple[str, ...] | None:
    """_hosts, remembered (a hostile mail repeats one link thousands of times); None: the
    destination cannot be read."""
    try:
        return tuple(_hosts(url))
    except _Unknown:
        return None


def link_hosts(texts: Iterable[tuple[str, str]]) -> Links:
    """Distinct link hosts of (kind, text) parts — kind `html` or `plain` — in order of
    appearance, at most MAX_SEEN; `complete` is False when a link could not be read."""
    hosts: dict[str, None] = {}
    complete = True
    for kind, text in texts:
        for url, bare in _urls(kind, text):
            url = url.rstrip(_TRAILING)
            found = _destination("http://" + url if bare else url)
            if found is None:
                complete = complete and bare  # `v1.2/3` in a sentence is not a link at all
                continue
            if bare and not all(_a_real_name(h) for h in found):
                continue
            hosts.update(dict.fromkeys(found))
            if len(hosts) >= MAX_SEEN:
                return Links(tuple(hosts), complete=False)
        if kind == "html" and _SCRIPT.search(text):
            complete = False
    return Links(tuple(hosts), complete)
