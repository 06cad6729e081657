"""Pytest fixtures for the mailbox tests: one private Dovecot per test module with a user per
scenario (mailboxes never shared between tests), and MailboxOptions pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from diag.mailbox import MailboxOptions
from tests import mailfixtures as mf
from tests.dovecot import Delivery, PrivateDovecot, Snapshot, require_dovecot

NOW = datetime.now(UTC)
# Scenario users: an Ecuadorian ISP domain is an "other" provider that accepts plain passwords.
PASSWORD = "Clave-Prueba-2024"
ENE_PASSWORD = "contraseña-Ñandú-ü"
SCENARIOS = ("inbox", "junk", "nojunkattr", "promo", "trash", "filtered", "none", "expired",
             "lookalike", "encoded", "bulk", "full", "nearly", "wait", "waitjunk", "interrupt",
             "cli", "clijson", "secret", "plain")
# Quota limits in KiB; the mail delivered below decides how full each one is.
QUOTAS = {"full": 4, "nearly": 20}


def address(scenario: str) -> str:
    return f"{scenario}@andinanet.net"


def _fill(server: PrivateDovecot) -> None:
    to = address
    server.deliver(to("inbox"), "INBOX", mf.iess_reset_mail(to("inbox")))
    for message in mf.newsletters(to("inbox"), 3):
        server.deliver(to("inbox"), "INBOX", message)
    server.deliver(to("junk"), "Junk", mf.junk_verdict_iess_mail(to("junk")))
    server.deliver(to("nojunkattr"), "Correo no deseado", mf.iess_reset_mail(to("nojunkattr")))
    server.deliver(to("promo"), "Promociones", mf.iess_reset_mail(to("promo")))
    server.deliver(to("trash"), "Trash", mf.iess_reset_mail(to("trash")), flags=("\\Seen",))
    server.deliver(to("filtered"), "Trámites/IESS", mf.iess_reset_mail(to("filtered")))
    for message in mf.newsletters(to("none"), 4):
        server.deliver(to("none"), "INBOX", message)
    old = NOW - timedelta(hours=3)
    server.deliver(to("expired"), "INBOX", mf.iess_reset_mail(to("expired"), sent_at=old),
                   internaldate=old)
    for message in mf.lookalike_mails(to("lookalike")):
        server.deliver(to("lookalike"), "Junk", message)
    server.deliver(to("encoded"), "INBOX", mf.build_message(
        sender="=?utf-8?q?Instituto_Ecuatoriano_de_Seguridad_Social?= <noreply@iess.gob.ec>",
        to=to("encoded"), subject="Generación de contraseña – IESS",
        html='<a href="https://www.iess.gob.ec/clave?t=X1">Continuar</a>',
        text="Clic para continuar: https://www.iess.gob.ec/clave?t=X1"))
    server.deliver_many(to("bulk"), "INBOX",
                        [Delivery(m) for m in mf.filler_mails(to("bulk"), 3000)])
    server.deliver(to("bulk"), "INBOX", mf.iess_reset_mail(to("bulk")))
    server.deliver(to("full"), "INBOX", mf.newsletter(to("full"), "A <a@b.ec>", "x" * 10)
                   + b"y" * 6000)
    server.deliver(to("nearly"), "INBOX", mf.newsletter(to("nearly"), "A <a@b.ec>", "x")
                   + b"y" * 17_500)
    server.deliver(to("cli"), "INBOX", mf.iess_reset_mail(to("cli")))
    server.deliver(to("secret"), "INBOX", mf.iess_reset_mail(to("secret")))
    for name in ("bulk",):
        server.warm_index(to(name))


@pytest.fixture(scope="module")
def imapd() -> Iterator[PrivateDovecot]:
    require_dovecot()
    server = PrivateDovecot()
    for scenario in SCENARIOS:
        server.add_user(address(scenario), PASSWORD, QUOTAS.get(scenario))
    server.add_user("ene@andinanet.net", ENE_PASSWORD)
    with server:
        _fill(server)
        yield server


def options_for(server: PrivateDovecot, **changes: object) -> MailboxOptions:
    base = MailboxOptions(imap_host=server.host, imap_port=server.imaps_port,
                          ca_file=str(server.ca_file), timeout=10.0)
    return replace(base, **changes)  # type: ignore[arg-type]


def snapshot(server: PrivateDovecot, user: str) -> Snapshot:
    password = server.password(user)
    return server.snapshot(user, password)
