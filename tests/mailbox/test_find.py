"""find_reset_mail end to end: a private Dovecot for folders, quota, TLS, IDLE and OAuth2;
clearly named fakes for Gmail's and Outlook's quirks. Every Dovecot case also proves that the
mailbox is exactly as it was (flags, UIDs, counts, HIGHESTMODSEQ)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from diag.findings import Status, Verdict
from diag.mailbox.credentials import Credentials
from diag.mailbox.find import find_reset_mail
from diag.mailbox.options import Endpoint, MailboxOptions, WaitTick
from diag.message.model import SenderRules
from tests.fixtures import messages as mf
from tests.fixtures.mailboxes import ENE_PASSWORD, PASSWORD, address, imapd, options_for, snapshot
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import MARIA, MARIA_TOKEN, OTHER_HOSTNAME, require_dovecot
from tests.servers.fake_imap import (
    FakeGmailClient,
    FakeMessage,
    FakeOutlookClient,
    closed_port,
    silent_server,
)

__all__ = ["imapd"]
pytestmark = pytest.mark.timeout(90)


def _search(server: PrivateDovecot, scenario: str, **changes: Any) -> Any:
    user = address(scenario)
    before = snapshot(server, user)
    report = find_reset_mail(user, Credentials(password=PASSWORD), options_for(server, **changes))
    assert snapshot(server, user) == before, "the search changed the mailbox"
    return report


@pytest.mark.parametrize(("scenario", "code", "folder"), [
    ("inbox", "mail.found_inbox", "INBOX"),
    ("junk", "mail.found_spam", "Junk"),
    ("nojunkattr", "mail.found_spam", "Correo no deseado"),
    ("promo", "mail.found_promotions", "Promociones"),
    ("trash", "mail.found_trash", "Trash"),
    ("filtered", "mail.found_other", "Trámites/IESS"),
    ("encoded", "mail.found_inbox", "INBOX"),
    ("bulk", "mail.found_inbox", "INBOX"),
])
def test_finds_the_mail_in_its_folder(imapd: PrivateDovecot, scenario: str, code: str,
                                      folder: str) -> None:
    report = _search(imapd, scenario)
    found = report.find(code)
    assert found is not None, report.codes()
    assert found.details["folder"] == folder
    assert found.details["link_hosts"] == ["www.iess.gob.ec"]
    assert "mail.not_found" not in report.codes()
    assert datetime.fromisoformat(found.details["arrived"]).tzinfo is not None
    searched = report.find("mail.folders_searched")
    assert searched is not None and folder in [f["name"] for f in searched.details["folders"]]


def test_the_link_itself_never_reaches_the_report(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "inbox")
    text = repr(report)
    assert mf.RESET_TOKEN not in text and "recuperarClave.jsf" not in text


def test_junk_verdict_explains_the_spam_folder(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "junk")
    assert {"mail.found_spam", "mail.auth_failed"} <= set(report.codes())


def test_nothing_found_is_a_problem(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "none")
    assert report.verdict is Verdict.PROBLEM
    missing = report.find("mail.not_found")
    assert missing is not None and missing.details["folder_count"] >= 5


def test_old_mail_is_expired(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "expired")
    assert {"mail.found_inbox", "mail.expired"} <= set(report.codes())
    assert _search(imapd, "expired", since=timedelta(hours=1)).codes()[0] == "mail.not_found"


def test_lookalikes_are_warned_about_and_never_count(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "lookalike")
    lookalikes = [f for f in report.findings if f.code == "mail.lookalike_sender"]
    assert len(lookalikes) == len(mf.LOOKALIKES)
    assert "mail.not_found" in report.codes()


def test_a_few_thousand_messages_take_few_commands(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "bulk")
    searched = report.find("mail.folders_searched")
    assert searched is not None and searched.details["imap_commands"] <= 12


@pytest.mark.parametrize(("scenario", "code", "status"), [
    ("full", "mailbox.full", Status.FAIL),
    ("nearly", "mailbox.nearly_full", Status.WARN),
])
def test_quota(imapd: PrivateDovecot, scenario: str, code: str, status: Status) -> None:
    finding = _search(imapd, scenario).find(code)
    assert finding is not None and finding.status is status


def test_a_full_mailbox_is_not_waited_on(imapd: PrivateDovecot) -> None:
    """Issue 10, case 3: with the box full a new link would bounce, so --wait does not start
    (nothing tells the person to request one) and says why."""
    ticks: list[WaitTick] = []
    report = find_reset_mail(address("full"), Credentials(password=PASSWORD),
                             options_for(imapd, wait=timedelta(minutes=10)),
                             progress=ticks.append)
    waited = report.find("mail.waited")
    assert ticks == []
    assert waited is not None and waited.details["skipped"] == "mailbox_full"
    assert waited.status is Status.INFO and "liberar espacio" in waited.message.es


def test_password_with_enye_signs_in(imapd: PrivateDovecot) -> None:
    report = find_reset_mail("ene@andinanet.net", Credentials(password=ENE_PASSWORD),
                             options_for(imapd))
    assert report.codes()[0] == "mail.not_found"


@pytest.mark.parametrize(("user", "code", "words"), [
    ("none@andinanet.net", "imap.login_failed", "AUTHENTICATIONFAILED"),
    # Hotmail refuses passwords altogether: say OAuth2 plainly.
    ("ana@hotmail.com", "imap.oauth_required", "Microsoft"),
    # Gmail wants an app password.
    ("maria@gmail.com", "imap.login_failed", "app password"),
])
def test_refused_password(imapd: PrivateDovecot, user: str, code: str, words: str) -> None:
    report = find_reset_mail(user, Credentials(password="mala-clave"), options_for(imapd))
    assert report.codes() == [code]
    assert report.verdict is Verdict.INCONCLUSIVE
    assert words in report.findings[0].message.en


def test_xoauth2_token(imapd: PrivateDovecot) -> None:
    good = find_reset_mail(MARIA.name, Credentials(oauth2_token=MARIA_TOKEN),
                           options_for(imapd))
    assert "mail.not_found" in good.codes()
    bad = find_reset_mail(MARIA.name, Credentials(oauth2_token="ya29.caducado"),
                          options_for(imapd))
    assert bad.codes() == ["imap.login_failed"]
    assert "token" in bad.findings[0].message.en


def test_starttls(imapd: PrivateDovecot) -> None:
    report = _search(imapd, "inbox", starttls=True, imap_port=imapd.imap_port)
    assert "mail.found_inbox" in report.codes() and "imap.plaintext" not in report.codes()


@pytest.mark.parametrize(("changes", "cause"), [
    ({"ca_file": None}, "certificate"),  # a private CA that was not given
    ({"imap_port": "imap"}, "handshake"),  # implicit TLS against the STARTTLS port
])
def test_tls_failures(imapd: PrivateDovecot, changes: dict[str, Any], cause: str) -> None:
    if changes.get("imap_port") == "imap":
        changes = {"imap_port": imapd.imap_port}
    report = find_reset_mail(address("inbox"), Credentials(password=PASSWORD),
                             options_for(imapd, **changes))
    assert report.codes() == ["imap.tls_failed"]
    assert report.findings[0].details["cause"] == cause


def test_certificate_for_another_host() -> None:
    require_dovecot()
    with PrivateDovecot(cert_hostname=OTHER_HOSTNAME) as server:
        report = find_reset_mail(MARIA.name, Credentials(password=MARIA.password),
                                 options_for(server))
    assert report.codes() == ["imap.tls_failed"]
    assert "another server" in report.findings[0].message.en


def test_closed_port_is_unreachable_at_once() -> None:
    with closed_port() as (host, port):
        report = find_reset_mail("x@andinanet.net", Credentials(password="p"),
                                 MailboxOptions(imap_host=host, imap_port=port, timeout=20))
    assert report.codes() == ["imap.unreachable"]
    assert report.findings[0].details["cause"] == "refused"  # at once, not the 20 s timeout


@pytest.mark.parametrize("starttls", [False, True])
def test_silent_server_times_out(starttls: bool) -> None:
    with silent_server() as (host, port):
        report = find_reset_mail("x@andinanet.net", Credentials(password="p"), MailboxOptions(
            imap_host=host, imap_port=port, timeout=1.0, starttls=starttls))
    assert report.codes() == ["imap.unreachable"]
    assert report.findings[0].details["cause"] == "timeout"


# -- waiting for a new mail -------------------------------------------------------------


def _later(seconds: float, action: Any) -> threading.Thread:
    def run() -> None:
        time.sleep(seconds)
        action()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(("scenario", "folder"), [("wait", "INBOX"), ("waitjunk", "Junk")])
def test_wait_until_a_new_mail_arrives(imapd: PrivateDovecot, scenario: str,
                                       folder: str) -> None:
    user = address(scenario)
    before = snapshot(imapd, user)
    ticks: list[WaitTick] = []
    arrival = _later(1.5, lambda: imapd.append_via_imap(user, folder, mf.iess_reset_mail(user)))
    report = find_reset_mail(user, Credentials(password=PASSWORD), options_for(
        imapd, wait=timedelta(seconds=40), poll_interval=1.0), progress=ticks.append)
    arrival.join()
    waited = report.find("mail.waited")
    assert waited is not None and waited.status is Status.OK, report.codes()
    assert waited.details["folder"] == folder
    assert waited.details["arrived_after_seconds"] < 30
    assert ticks and ticks[0].remaining <= timedelta(seconds=40)
    assert "mail.not_found" not in report.codes()
    after = snapshot(imapd, user)
    # The new message is the only difference: nothing else changed, nothing marked read.
    assert after[folder].exists == before[folder].exists + 1
    assert {k: v for k, v in after.items() if k != folder} == {
        k: v for k, v in before.items() if k != folder}
    assert all(v == after[folder].flags[k] for k, v in before[folder].flags.items())


def test_wait_times_out_then_ctrl_c_ends_it_cleanly(imapd: PrivateDovecot) -> None:
    user = address("interrupt")
    before = snapshot(imapd, user)
    report = find_reset_mail(user, Credentials(password=PASSWORD),
                             options_for(imapd, wait=timedelta(seconds=2), poll_interval=1))
    waited = report.find("mail.waited")
    assert waited is not None and waited.status is Status.INFO
    assert waited.details["interrupted"] is False and waited.details["waited_seconds"] >= 2

    def interrupt(tick: WaitTick) -> None:
        if tick.elapsed > timedelta(seconds=1):
            raise KeyboardInterrupt

    report = find_reset_mail(user, Credentials(password=PASSWORD),
                             options_for(imapd, wait=timedelta(minutes=5)), progress=interrupt)
    waited = report.find("mail.waited")
    assert waited is not None and waited.details["interrupted"] is True
    assert "mail.not_found" in report.codes()
    assert snapshot(imapd, user) == before


# -- DNS: the IMAP host comes from the provider -------------------------------------------


@pytest.mark.parametrize(("typed", "host", "user"), [
    ("ana@hotmail.com", "outlook.office365.com", "ana@hotmail.com"),
    ("maria@gmail.com", "imap.gmail.com", "maria@gmail.com"),
    ("pedro@icloud.com", "imap.mail.me.com", "pedro"),
    ("rosa@importadora-guayas.ec", "imap.zoho.com", "rosa@importadora-guayas.ec"),
])
def test_imap_host_from_the_mx(dns_server: Any, typed: str, host: str, user: str) -> None:
    seen: list[Endpoint] = []

    def connect(endpoint: Endpoint) -> Any:
        seen.append(endpoint)
        raise ConnectionRefusedError  # never leave this machine

    report = find_reset_mail(typed, Credentials(password="p"), nameservers=[dns_server.nameserver],
                             connect=connect)
    assert [e.host for e in seen] == [host] and seen[0].port == 993
    assert "provider.detected" in report.codes() and "imap.unreachable" in report.codes()


def test_unknown_imap_host(dns_server: Any) -> None:
    report = find_reset_mail("luis@andinanet.net", Credentials(password="p"),
                             nameservers=[dns_server.nameserver],
                             connect=lambda e: pytest.fail("no host to connect to"))
    assert "imap.host_unknown" in report.codes()
    assert report.verdict is Verdict.INCONCLUSIVE


def test_invalid_address_never_connects() -> None:
    report = find_reset_mail("ana@@hotmail", Credentials(password="p"),
                             connect=lambda e: pytest.fail("connected"))
    assert report.codes() == ["address.invalid"]


# -- FAKES: Gmail and Outlook quirks Dovecot cannot show ----------------------------------

def _msg(raw: bytes, age: timedelta = timedelta(minutes=2), **kw: Any) -> FakeMessage:
    return FakeMessage(raw, datetime.now(UTC) - age, **kw)


def test_fake_gmail_uses_all_mail_labels_and_categories() -> None:
    to = "maria@gmail.com"
    client = FakeGmailClient(user=to, password="app-pass", messages=[
        _msg(mf.iess_reset_mail(to), labels=("\\Inbox",), category="promotions", gmail_id=1),
        _msg(mf.iess_reset_mail(to), timedelta(hours=1), labels=("\\Inbox",), gmail_id=2),
        _msg(mf.iess_reset_mail(to), timedelta(hours=2), labels=("Trámites",), gmail_id=3),
        _msg(mf.newsletter(to, *mf.NEWSLETTERS[0]), labels=("\\Inbox",), gmail_id=4),
    ], spam=[_msg(mf.lookalike_mails(to)[0], gmail_id=5)],
        trash=[_msg(mf.iess_reset_mail(to), timedelta(hours=3), gmail_id=6)])
    report = find_reset_mail(to, Credentials(password="app-pass"),
                             MailboxOptions(imap_host="imap.gmail.test"), connect=lambda e: client)
    places = {(f.code, f.details.get("folder")) for f in report.findings}
    assert ("mail.found_promotions", "category:promotions") in places
    assert ("mail.found_inbox", "INBOX") in places
    assert ("mail.found_other", "Trámites") in places
    assert ("mail.found_trash", "[Gmail]/Papelera") in places
    assert ("mail.lookalike_sender", "[Gmail]/Spam") in places
    searched = report.find("mail.folders_searched")
    assert searched is not None and searched.details["gmail"] is True
    assert [f["name"] for f in searched.details["folders"]] == [
        "[Gmail]/Todos", "[Gmail]/Spam", "[Gmail]/Papelera"]
    assert client.commands.count("EXAMINE") == 3


def test_fake_outlook_badcharset_spanish_junk_and_partial_from() -> None:
    to = "ana@hotmail.com"
    client = FakeOutlookClient(user=to, token="tok", junk=[_msg(mf.junk_verdict_iess_mail(to))])
    rules = SenderRules(keywords=(*SenderRules().keywords, "ñandú"))  # needs UTF-8: refused
    report = find_reset_mail(to, Credentials(oauth2_token="tok"),
                             MailboxOptions(imap_host="outlook.test"), rules=rules,
                             connect=lambda e: client)
    found = report.find("mail.found_spam")
    assert found is not None and found.details["folder"] == "Correo no deseado"
    assert client.refused_charsets == ["UTF-8"]
    searched = report.find("mail.folders_searched")
    assert searched is not None
    names = [f["name"] for f in searched.details["folders"]]
    assert names[:2] == ["INBOX", "Correo no deseado"]
    assert "Notas" not in names and "Elementos enviados" not in names


def test_fake_outlook_password_means_oauth_required() -> None:
    to = "ana@hotmail.com"
    client = FakeOutlookClient(user=to, token="tok")
    report = find_reset_mail(to, Credentials(password="su-clave"),
                             MailboxOptions(imap_host="outlook.test"), connect=lambda e: client)
    assert report.codes() == ["imap.oauth_required"]


# -- a hostile server (tests/servers/hostile_imap.py): a finding within the time budget, no hang --


# A read past --timeout ("timeout"), or a whole exchange past twice --timeout ("stalled").
DEADLINE_CAUSES = ("timeout", "stalled")


@pytest.mark.parametrize(("fault", "at", "code"), [
    ("none", "greeting", "mail.found_inbox"),
    ("silent", "greeting", "imap.unreachable"),
    ("close", "greeting", "imap.unreachable"),
    ("garbage", "greeting", "imap.unreachable"),
    ("drip", "greeting", "imap.unreachable"),
    ("bye", "LIST", "imap.unreachable"),
    ("no", "LIST", "imap.server_error"),
    ("no", "AUTHENTICATE", "imap.login_failed"),
    ("endless_untagged", "LIST", "imap.unreachable"),
    ("drip", "SEARCH", "imap.unreachable"),
    ("silent", "FETCH", "imap.unreachable"),
    ("huge_literal", "FETCH", "imap.unreachable"),
    ("cut_literal", "FETCH", "imap.unreachable"),
    ("garbage", "FETCH", "imap.unreachable"),
    ("no", "EXAMINE", "mail.search_incomplete"),  # a folder left out: never "not found"
    ("malformed", "FETCH", "imap.server_error"),
])
def test_hostile_server(fault: str, at: str, code: str) -> None:
    from tests.servers import hostile_imap as hostile

    garbage = (b'* 1 FETCH (UID one INTERNALDATE "ayer" RFC822.SIZE -5 BODY[] NIL)\r\n'
               b"TAG OK done\r\n")
    script = hostile.Script(hostile.Fault(fault), at, garbage=garbage)
    with hostile.HostileIMAP(script) as server:
        report = find_reset_mail(hostile.USER, Credentials(password=hostile.PASSWORD),
                                 MailboxOptions(imap_host=hostile.HOST, imap_port=server.port,
                                                allow_plaintext=True, timeout=1.0))
    assert code in report.codes(), report.codes()
    if fault in ("silent", "drip"):  # ended by our deadline, not by the server
        cut = report.find("imap.unreachable")
        assert cut is not None and cut.details["cause"] in DEADLINE_CAUSES, cut
    if code == "mail.found_inbox":
        assert "imap.plaintext" in report.codes()  # said plainly: this session was not encrypted
    else:
        assert report.verdict in (Verdict.INCONCLUSIVE, Verdict.PROBLEM)
        assert "mail.not_found" not in report.codes()


def test_a_check_email_report_spares_a_second_dns_lookup(dns_server: FixtureDNSServer) -> None:
    from diag.deliverability.check import assess_email

    checked = assess_email("ana@hotmail.com", nameservers=[dns_server.nameserver])
    dns_server.reset_log()
    asked: list[str] = []

    def refuse(endpoint: Endpoint) -> None:  # a loopback-only test: never dial the real host
        asked.append(endpoint.host)
        raise ConnectionRefusedError

    report = find_reset_mail("ana@hotmail.com", Credentials(password="p"), MailboxOptions(),
                             nameservers=[dns_server.nameserver], connect=refuse,
                             domain=checked.domain)
    assert dns_server.queries == []
    assert asked == ["outlook.office365.com"]
    assert "imap.unreachable" in report.codes()


def test_the_server_that_delivered_the_mail_is_looked_up() -> None:
    """A genuine mail Gmail received from a listed server: find-reset-mail names the server and
    its listing, asked of the loopback DNS world only (issue 14); a forged hop below is not."""
    from tests.fixtures.sender_zones import LISTED_IP, SENDER_FAULTS, SENDER_ZONE
    from tests.truth import sending_ip

    require_dovecot()
    user = "origen@andinanet.net"
    server = PrivateDovecot()
    server.add_user(user, PASSWORD)
    hops = sending_ip.received(sending_ip.GMAIL_TOP,
                               sending_ip.gmail_edge(f"(mail.iess.gob.ec. [{LISTED_IP}])"),
                               sending_ip.gmail_edge("(x.example [186.46.193.26])", "x.example"))
    raw = sending_ip.mail(hops).replace(
        b"Date: Tue, 01 Dec 2026 06:00:00 +0000",
        f"Date: {mf.format_datetime(datetime.now(UTC))}".encode())
    with server, FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as world:
        server.deliver(user, "INBOX", raw)
        report = find_reset_mail(user, Credentials(password=PASSWORD), options_for(server),
                                 nameservers=[world.nameserver], dns_timeout=ANSWERS)
        assert world.count("26.193.46.186.zen.spamhaus.org", "A") == 0
    assert report.find("mail.found_inbox") is not None, report.codes()
    found = report.find("origin.server")
    assert found is not None and found.details["address"] == LISTED_IP
    assert found.details["folder"] == "INBOX"
    listed = report.find("blocklist.listed")
    assert listed is not None and listed.details["address"] == LISTED_IP
    assert report.verdict is Verdict.PROBLEM


def test_a_stop_event_ends_the_wait_as_ctrl_c_does(imapd: PrivateDovecot) -> None:
    """The web page's "Cancelar la espera": another thread sets the event, inside IDLE."""
    user = address("interrupt")
    before = snapshot(imapd, user)
    stop = threading.Event()
    seen: list[WaitTick] = []

    def progress(tick: WaitTick) -> None:
        seen.append(tick)
        if len(seen) == 2:  # the wait is under way, in IDLE: the agent presses the button
            threading.Thread(target=stop.set).start()

    report = find_reset_mail(user, Credentials(password=PASSWORD), options_for(
        imapd, wait=timedelta(minutes=30), stop_wait=stop), progress=progress)
    waited = report.find("mail.waited")
    assert waited is not None and waited.details["interrupted"] is True
    assert "mail.not_found" in report.codes()
    assert snapshot(imapd, user) == before
