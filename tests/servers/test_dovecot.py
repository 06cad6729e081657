"""Self-tests of the private Dovecot harness (tests/servers/dovecot.py) using plain imapclient."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.fixtures import messages as mailfixtures
from tests.servers import dovecot_setup as harness
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import (
    ANA,
    JOSE,
    MARIA,
    MARIA_TOKEN,
    OTHER_HOSTNAME,
    Delivery,
    require_dovecot,
)

pytestmark = pytest.mark.timeout(60)

BULK_USER = "masivo@hotmail.com"
ECUADOR = timezone(timedelta(hours=-5))


@pytest.fixture(scope="module")
def server() -> Iterator[PrivateDovecot]:
    require_dovecot()
    dovecot = PrivateDovecot()
    dovecot.add_user(BULK_USER, "Masivo-2024")
    started = time.monotonic()
    with dovecot:
        print(f"\nDovecot ready in {time.monotonic() - started:.2f}s on {dovecot.host}")
        yield dovecot


def test_implicit_tls_login_with_ca_file(server: PrivateDovecot) -> None:
    context = ssl.create_default_context(cafile=str(server.ca_file))
    with IMAPClient(server.host, server.imaps_port, ssl_context=context, timeout=5) as client:
        client.login(ANA.name, ANA.password)
        assert b"QUOTA" in client.capabilities()
        assert b"CONDSTORE" in client.capabilities()


def test_localhost_name_matches_the_certificate(server: PrivateDovecot) -> None:
    context = ssl.create_default_context(cafile=str(server.ca_file))
    with IMAPClient("localhost", server.imaps_port, ssl_context=context, timeout=5) as client:
        client.plain_login(JOSE.name, JOSE.password)


def test_certificate_is_not_trusted_without_ca_file(server: PrivateDovecot) -> None:
    context = ssl.create_default_context(cafile=None)
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(server.host, server.imaps_port, ssl_context=context, timeout=5)


def test_starttls_on_plain_port_is_required_for_login(server: PrivateDovecot) -> None:
    client = server.connect(tls=False)
    assert b"STARTTLS" in client.capabilities()
    assert b"LOGINDISABLED" in client.capabilities()
    with pytest.raises(LoginError):
        client.login(ANA.name, ANA.password)
    client.starttls(server.ssl_context())
    client.login(ANA.name, ANA.password)
    client.logout()


def test_plaintext_auth_can_be_allowed() -> None:
    require_dovecot()
    with PrivateDovecot(allow_plaintext_auth=True) as dovecot:
        client = dovecot.connect(tls=False)
        assert b"LOGINDISABLED" not in client.capabilities()
        client.login(ANA.name, ANA.password)
        client.logout()


def test_certificate_for_another_host_fails_hostname_check() -> None:
    require_dovecot()
    with PrivateDovecot(cert_hostname=OTHER_HOSTNAME) as dovecot:
        with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
            IMAPClient(dovecot.host, dovecot.imaps_port, ssl_context=dovecot.ssl_context())
        # Same CA, so only the name is wrong.
        dovecot.connect().logout()


def test_utf8_password_with_plain_login(server: PrivateDovecot) -> None:
    client = server.connect()
    client.plain_login(JOSE.name, JOSE.password)
    client.logout()


def test_wrong_password_fails_fast(server: PrivateDovecot) -> None:
    for _ in range(3):  # repeated failures must not grow an anvil penalty
        client = server.connect()
        started = time.monotonic()
        with pytest.raises(LoginError):
            client.login(ANA.name, "clave-incorrecta")
        # anvil's penalty starts at 2 s and doubles; a loaded machine alone never costs that.
        assert time.monotonic() - started < 2.0
        client.logout()


def test_special_use_folders_listed(server: PrivateDovecot) -> None:
    with server.login(ANA.name) as client:
        flags = {name: set(attrs) for attrs, _sep, name in client.list_folders()}
        client.folder_encode = False
        wire_names = {name for _attrs, _sep, name in client.list_folders()}
    assert b"\\Junk" in flags["Junk"]
    assert b"\\Trash" in flags["Trash"]
    assert b"\\Archive" in flags["Archive"]
    assert b"\\Sent" in flags["Sent"]
    assert flags["Correo no deseado"] == {b"\\HasNoChildren"}
    assert "Promociones" in flags
    assert "Trámites/IESS" in flags
    assert b"Tr&AOE-mites/IESS" in wire_names


def test_quota_root_reports_usage_and_limit(server: PrivateDovecot) -> None:
    big = mailfixtures.iess_reset_mail(ANA.name) + b"x" * 300_000 + b"\n"
    server.deliver(ANA.name, "Archive", big)
    with server.login(ANA.name) as client:
        _roots, quotas = client.get_quota_root("INBOX")
    assert quotas[0].resource == "STORAGE"
    assert quotas[0].limit == ANA.quota_kib
    assert quotas[0].usage >= 290


def test_deliver_sets_internaldate_and_flags(server: PrivateDovecot) -> None:
    arrived = datetime(2024, 5, 3, 14, 30, 15, tzinfo=ECUADOR)
    raw = mailfixtures.iess_reset_mail(JOSE.name, sent_at=arrived - timedelta(minutes=40))
    server.deliver(JOSE.name, "Correo no deseado", raw, internaldate=arrived, flags=["\\Seen"])
    with server.login(JOSE.name) as client:
        client.select_folder("Correo no deseado", readonly=True)
        [uid] = client.search(["ALL"])
        data = client.fetch([uid], ["INTERNALDATE", "FLAGS", "RFC822.SIZE"])[uid]
        body = client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
    assert data[b"INTERNALDATE"].astimezone(UTC) == arrived.astimezone(UTC)
    assert set(data[b"FLAGS"]) == {b"\\Seen", b"\\Recent"}  # EXAMINE leaves \Recent alone
    assert data[b"RFC822.SIZE"] == len(raw.replace(b"\n", b"\r\n"))
    assert body == raw.replace(b"\n", b"\r\n")


def test_snapshot_unchanged_by_read_only_session(server: PrivateDovecot) -> None:
    for raw in mailfixtures.lookalike_mails(ANA.name):
        server.deliver(ANA.name, "Junk", raw)
    server.deliver(ANA.name, "INBOX", mailfixtures.junk_verdict_iess_mail(ANA.name))
    before = server.snapshot(ANA.name)
    with server.login(ANA.name) as client:
        for folder in ("INBOX", "Junk"):
            client.select_folder(folder, readonly=True)
            client.fetch(client.search(["FROM", "iess"]), ["BODY.PEEK[]", "ENVELOPE"])
    assert server.snapshot(ANA.name) == before
    assert before["Junk"].exists == 3
    assert before["INBOX"].highestmodseq > 0
    with server.login(ANA.name) as client:
        client.select_folder("Junk")
        client.fetch(client.search(["ALL"]), ["BODY[]"])  # not PEEK: sets \Seen
    assert server.snapshot(ANA.name) != before


def test_idle_wakes_up_on_append(server: PrivateDovecot) -> None:
    with server.login(MARIA.name) as client:
        client.select_folder("Promociones", readonly=True)
        client.idle()
        uid = server.append_via_imap(
            MARIA.name, "Promociones", mailfixtures.iess_reset_mail(MARIA.name)
        )
        responses = client.idle_check(timeout=5)
        client.idle_done()
    assert (1, b"EXISTS") in responses
    assert uid == 1


def test_xoauth2_and_oauthbearer(server: PrivateDovecot) -> None:
    client = server.connect()
    client.oauth2_login(MARIA.name, MARIA_TOKEN)
    client.logout()
    client = server.connect()
    client.oauthbearer_login(MARIA.name, MARIA_TOKEN)
    client.logout()
    assert MARIA_TOKEN in server.token_server.requests


@pytest.mark.parametrize(
    ("user", "token"), [(MARIA.name, "ya29.token-falso"), (ANA.name, MARIA_TOKEN)]
)
def test_xoauth2_rejects_bad_or_foreign_token(
    server: PrivateDovecot, user: str, token: str
) -> None:
    client = server.connect()
    with pytest.raises(LoginError):
        client.oauth2_login(user, token)
    client.logout()


def test_bulk_delivery_of_5000_messages_keeps_each_and_its_date(server: PrivateDovecot) -> None:
    mails = mailfixtures.filler_mails(BULK_USER, 5000)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    deliveries = [Delivery(raw, start + timedelta(minutes=i)) for i, raw in enumerate(mails)]
    started = time.monotonic()
    server.deliver_many(BULK_USER, "INBOX", deliveries)
    delivered = time.monotonic() - started
    server.warm_index(BULK_USER, "INBOX")
    indexed = time.monotonic() - started - delivered
    with server.login(BULK_USER) as client:
        info = client.select_folder("INBOX", readonly=True)
        last = client.fetch([5000], ["INTERNALDATE", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])[5000]
    print(f"\n5000 messages: deliver {delivered:.2f}s, index {indexed:.2f}s")
    assert info[b"EXISTS"] == 5000
    assert b"Aviso 0004999" in last[b"BODY[HEADER.FIELDS (SUBJECT)]"]
    assert last[b"INTERNALDATE"].astimezone(UTC) == start + timedelta(minutes=4999)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_missing_dovecot_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(harness, "dovecot_unavailable_reason", lambda: "no dovecot here")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no dovecot here"):
        require_dovecot()
