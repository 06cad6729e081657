"""examples/diagnose_case.py, the library's whole-case call, run as a person would run it:
against the loopback DNS server and a private Dovecot, the password in the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import diag
from tests.fixtures import messages as mf
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import MailUser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "diagnose_case.py"
ADDRESS = "paola@andinanet.net"


def test_the_example_searches_the_mailbox_from_a_script(
        dovecot_factory: Callable[..., PrivateDovecot], dns_server: FixtureDNSServer) -> None:
    dovecot = dovecot_factory(users=[MailUser(ADDRESS, "Clave-Paola-1")])
    dovecot.deliver(ADDRESS, "Junk", mf.iess_reset_mail(ADDRESS))
    env = {**os.environ, "IESS_DIAG_IMAP_PASSWORD": "Clave-Paola-1"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), ADDRESS, "--cedula", "1714307103",
         "--imap-host", dovecot.host, "--imap-port", str(dovecot.imaps_port),
         "--ca-file", str(dovecot.ca_file), "--nameserver", dns_server.nameserver],
        capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "  find-reset-mail: warning" in lines and "    [warn   ] mail.found_spam" in lines
    assert "  check-id: ok" in lines
    # The plan, in Spanish; without the receiver's DMARC pass, it does not say "mark it safe".
    assert any("abra ahora el correo en la carpeta «Junk»" in line for line in lines)
    assert "Clave-Paola-1" not in done.stdout + done.stderr


def test_without_credentials_the_library_says_the_mailbox_was_not_searched(
        dns_server: FixtureDNSServer) -> None:
    report = diag.diagnose(ADDRESS, nameservers=[dns_server.nameserver])
    assert report.sections[1].codes() == ["mailbox.not_checked"]


def test_credentials_are_asked_for_only_once_the_server_is_known(
        dns_server: FixtureDNSServer) -> None:
    asked: list[str] = []

    def credentials(address: str) -> diag.Credentials:
        asked.append(address)
        return diag.Credentials(password="x")

    # sinmail.com.ec refuses all mail (null MX): nothing to sign in to, so nobody is asked.
    diag.diagnose("ana@sinmail.com.ec", credentials=credentials,
                  nameservers=[dns_server.nameserver])
    assert asked == []
