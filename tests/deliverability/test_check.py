"""check_email against the loopback DNS server: every finding, IDN, slow, failing and silent DNS."""

from __future__ import annotations

import asyncio

import pytest

from diag.deliverability.check import EmailChecker, check_email, check_emails
from diag.deliverability.lookups import DnsLookups, make_resolver
from diag.findings import Status, Verdict
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

# (address, findings expected with their status, verdict)
CASES = [
    ("ana@hotmail.com", {"domain.accepts_mail": "ok", "provider.detected": "info"}, "ok"),
    ("ana@gmail.com", {"domain.accepts_mail": "ok", "provider.detected": "info"}, "ok"),
    ("ana@empresa-andina.com.ec", {"domain.accepts_mail": "ok"}, "ok"),
    ("ana@sinmail.com.ec", {"domain.null_mx": "fail"}, "problem"),
    ("ana@tiendaquito.ec", {"domain.implicit_mx": "warn"}, "warning"),
    ("ana@solo-ipv6.ec", {"domain.implicit_mx": "warn"}, "warning"),
    ("ana@intranet-quito.com.ec", {"domain.no_mail_server": "fail"}, "problem"),
    ("ana@solotexto.com.ec", {"domain.no_mail_server": "fail"}, "problem"),
    ("ana@nocorreo-spf.com.ec",
     {"domain.no_mail_server": "fail", "domain.spf_reject_all": "warn"}, "problem"),
    ("ana@mxinexistente.com.ec", {"mx.unresolvable": "fail"}, "problem"),
    ("ana@mxmedio.com.ec", {"mx.unresolvable": "warn", "domain.accepts_mail": "ok"}, "warning"),
    ("ana@mxlocalhost.com.ec", {"mx.non_public_address": "fail"}, "problem"),
    ("ana@mxprivado.com.ec", {"mx.non_public_address": "fail"}, "problem"),
    ("ana@aliasmx.com.ec", {"domain.accepts_mail": "ok"}, "ok"),
    ("josé@correo.ñandú.ec", {"domain.accepts_mail": "ok"}, "ok"),
    ("ana@dnsroto.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    ("ana@rechazado.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    ("ana@mxfalla.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    ("ana@mxhostlento.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    ("ana@nombrecambiado.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    ("ana@bucle.com.ec", {"dns.inconclusive": "unknown"}, "inconclusive"),
    # TC bit over UDP: the full answer over TCP must be read, not taken as a failure.
    ("ana@truncado.com.ec", {"domain.accepts_mail": "ok"}, "ok"),
    ("ana@gmial.com", {"address.typo_suspected": "warn", "domain.accepts_mail": "ok"}, "warning"),
    ("ana@hotmail.con", {"address.typo_suspected": "warn", "domain.not_found": "fail"}, "problem"),
    ("ana@hotmial.com", {"domain.not_found": "fail"}, "problem"),
    ("ana@mailinator.com", {"address.disposable": "warn", "domain.accepts_mail": "ok"}, "warning"),
    ("ana@mxcomoip.com.ec", {"mx.unresolvable": "fail"}, "problem"),
    ("ana@txtenorme.com.ec", {"domain.accepts_mail": "ok"}, "ok"),
    ("ana@gmail", {"address.invalid": "fail"}, "problem"),
]


# Waits out an MX host that never answers: a short budget, and "inconclusive" whatever times out.
WAITS_OUT = {"ana@mxhostlento.com.ec"}


@pytest.mark.parametrize(("address", "expected", "verdict"), CASES)
def test_findings(dns_server: FixtureDNSServer, address: str, expected: dict[str, str],
                  verdict: str) -> None:
    budget = 1.0 if address in WAITS_OUT else ANSWERS
    report = check_email(address, nameservers=[dns_server.nameserver], dns_timeout=budget)
    got = {f.code: f.status.value for f in report.findings}
    for code, status in expected.items():
        assert got.get(code) == status, (code, got)
    assert report.verdict.value == verdict, got


def test_a_truncated_answer_is_asked_again_over_tcp(dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@truncado.com.ec", nameservers=[dns_server.nameserver])
    assert report.verdict is Verdict.OK
    asked = {(q.qname, q.transport) for q in dns_server.queries if q.qtype == "MX"}
    assert {("truncado.com.ec", "udp"), ("truncado.com.ec", "tcp")} <= asked, asked


def test_dns_failure_is_never_a_verdict_on_the_address(dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@dnsroto.com.ec", nameservers=[dns_server.nameserver])
    assert {f.status for f in report.findings} <= {Status.OK, Status.INFO, Status.UNKNOWN}
    finding = report.find("dns.inconclusive")
    assert finding is not None
    assert finding.details["failures"] == [
        {"name": "dnsroto.com.ec", "type": "MX", "reason": "servfail"}]
    assert "respondió con un error de su lado" in finding.message.es  # the rcode: in details
    assert finding.advice == ("retry_dns_later",)


def test_known_provider_still_named_when_dns_fails(dns_server: FixtureDNSServer) -> None:
    dns_server.add_fault("servfail", "hotmail.com")
    report = check_email("ana@hotmail.com", nameservers=[dns_server.nameserver])
    assert report.verdict is Verdict.INCONCLUSIVE
    provider = report.find("provider.detected")
    assert provider is not None
    assert provider.details["provider"] == "microsoft"
    assert provider.details["source"] == "domain"


@pytest.mark.parametrize(("address", "provider", "imap_host"), [
    ("ana@hotmail.com", "microsoft", "outlook.office365.com"),
    ("ana@outlook.es", "microsoft", "outlook.office365.com"),
    ("ana@gmail.com", "gmail", "imap.gmail.com"),
    ("ana@empresa-andina.com.ec", "gmail", "imap.gmail.com"),
    ("ana@yahoo.es", "yahoo", "imap.mail.yahoo.com"),
    ("ana@icloud.com", "icloud", "imap.mail.me.com"),
    ("ana@importadora-guayas.ec", "zoho", "imap.zoho.com"),
    ("ana@andinanet.net", "other", "?"),
])
def test_provider_from_mx(dns_server: FixtureDNSServer, address: str, provider: str,
                          imap_host: str) -> None:
    report = check_email(address, nameservers=[dns_server.nameserver])
    finding = report.find("provider.detected")
    assert finding is not None
    assert (finding.details["provider"], finding.details["imap_host"]) == (provider, imap_host)


def test_mx_hosts_listed_in_preference_order(dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@gmail.com", nameservers=[dns_server.nameserver])
    finding = report.find("domain.accepts_mail")
    assert finding is not None
    assert finding.details["mx_hosts"][0] == "gmail-smtp-in.l.google.com"
    assert finding.details["mx_hosts"][1] == "alt1.gmail-smtp-in.l.google.com"


def test_slow_answer_within_budget_is_used(dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@lento.com.ec", nameservers=[dns_server.nameserver],
                         dns_timeout=ANSWERS)
    assert "dns.inconclusive" not in report.codes()


def test_slow_answer_past_budget_is_inconclusive(dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@lento.com.ec", nameservers=[dns_server.nameserver],
                         dns_timeout=0.5)
    finding = report.find("dns.inconclusive")
    assert finding is not None and finding.details["failures"][0]["reason"] == "timeout"


def test_silent_nameserver_costs_no_more_than_the_budget(dns_server: FixtureDNSServer) -> None:
    """The budget, not the machine's speed, ends it: one retry, then "timeout" (the benchmark
    measures the seconds)."""
    report = check_email("ana@silencioso.com.ec", nameservers=[dns_server.nameserver],
                         dns_timeout=3.0)  # the retry at half of it always goes out
    assert report.verdict is Verdict.INCONCLUSIVE
    finding = report.find("dns.inconclusive")
    assert finding is not None
    assert finding.details["failures"] == [
        {"name": "silencioso.com.ec", "type": "MX", "reason": "timeout"}]
    assert dns_server.count("silencioso.com.ec", "MX") == 2  # asked, and asked once again


def test_healthy_domain_takes_two_rounds_of_queries(dns_server: FixtureDNSServer) -> None:
    dns_server.reset_log()
    check_email("ana@hotmail.com", nameservers=[dns_server.nameserver])
    asked = [(q.qname, q.qtype) for q in dns_server.queries]
    # One address: A and AAAA at once, so a host without a public A costs no third round trip
    assert asked[0] == ("hotmail.com", "MX")
    assert sorted(asked[1:]) == [("hotmail-com.olc.protection.outlook.com", "A"),
                                 ("hotmail-com.olc.protection.outlook.com", "AAAA")]


def _batch_asks(dns_server: FixtureDNSServer, address: str) -> list[tuple[str, str]]:
    """What a batch asks for one address: AAAA only when A gives no public address."""
    async def run() -> None:
        lookups = DnsLookups(make_resolver([dns_server.nameserver]))
        await EmailChecker(lookups, both_families=False).check(address)

    dns_server.reset_log()
    asyncio.run(run())
    return [(q.qname, q.qtype) for q in dns_server.queries]


def test_a_batch_asks_aaaa_only_without_a_public_a(dns_server: FixtureDNSServer) -> None:
    assert _batch_asks(dns_server, "ana@hotmail.com") == [
        ("hotmail.com", "MX"), ("hotmail-com.olc.protection.outlook.com", "A")]
    # NXDOMAIN is about the name, for every type: AAAA after it would be a query for nothing
    assert _batch_asks(dns_server, "ana@mxinexistente.com.ec") == [
        ("mxinexistente.com.ec", "MX"), ("mail.mxinexistente.com.ec", "A")]


def test_several_addresses_share_dns_work(dns_server: FixtureDNSServer) -> None:
    dns_server.reset_log()
    reports = check_emails(["ana@hotmail.com", "luis@hotmail.com", "eva@outlook.es"],
                           nameservers=[dns_server.nameserver])
    assert [r.input for r in reports] == ["ana@hotmail.com", "luis@hotmail.com", "eva@outlook.es"]
    assert dns_server.count("hotmail.com", "MX") == 1


def test_addresses_handed_along_with_the_mx_answer_save_a_round_trip() -> None:
    from tests.fixtures.zones import STANDARD_ZONE

    with FixtureDNSServer(STANDARD_ZONE, glue=True) as srv:
        report = check_email("ana@gmail.com", nameservers=[srv.nameserver])
        assert [(q.qname, q.qtype) for q in srv.queries] == [("gmail.com", "MX")]
        assert report.verdict is Verdict.OK
        report = check_email("ana@mxmedio.com.ec", nameservers=[srv.nameserver])
        assert report.find("mx.unresolvable") is not None  # a host without glue is still asked


def test_a_resolver_that_denies_hotmail_exists_is_not_believed() -> None:
    # Captive portals and filtering resolvers answer NXDOMAIN for everything.
    with FixtureDNSServer("") as srv:
        report = check_email("ana@hotmail.com", nameservers=[srv.nameserver])
        assert report.verdict is Verdict.INCONCLUSIVE
        finding = report.find("dns.inconclusive")
        assert finding is not None and finding.details["failures"][0]["reason"] == "implausible"
        assert "filtrado" in finding.message.es
        # an unknown domain is still simply "not found"
        assert check_email("ana@empresa-desconocida.ec",
                           nameservers=[srv.nameserver]).find("domain.not_found") is not None


def test_an_ipv6_only_mx_host_is_found_with_one_more_query() -> None:
    zone = "\n".join([
        "solo6.com.ec. MX 10 mx.solo6.com.ec.",
        "mx.solo6.com.ec. AAAA 2800:bf0:1::25",
        "privado4.com.ec. MX 10 mx.privado4.com.ec.",
        "mx.privado4.com.ec. A 10.1.2.3",
        "mx.privado4.com.ec. AAAA 2800:bf0:1::26",
    ])
    with FixtureDNSServer(zone) as srv:
        report = check_email("ana@solo6.com.ec", nameservers=[srv.nameserver])
        assert report.verdict is Verdict.OK
        assert srv.count("mx.solo6.com.ec", "AAAA") == 1
        # a private A does not hide a public AAAA
        assert check_email("ana@privado4.com.ec",
                           nameservers=[srv.nameserver]).verdict is Verdict.OK


def test_a_failed_lookup_beside_a_private_address_is_inconclusive_not_a_problem() -> None:
    zone = "\n".join([
        "mixto.com.ec. MX 10 mx.mixto.com.ec.",
        "mx.mixto.com.ec. A 10.1.2.3",
        "mx.mixto.com.ec. AAAA 2800:370:44::25",
    ])
    with FixtureDNSServer(zone, servfail=["mx.mixto.com.ec/AAAA"]) as srv:
        report = check_email("ana@mixto.com.ec", nameservers=[srv.nameserver])
        assert report.verdict is Verdict.INCONCLUSIVE, report.codes()


def test_a_dead_first_nameserver_does_not_eat_the_budget(dns_server: FixtureDNSServer) -> None:
    with FixtureDNSServer("") as silent:
        silent.add_fault("drop", "hotmail.com", "hotmail-com.olc.protection.outlook.com")
        report = check_email("ana@hotmail.com", dns_timeout=4.0,
                             nameservers=[silent.nameserver, dns_server.nameserver])
    assert report.verdict is Verdict.OK, report.codes()


def test_a_look_alike_domain_run_by_the_same_provider_is_not_a_typo() -> None:
    # outlook.co looks like a typo of outlook.com; if Microsoft receives its mail, it is not.
    zone = "\n".join([
        "outlook.co. MX 2 outlook-co.olc.protection.outlook.com.",
        "outlook-co.olc.protection.outlook.com. A 52.101.40.29",
        "gmial.com. MX 10 mx.gmial.com.",
        "mx.gmial.com. A 190.152.44.21",
    ])
    with FixtureDNSServer(zone) as srv:
        own = check_email("ana@outlook.co", nameservers=[srv.nameserver])
        squat = check_email("ana@gmial.com", nameservers=[srv.nameserver])
    assert "address.typo_suspected" not in own.codes()
    assert "address.typo_suspected" in squat.codes()


def test_a_dead_mx_host_costs_no_third_round_trip(dns_server: FixtureDNSServer) -> None:
    # NXDOMAIN is about the name, for every type: asking AAAA after it was a third round trip.
    dns_server.reset_log()
    report = check_email("ana@mxinexistente.com.ec", nameservers=[dns_server.nameserver])
    assert report.find("mx.unresolvable") is not None
    asked = [(q.qname, q.qtype) for q in dns_server.queries]
    assert asked[0] == ("mxinexistente.com.ec", "MX")
    assert {name for name, _ in asked[1:]} == {"mail.mxinexistente.com.ec"}
    dns_server.reset_log()
    report = check_email("ana@mxmedio.com.ec", nameservers=[dns_server.nameserver])
    asked = [(q.qname, q.qtype) for q in dns_server.queries]
    assert report.verdict is Verdict.WARNING
    assert asked[0] == ("mxmedio.com.ec", "MX")
    assert {name for name, _ in asked[1:]} == {"mx1.mxmedio.com.ec", "mx2.mxmedio.com.ec"}


def test_a_filtering_resolver_is_named_in_the_inconclusive_finding() -> None:
    from tests.fixtures.zones import FILTERING_ZONE

    with FixtureDNSServer(FILTERING_ZONE) as srv:
        blocked = check_email("ana@bloqueado.com.ec", nameservers=[srv.nameserver])
        provider = check_email("ana@hotmail.com", nameservers=[srv.nameserver])
    finding = blocked.find("dns.inconclusive")
    assert finding is not None
    assert {f["reason"] for f in finding.details["failures"]} == {"filtered"}
    assert "Pi-hole" in finding.message.es and "0.0.0.0" not in finding.message.es
    assert finding.details["failures"][0]["answer"] == ["0.0.0.0"]
    finding = provider.find("dns.inconclusive")
    assert finding is not None
    assert finding.details["failures"][0]["reason"] == "filtered_provider"
    assert "proveedor conocido" in finding.message.es


def test_a_blocked_domain_without_mx_names_what_was_filtered() -> None:
    from tests.fixtures.zones import FILTERING_ZONE

    with FixtureDNSServer(FILTERING_ZONE) as srv:
        report = check_email("ana@sitio-bloqueado.ec", nameservers=[srv.nameserver])
        gmail = check_email("ana@gmail.com", nameservers=[srv.nameserver])
    finding = report.find("dns.inconclusive")
    assert finding is not None
    assert [(f["type"], f["reason"]) for f in finding.details["failures"]] == [
        ("A", "filtered"), ("AAAA", "filtered")]
    assert "A de sitio-bloqueado.ec, AAAA de sitio-bloqueado.ec: " in finding.message.es
    finding = gmail.find("dns.inconclusive")
    assert finding is not None
    assert finding.message.es.count("Pi-hole") == 1  # four blocked lookups, one reason said once


def test_an_idn_domain_is_shown_in_unicode_and_asked_in_punycode(
        dns_server: FixtureDNSServer) -> None:
    report = check_email("ana@correo.ñandú.ec", nameservers=[dns_server.nameserver])
    accepts = report.find("domain.accepts_mail")
    assert accepts is not None
    assert "correo.ñandú.ec" in accepts.message.es and "xn--" not in accepts.message.es
    assert accepts.details["domain"] == "correo.xn--and-6ma2c.ec"
