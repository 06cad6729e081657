"""check_sender as a library: the typed result, one budget for everything, the cache."""

from __future__ import annotations

import pytest

import diag.sender
from diag.findings import Status, Verdict
from diag.sender.blocklists import BLOCKLISTS, Listing
from diag.sender.check import SenderCache, sender_result
from tests.fixtures.sender_zones import HEALTHY_IPS, LISTED_IP, SENDERS
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer


def test_the_package_exposes_check_sender(world: FixtureDNSServer) -> None:
    report = diag.sender.check_sender(nameservers=[world.nameserver], dns_timeout=ANSWERS)
    assert report.command == "check-sender" and report.input == "iess.gob.ec"
    assert report.verdict is Verdict.OK


def test_every_sending_address_is_asked_of_every_list(world: FixtureDNSServer) -> None:
    world.reset_log()
    result = sender_result(nameservers=[world.nameserver], dns_timeout=ANSWERS)
    assert {a.address for a in result.answers} == set(HEALTHY_IPS)  # mx host resolved too
    assert len(result.answers) == len(HEALTHY_IPS) * len(BLOCKLISTS)
    for blocklist in BLOCKLISTS:
        assert world.count(f"25.193.46.186.{blocklist.zone}", "A") == 1
    assert all(a.listing is Listing.NOT_LISTED for a in result.answers)


def test_the_typed_result_says_what_a_plan_needs(world: FixtureDNSServer) -> None:
    listed = sender_result(SENDERS["listed"], nameservers=[world.nameserver], dns_timeout=ANSWERS)
    assert [a.address for a in listed.listed] == [LISTED_IP] and not listed.misconfigured
    finding = listed.report().find("blocklist.listed")
    assert finding is not None and finding.details["sender_problem"] == "listed"
    assert finding.details["receivers"] == ["isp_and_corporate"]
    broken = sender_result(SENDERS["eleven_lookups"], nameservers=[world.nameserver],
                           dns_timeout=ANSWERS)
    assert broken.misconfigured and not broken.listed
    assert "gmail" in broken.report().find("spf.permerror").details["receivers"]  # type: ignore[union-attr]


def test_sending_ips_given_by_hand_are_checked(world: FixtureDNSServer) -> None:
    result = sender_result(SENDERS["plus_all"], nameservers=[world.nameserver], dns_timeout=ANSWERS,
                           sending_ips=[LISTED_IP, "2800:370::25"])
    assert [a.address for a in result.listed] == [LISTED_IP]
    left_out = result.report().find("blocklist.not_covered")
    assert left_out is not None and left_out.details["left_out"] == ["2800:370::25"]


def test_the_sender_mail_findings_never_blame_the_persons_address(
        world: FixtureDNSServer) -> None:
    report = sender_result(nameservers=[world.nameserver], dns_timeout=ANSWERS).report()
    assert report.find("provider.detected") is None
    advice = {a for f in report.findings for a in f.advice}
    assert not advice & {"use_another_address", "update_address_at_cau", "check_spam_folders"}


def test_an_unreachable_resolver_is_inconclusive_never_a_problem() -> None:
    report = diag.sender.check_sender(nameservers=["127.0.0.1:9"], dns_timeout=0.5)
    assert report.verdict is Verdict.INCONCLUSIVE
    assert not [f for f in report.findings if f.status is Status.FAIL]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_cache_asks_once_per_domain_and_resolver_until_it_expires(
        world: FixtureDNSServer) -> None:
    clock = Clock()
    cache = SenderCache(ttl=300, clock=clock)
    world.reset_log()
    first = cache.get("iess.gob.ec", [world.nameserver], 1.0)
    asked = len(world.queries)
    assert cache.get("IESS.gob.ec.", [world.nameserver], 1.0) is first
    assert len(world.queries) == asked  # nothing asked again
    clock.now = 301
    cache.get("iess.gob.ec", [world.nameserver], 1.0)
    assert len(world.queries) == 2 * asked


@pytest.mark.parametrize("name", ["check_sender", "assess_sender", "SenderResult"])
def test_lazy_exports(name: str) -> None:
    assert getattr(diag.sender, name) is not None


def test_an_inconclusive_check_is_not_kept() -> None:
    cache = SenderCache(ttl=300, clock=Clock())
    first = cache.get("iess.gob.ec", ["127.0.0.1:9"], 0.3)
    assert first.verdict is Verdict.INCONCLUSIVE
    assert cache.get("iess.gob.ec", ["127.0.0.1:9"], 0.3) is not first


# A resolver that says NXDOMAIN for every blocklist name (some filter queries to the lists):
# the RFC 5782 test entry 127.0.0.2 is missing, so "not listed" cannot be believed.
NO_TEST_ENTRY = """
ciego.ec. 300 IN TXT "v=spf1 ip4:190.152.9.5 -all"
"""
# A list that lists everything, 127.0.0.1 included: its "listed" cannot be believed either.
LISTS_ALL = NO_TEST_ENTRY + "".join(
    f"{ip}.{bl.zone}. 300 IN A 127.0.0.2\n" for bl in BLOCKLISTS
    for ip in ("2.0.0.127", "1.0.0.127", "5.9.152.190"))


@pytest.mark.parametrize(("zone", "never"), [(NO_TEST_ENTRY, "blocklist.clean"),
                                             (LISTS_ALL, "blocklist.listed")])
def test_a_list_that_fails_its_own_test_is_unknown(zone: str, never: str) -> None:
    with FixtureDNSServer(zone) as server:
        report = diag.sender.check_sender("ciego.ec", nameservers=[server.nameserver],
                                          dns_timeout=ANSWERS)
    assert never not in report.codes()
    finding = report.find("blocklist.unknown")
    assert finding is not None and finding.details["reason"] == "failed_self_test"
