"""The IMAP session: folder roles, search criteria, error translation, sign-in, LIST-STATUS,
STARTTLS/plaintext policy and secrets kept out of imapclient's debug log."""

from __future__ import annotations

import base64
import logging
import socket
import ssl
from datetime import date, timedelta
from typing import Any

import pytest

from diag.mailbox.failures import SessionFailed, translate
from diag.mailbox.folders import Role, classify
from diag.mailbox.options import Endpoint, MailboxOptions, Security
from diag.mailbox.search import gmail_place, gmail_query, plan, search_terms
from diag.mailbox.session import criteria, open_session
from diag.message.model import SenderRules
from tests.fixtures.mailboxes import ENE_PASSWORD, imapd
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import MARIA, MARIA_TOKEN
from tests.servers.fake_imap import bare_imap_server

__all__ = ["imapd"]
pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(("name", "attrs", "role"), [
    ("INBOX", (), Role.INBOX),
    ("Inbox", ("\\HasNoChildren",), Role.INBOX),
    ("Whatever", ("\\Junk",), Role.JUNK),
    ("[Gmail]/Spam", ("\\Junk",), Role.JUNK),
    ("[Gmail]/Todos", ("\\All",), Role.ALL),
    ("[Gmail]/Todos", (), Role.ALL),
    ("[Gmail]/Importantes", (), Role.SKIP),
    # Without Gmail's prefix these are the person's own folders: search them.
    ("Importantes", (), Role.OTHER),
    ("INBOX/Importantes", (), Role.OTHER),
    ("Todos", (), Role.OTHER),
    ("[Google Mail]/Papelera", (), Role.TRASH),
    ("[Gmail]/Enviados", ("\\Sent",), Role.SKIP),
    ("[Gmail]", ("\\Noselect", "\\HasChildren"), Role.SKIP),
    ("Junk Email", (), Role.JUNK),
    ("Junk E-mail", (), Role.JUNK),
    ("CORREO NO DESEADO", (), Role.JUNK),
    ("Correo basura", (), Role.JUNK),
    ("Bulk Mail", (), Role.JUNK),
    ("Bulk", (), Role.JUNK),
    ("INBOX.Spam", (), Role.JUNK),
    ("Promociones", (), Role.PROMOTIONS),
    ("Promotions", (), Role.PROMOTIONS),
    ("Deleted Items", (), Role.TRASH),
    ("Elementos eliminados", (), Role.TRASH),
    ("Papelera", (), Role.TRASH),
    ("Archivo", (), Role.ARCHIVE),
    ("Archive", ("\\Archive",), Role.ARCHIVE),
    ("Borradores", (), Role.SKIP),
    ("Sent Items", (), Role.SKIP),
    ("Calendario/Festivos", (), Role.SKIP),
    ("Trámites/IESS", (), Role.OTHER),
    ("Clientes", (), Role.OTHER),
])
def test_classify(name: str, attrs: tuple[str, ...], role: Role) -> None:
    delimiter = "." if name.startswith("INBOX.") else "/"
    assert classify(name, attrs, delimiter) is role


def test_plan_puts_the_likely_folders_first() -> None:
    from diag.mailbox.options import Folder

    folders = [Folder("Zeta", Role.OTHER), Folder("Trash", Role.TRASH),
               Folder("Sent", Role.SKIP), Folder("INBOX", Role.INBOX),
               Folder("Junk", Role.JUNK), Folder("Alfa", Role.OTHER),
               Folder("Promociones", Role.PROMOTIONS), Folder("Archive", Role.ARCHIVE),
               Folder("[Gmail]/Todos", Role.ALL)]
    chosen, capped = plan(folders, max_other=1)
    assert [f.name for f in chosen] == ["INBOX", "Junk", "Promociones", "Trash", "Archive", "Alfa"]
    assert [f.name for f in capped] == ["Zeta"]  # named as left out, never silently dropped


def test_search_terms_are_ascii_fragments() -> None:
    terms = search_terms(SenderRules())
    assert ("FROM", "iess.gob.ec") in terms and ("FROM", "iess") in terms
    subjects = [text for key, text in terms if key == "SUBJECT"]
    assert all(s.isascii() for s in subjects)
    assert {"iess", "clave", "contras", "recuper"} <= set(subjects)
    assert len(subjects) <= 12


def test_criteria_prefix_or_without_parentheses() -> None:
    query = criteria([("FROM", "iess"), ("SUBJECT", "clave"), ("SUBJECT", "recuper")],
                     date(2026, 11, 18), uid_from=7)
    assert query == ["UID", "7:*", "SINCE", date(2026, 11, 18), "OR", "FROM", "iess", "OR",
                     "SUBJECT", "clave", "SUBJECT", "recuper"]


def test_gmail_query_and_places() -> None:
    query = gmail_query(SenderRules(), timedelta(days=7))
    assert query.startswith("in:anywhere newer_than:8d (iess OR from:iess.gob.ec OR subject:(")
    assert gmail_place(("\\Inbox",), True, "[Gmail]/Todos") == ("category:promotions",
                                                               Role.PROMOTIONS)
    assert gmail_place(("\\Inbox", "\\Important"), False, "x") == ("INBOX", Role.INBOX)
    assert gmail_place(("IESS",), False, "x") == ("IESS", Role.OTHER)
    assert gmail_place((), False, "[Gmail]/Todos") == ("[Gmail]/Todos", Role.ARCHIVE)


def test_options_pick_port_and_security() -> None:
    assert (MailboxOptions().port, MailboxOptions().security) == (993, Security.TLS)
    assert MailboxOptions(starttls=True).port == 143
    assert MailboxOptions(allow_plaintext=True).security is Security.PLAIN
    assert MailboxOptions(starttls=True, imap_port=1143).port == 1143


_ENDPOINT = Endpoint("imap.example.ec", 993, Security.TLS, None, 7.0)


@pytest.mark.parametrize(("error", "code", "cause"), [
    (TimeoutError("timed out"), "imap.unreachable", "timeout"),
    (ConnectionRefusedError(111, "refused"), "imap.unreachable", "refused"),
    (socket.gaierror(-2, "Name or service not known"), "imap.unreachable", "dns"),
    (OSError(101, "Network is unreachable"), "imap.unreachable", "network"),
    (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), "imap.tls_failed",
     "handshake"),
    (EOFError(), "imap.unreachable", "protocol"),
])
def test_translate(error: BaseException, code: str, cause: str) -> None:
    failure = translate(error, _ENDPOINT)
    assert (failure.code, failure.details["cause"]) == (code, cause)
    assert failure.reason.es and failure.reason.en


def test_timeout_reason_names_the_limit() -> None:
    assert "7 s" in translate(TimeoutError(), _ENDPOINT).reason.en


# -- against the private Dovecot ---------------------------------------------------------


def _endpoint(server: PrivateDovecot, security: Security = Security.TLS,
              ca: bool = True) -> Endpoint:
    port = server.imaps_port if security is Security.TLS else server.imap_port
    return Endpoint(server.host, port, security, str(server.ca_file) if ca else None, 5.0)


def test_list_status_gives_counts_and_roles(imapd: PrivateDovecot) -> None:
    session = open_session(_endpoint(imapd))
    try:
        session.login_password("inbox@andinanet.net", "Clave-Prueba-2024")
        before = session.command_count
        folders = {f.name: f for f in session.folders()}
        assert session.command_count == before + 1  # one LIST answers roles and counts
    finally:
        session.close()
    assert folders["INBOX"].messages == 4 and folders["Trash"].messages == 0
    assert folders["Correo no deseado"].role is Role.JUNK
    assert folders["Trámites/IESS"].role is Role.OTHER
    assert folders["Sent"].role is Role.SKIP


def test_starttls_then_plain_login(imapd: PrivateDovecot) -> None:
    session = open_session(_endpoint(imapd, Security.STARTTLS))
    try:
        session.login_password("ene@andinanet.net", ENE_PASSWORD)
        assert not session.plaintext
        assert session.quota() is None  # this user has no quota rule
    finally:
        session.close()


def test_no_starttls_offered_means_tls_failed_and_nothing_sent() -> None:
    with bare_imap_server("u", "p") as (host, port, received):
        with pytest.raises(SessionFailed) as failed:
            open_session(Endpoint(host, port, Security.STARTTLS, None, 5.0))
        assert failed.value.code == "imap.tls_failed"
        assert not any(b"AUTHENTICATE" in line for line in received)


def test_plaintext_only_when_allowed() -> None:
    with bare_imap_server("u", "pässword") as (host, port, _received):
        session = open_session(Endpoint(host, port, Security.PLAIN, None, 5.0))
        try:
            session.login_password("u", "pässword")
            assert session.plaintext
        finally:
            session.close()


def test_imapclient_debug_log_never_holds_the_secret(imapd: PrivateDovecot,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    secrets = [ENE_PASSWORD, MARIA_TOKEN]
    encoded = [base64.b64encode(f"\0ene@andinanet.net\0{ENE_PASSWORD}".encode()).decode(),
               base64.b64encode(f"user={MARIA.name}\1auth=Bearer {MARIA_TOKEN}\1\1".encode())
               .decode()]
    with caplog.at_level(logging.DEBUG):
        for user, secret, oauth in (("ene@andinanet.net", ENE_PASSWORD, False),
                                    (MARIA.name, MARIA_TOKEN, True),
                                    (MARIA.name, "ya29.invalid-token-xyz", True)):
            session = open_session(_endpoint(imapd))
            try:
                if oauth:
                    session.login_oauth2(user, secret)
                else:
                    session.login_password(user, secret)
            except SessionFailed as failure:
                assert "invalid-token" not in str(failure.details) + failure.reason.en
            finally:
                session.close()
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "AUTHENTICATE" in log  # imapclient did log the command line, redacted
    for text in [*secrets, *encoded, "invalid-token-xyz"]:
        assert text not in log


@pytest.mark.parametrize("ca", [True, False])
def test_certificate_checked_against_the_given_ca(imapd: PrivateDovecot, ca: bool) -> None:
    if ca:
        open_session(_endpoint(imapd, ca=True)).close()
        return
    with pytest.raises(SessionFailed) as failed:
        open_session(_endpoint(imapd, ca=False))
    assert failed.value.code == "imap.tls_failed"
    assert "--ca-file" in failed.value.reason.en


def test_idle_reports_new_mail(imapd: PrivateDovecot) -> None:
    import threading

    from tests.fixtures import messages as mf

    user = "ene@andinanet.net"
    session = open_session(_endpoint(imapd))
    try:
        session.login_password(user, ENE_PASSWORD)
        session.examine("INBOX")
        assert session.idle(0.5) is False
        timer = threading.Timer(0.5, lambda: imapd.append_via_imap(
            user, "INBOX", mf.iess_reset_mail(user)))
        timer.start()
        ticks: list[Any] = []
        # True: the new mail ended the wait (the 20 s limit would return False).
        assert session.idle(20, lambda: ticks.append(1)) is True
        assert ticks
        timer.join()
    finally:
        session.close()
