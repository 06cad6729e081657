"""One loopback DNS world of senders for the whole package (its faults never change)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.sender_zones import SENDER_FAULTS, SENDER_ZONE
from tests.servers.dnsserver import FixtureDNSServer


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as server:
        yield server
