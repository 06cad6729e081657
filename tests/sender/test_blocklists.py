"""Blocklist answers: only 127.0.0.x lists, only NXDOMAIN is clean, everything else is unknown."""

from __future__ import annotations

import pytest

from diag.deliverability.lookups import Lookup, Outcome
from diag.sender.blocklists import Listing, interpret, query_name
from diag.sender.check import check_sending_ip
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

NAME = "9.9.152.190.zen.spamhaus.org"


@pytest.mark.parametrize(("lookup", "listing", "reason"), [
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.0.0.2",)), Listing.LISTED, ""),
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.0.0.4", "127.0.0.11")), Listing.LISTED, ""),
    (Lookup(NAME, "A", Outcome.NXDOMAIN), Listing.NOT_LISTED, ""),
    # Spamhaus: typo in the query, public/open resolver, too many queries.
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.255.255.252",)), Listing.UNKNOWN, "refused"),
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.255.255.254",)), Listing.UNKNOWN, "refused"),
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.255.255.255",)), Listing.UNKNOWN, "refused"),
    (Lookup(NAME, "A", Outcome.ANSWER, ("127.0.0.2", "127.255.255.254")), Listing.UNKNOWN,
     "refused"),
    # A resolver that answers every name with an advertising page's address.
    (Lookup(NAME, "A", Outcome.ANSWER, ("198.51.100.7",)), Listing.UNKNOWN, "odd_answer"),
    (Lookup(NAME, "A", Outcome.NODATA), Listing.UNKNOWN, "odd_answer"),
    (Lookup(NAME, "A", Outcome.FAILED, failure="timeout"), Listing.UNKNOWN, "timeout"),
    (Lookup(NAME, "A", Outcome.FAILED, failure="servfail"), Listing.UNKNOWN, "servfail"),
    (Lookup(NAME, "A", Outcome.FAILED, failure="refused"), Listing.UNKNOWN, "refused"),
])
def test_interpret(lookup: Lookup, listing: Listing, reason: str) -> None:
    assert interpret(lookup)[0] is listing
    assert interpret(lookup)[2] == reason


@pytest.mark.parametrize(("address", "name"), [
    ("190.152.9.9", "9.9.152.190.zen.spamhaus.org"),
    ("2800:370::1", None),  # not asked: Barracuda and SpamCop have no IPv6 zone
    ("not-an-ip", None),
])
def test_query_name(address: str, name: str | None) -> None:
    assert query_name(address, "zen.spamhaus.org") == name


def test_the_server_of_a_received_hop_is_checked_like_check_sender(
        world: FixtureDNSServer) -> None:
    found = check_sending_ip("iess.gob.ec", "190.152.9.9", nameservers=[world.nameserver],
                             dns_timeout=ANSWERS)
    listed = [f for f in found if f.code == "blocklist.listed"]
    assert [f.details["blocklist"] for f in listed] == ["Spamhaus ZEN"]
    assert all(f.details["source"] == "received" for f in found)
    silent = check_sending_ip("iess.gob.ec", "190.152.9.7", nameservers=[world.nameserver],
                              dns_timeout=ANSWERS)
    unknown = [f for f in silent if f.code == "blocklist.unknown"]
    assert [f.details["blocklist"] for f in unknown] == ["Barracuda"]
    clean = next(f for f in silent if f.code == "blocklist.clean")
    assert "Barracuda" not in clean.details["lists"]
    # After a negative, a Spanish list ends in «ni»; the English one in "or".
    assert clean.message.es.endswith("SpamCop ni Mailspike.")
    assert clean.message.en.endswith("SpamCop or Mailspike.")
