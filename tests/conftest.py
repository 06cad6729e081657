"""Shared fixtures: the loopback DNS server and the private Dovecot.

Servers missing on this machine: skipped locally, a failure under CI=true (require_dovecot).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fixtures.zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import require_dovecot


@pytest.fixture
def dns_server() -> Iterator[FixtureDNSServer]:
    """The standard fixture world, fresh per test (~70 ms), so faults can be changed freely."""
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as srv:
        yield srv


@pytest.fixture
def dovecot() -> Iterator[PrivateDovecot]:
    """A fresh private Dovecot per test (~0.3 s start+stop); deliver into it freely."""
    require_dovecot()
    with PrivateDovecot() as server:
        yield server


@pytest.fixture
def dovecot_factory() -> Iterator[Callable[..., PrivateDovecot]]:
    """Servers with options, e.g. cert_hostname=OTHER_HOSTNAME or allow_plaintext_auth=True."""
    require_dovecot()
    started: list[PrivateDovecot] = []

    def make(**kwargs: Any) -> PrivateDovecot:
        server = PrivateDovecot(**kwargs)
        started.append(server)
        return server.start()

    yield make
    for server in started:
        server.stop()
