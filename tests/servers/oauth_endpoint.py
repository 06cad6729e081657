"""A loopback OAuth2 token-introspection endpoint, so Dovecot's real oauth2 passdb checks
XOAUTH2 tokens."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.servers.dovecot_setup import LOOPBACK


class TokenServer:
    """Local OAuth2 introspection endpoint that Dovecot's oauth2 passdb asks about tokens."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = _IntrospectionHTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self._httpd.server_address[1]}/introspect"

    def add_token(self, token: str, user: str) -> None:
        with self._lock:
            self.tokens[token] = user

    def revoke(self, token: str) -> None:
        with self._lock:
            self.tokens.pop(token, None)

    def introspect(self, token: str) -> dict[str, object]:
        with self._lock:
            self.requests.append(token)
            user = self.tokens.get(token)
        if user is None:
            return {"active": False}
        return {"active": True, "username": user, "email": user, "scope": "imap"}

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()


class _IntrospectionHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, registry: TokenServer) -> None:
        super().__init__((LOOPBACK, 0), _IntrospectionHandler)
        self.registry = registry


class _IntrospectionHandler(BaseHTTPRequestHandler):
    server: _IntrospectionHTTPServer

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        self._answer(query.get("token", [""])[0] or self._bearer())

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        self._answer(form.get("token", [""])[0] or self._bearer())

    def _bearer(self) -> str:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        return token if scheme.lower() == "bearer" else ""

    def _answer(self, token: str) -> None:
        body = json.dumps(self.server.registry.introspect(token)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
