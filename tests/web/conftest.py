"""The web page under test: the ASGI app through Starlette's TestClient, and the real
`iess-diag serve` process on a free loopback port, both asking the loopback DNS server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from diag.web.app import build_app
from diag.web.cases import Settings
from diag.web.security import Secrets
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

ROOT = Path(__file__).resolve().parents[2]
PORT = 8000  # TestClient never opens it: the Host header is all the app sees of it
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def keys() -> Secrets:
    return Secrets()


def make_client(keys: Secrets, nameserver: str, *, signed_in: bool = True) -> TestClient:
    app = build_app("127.0.0.1", PORT, keys=keys,
                    settings=Settings(nameservers=(nameserver,), dns_timeout=ANSWERS))
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    if signed_in:
        client.cookies.set(f"iess_diag_{PORT}", keys.token)
    return client


@pytest.fixture
def client(keys: Secrets, dns_server: FixtureDNSServer) -> TestClient:
    """Signed in already (the cookie set as the token exchange sets it)."""
    return make_client(keys, dns_server.nameserver)


@pytest.fixture
def stranger(keys: Secrets) -> TestClient:
    """No cookie: what another page, or another user on this machine, would send."""
    return make_client(keys, "127.0.0.1:9", signed_in=False)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found, "the page carries no CSRF token"
    return found.group(1)


@dataclass
class Served:
    """A running `iess-diag serve`: its printed URL, and its stderr once stopped."""

    process: subprocess.Popen[str]
    url: str

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0]

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    def stop(self) -> str:
        """Ends this server (its own process, by its handle) and returns what it logged."""
        if self.process.poll() is None:
            self.process.terminate()
        _, err = self.process.communicate(timeout=30)
        return err


def start_serve(*args: str) -> Served:
    env = {**os.environ, "LANG": "C.UTF-8", "IESS_DIAG_LANG": "es"}
    process = subprocess.Popen(
        [sys.executable, "-m", "diag", "serve", "--port", "0", *args], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("Página: "):
        process.kill()
        raise AssertionError(f"serve did not start: {line!r} {process.communicate()}")
    return Served(process, line.removeprefix("Página: ").strip())


@pytest.fixture
def served(dns_server: FixtureDNSServer) -> Iterator[Served]:
    server = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS))
    yield server
    server.stop()
