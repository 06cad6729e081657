"""The page's guards, as one ASGI middleware: Host check, start-up token and cookie, headers,
and an access log without addresses or query strings."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOG = logging.getLogger("iess_diag.web")
# Nothing from another origin, no inline script or style; forms post only back here.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Every page may hold personal data (an address, a report): never kept by any cache.
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_FORBIDDEN = ("Acceso denegado: abra la dirección con el código (token) que mostró "
              "«iess-diag serve» al arrancar. / Access denied: open the address with the token "
              "that 'iess-diag serve' printed at start-up.\n")
_BUG = ("Error interno inesperado: avise al equipo de iess-diag. / Unexpected internal error: "
        "report it to the iess-diag team.\n")
_WRONG_HOST = ("Esta página solo responde a la dirección en la que escucha. / This page only "
               "answers at the address it listens on.\n")


@dataclass(frozen=True)
class Secrets:
    """The token printed at start-up (exchanged once for a cookie) and what CSRF tokens derive
    from; both new at every start."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def csrf(self) -> str:
        return hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()

    def token_matches(self, offered: str) -> bool:
        return hmac.compare_digest(offered.encode(), self.token.encode())

    def csrf_matches(self, offered: str) -> bool:
        return hmac.compare_digest(offered.encode(), self.csrf().encode())


@dataclass(frozen=True)
class Guard:
    """Wraps the app: what is allowed through, and the headers every answer carries."""

    app: ASGIApp
    secrets: Secrets
    hosts: frozenset[str]
    cookie: str
    secure: bool = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 0}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = _merged(message.get("headers", []))
            await send(message)

        try:
            await self._route(scope, receive, send_with_headers)
        except Exception as error:  # a bug: its kind only (a message or trace may hold data)
            LOG.error("unexpected %s", type(error).__name__)
            if not status["code"]:
                await _plain(send_with_headers, 500, _BUG)
        finally:
            # The path only: never the query string (a token) nor the client's address.
            LOG.info("%s %s %s", scope.get("method", "?"), scope.get("path", "?"),
                     status["code"])

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if headers.get("host", "").lower() not in self.hosts:
            await _plain(send, 421, _WRONG_HOST)
            return
        offered = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))).get("token")
        if offered is not None:
            if not self.secrets.token_matches(offered):
                await _plain(send, 403, _FORBIDDEN)
                return
            await self._exchange(scope, send)
            return
        if not self._has_cookie(headers.get("cookie", "")):
            await _plain(send, 403, _FORBIDDEN)
            return
        await self.app(scope, receive, send)

    def _has_cookie(self, header: str) -> bool:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header)
        except Exception:  # a malformed Cookie header is simply no cookie
            return False
        morsel = jar.get(self.cookie)
        return morsel is not None and self.secrets.token_matches(morsel.value)

    async def _exchange(self, scope: Scope, send: Send) -> None:
        """The token in the URL becomes a cookie; the redirect drops it from the address bar
        and from the history."""
        cookie = (f"{self.cookie}={self.secrets.token}; Path=/; HttpOnly; SameSite=Strict"
                  + ("; Secure" if self.secure else ""))
        path = scope.get("path", "/")
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", path.encode("utf-8")),
                                (b"set-cookie", cookie.encode("latin-1")),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _merged(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The app's headers plus ours; ours win, except a download's own (stricter) CSP."""
    names = {k.lower() for k, _ in headers}
    ours = [(k.encode(), v.encode()) for k, v in HEADERS.items()
            if not (k == "content-security-policy" and k.encode() in names)]
    replaced = {k for k, _ in ours}
    return [(k, v) for k, v in headers if k.lower() not in replaced] + ours


async def _plain(send: Send, status: int, text: str) -> None:
    """A refusal as a small page of its own: Spanish, then English (a screen reader says each
    in its language), no script, no style, nothing from the app."""
    es, _, en = (escape(part.strip(), quote=False) for part in text.partition(" / "))
    body = (f'<!DOCTYPE html>\n<html lang="es">\n<head><meta charset="utf-8">'
            f"<title>iess-diag: {status}</title></head>\n<body><main>\n<h1>iess-diag</h1>\n"
            f'<p>{es}</p>\n<p lang="en">{en}</p>\n</main></body>\n</html>\n').encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values that name the bound address (DNS rebinding stops here)."""
    shown = f"[{host}]" if ":" in host else host
    return frozenset({f"{shown}:{port}".lower()})
