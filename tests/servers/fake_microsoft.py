"""A FAKE of Microsoft's identity platform on loopback HTTPS (its OpenID metadata, device-code
and token endpoints), so the real MSAL runs the whole device-code flow without leaving the
machine. What no real server here can show — a person signing in on their phone — is the
test's call: approve(user), decline() or expire(). An approved sign-in's token is registered
with the private Dovecot's OAuth2 passdb, which then checks it on XOAUTH2 for real."""

from __future__ import annotations

import json
import secrets
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from tests.servers.dovecot_files import _make_ca, _make_server_cert
from tests.servers.dovecot_setup import LOCAL_HOSTNAME, LOOPBACK

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class FakeMicrosoft:
    """A FAKE identity platform at https://127.0.0.1:PORT/{tenant}; `register(token, user)`
    is called for each token it issues (Dovecot's token server)."""

    def __init__(self, directory: Path, register: Callable[[str, str], None]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        ca = _make_ca(directory)
        cert, key = _make_server_cert(directory, ca, LOCAL_HOSTNAME, LOOPBACK)
        self.ca_file = ca[0]
        self.register = register
        self.requests: list[str] = []  # paths asked for, in order
        self.issued: list[str] = []  # access tokens handed out
        self.code_issued = threading.Event()
        self._answer: dict[str, Any] = {"error": "authorization_pending"}
        self._lock = threading.Lock()
        self._httpd = _Server(self)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"https://{LOOPBACK}:{self._httpd.server_address[1]}"

    def __enter__(self) -> FakeMicrosoft:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- what the person does on the other device ------------------------------------------

    def approve(self, user: str) -> str:
        """The person signed in as `user`: the next poll gets a token Dovecot accepts."""
        token = "fake-ms-" + secrets.token_urlsafe(24)
        self.register(token, user)
        with self._lock:
            self._answer = {"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600,
                            "scope": "https://outlook.office.com/IMAP.AccessAsUser.All",
                            "access_token": token}
        return token

    def decline(self) -> None:
        with self._lock:
            self._answer = {"error": "authorization_declined",
                            "error_description": "AADSTS70000: the user declined"}

    def expire(self) -> None:
        with self._lock:
            self._answer = {"error": "expired_token",
                            "error_description": "AADSTS70020: the code expired"}

    # -- MSAL pointed here -----------------------------------------------------------------

    def msal_app(self, client_id: str, *, authority: str, token_cache: Any) -> Any:
        """The real msal.PublicClientApplication, with Microsoft's address swapped for this
        fake's (same tenant), its CA trusted, and no proxy from the environment."""
        import msal
        import requests

        session = requests.Session()
        session.trust_env = False
        session.verify = str(self.ca_file)
        tenant = authority.rstrip("/").rsplit("/", 1)[-1]
        return msal.PublicClientApplication(client_id, authority=f"{self.base}/{tenant}",
                                            token_cache=token_cache, instance_discovery=False,
                                            http_client=session)

    def _reply(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.requests.append(path.split("?", 1)[0])
        tenant = path.strip("/").split("/", 1)[0]
        root = f"{self.base}/{tenant}"
        if path.endswith("/v2.0/.well-known/openid-configuration"):
            return 200, {"issuer": f"{root}/v2.0",
                         "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
                         "token_endpoint": f"{root}/oauth2/v2.0/token",
                         "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode"}
        if path.endswith("/oauth2/v2.0/devicecode"):
            self.code_issued.set()
            return 200, {"device_code": secrets.token_urlsafe(16), "user_code": "FAKE-CODE",
                         "verification_uri": f"{self.base}/devicelogin", "expires_in": 900,
                         "interval": 1, "message": "FAKE: open the page and type the code"}
        if path.endswith("/oauth2/v2.0/token") and form.get("grant_type") == DEVICE_GRANT:
            with self._lock:
                answer = dict(self._answer)
            if "access_token" in answer:
                self.issued.append(answer["access_token"])
            return (200 if "access_token" in answer else 400), answer
        return 404, {"error": "not_found"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeMicrosoft) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._answer({})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self._answer(form)

    def _answer(self, form: dict[str, str]) -> None:
        status, data = self.server.fake._reply(self.path, form)
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
