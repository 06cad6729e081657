"""Shared fixtures: the loopback DNS server, and the policy for servers missing on this machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.dns_zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.dnsserver import FixtureDNSServer


@pytest.fixture
def dns_server() -> Iterator[FixtureDNSServer]:
    """The standard fixture world, fresh per test (~70 ms), so faults can be changed freely."""
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as srv:
        yield srv
