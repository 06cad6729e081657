"""Every mailbox-touching command leaves the mailbox exactly as it was: per folder (CONDSTORE)
HIGHESTMODSEQ, UIDVALIDITY, UIDNEXT, message count and every message's flags, \\Recent included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from tests.fixtures import messages as mf
from tests.fixtures.cli import invoke
from tests.fixtures.zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import Snapshot, require_dovecot

pytestmark = pytest.mark.timeout(120)

ANA = "ana@andinanet.net"  # an ISP domain: a provider that takes plain passwords
ANA_PASSWORD = "Clave-Inmutable-2024"
ENE = "nene@andinanet.net"
ENE_PASSWORD = "contraseña-Ñandú-ü"  # non-ASCII: AUTHENTICATE PLAIN path
CONTROL = "control@andinanet.net"  # changed on purpose, to prove the snapshot notices
NOW = datetime.now(UTC)
IESS_DIAG = Path(sys.executable).with_name("iess-diag")


def _fill(server: PrivateDovecot, user: str) -> None:
    """Mail in many folders with many flag combinations, all with \\Recent still set."""
    old = NOW - timedelta(hours=5)
    server.deliver(user, "INBOX", mf.iess_reset_mail(user))
    server.deliver(user, "INBOX", mf.iess_reset_mail(user, sent_at=old), internaldate=old,
                   flags=("\\Seen",))
    for i, message in enumerate(mf.newsletters(user, 4)):
        server.deliver(user, "INBOX", message, flags=(("\\Seen", "\\Flagged"), ())[i % 2])
    server.deliver(user, "Junk", mf.junk_verdict_iess_mail(user))
    for message in mf.lookalike_mails(user):
        server.deliver(user, "Junk", message, flags=("\\Answered",))
    server.deliver(user, "Promociones", mf.iess_reset_mail(user), flags=("\\Draft",))
    server.deliver(user, "Trash", mf.iess_reset_mail(user), flags=("\\Seen", "\\Deleted"))
    server.deliver(user, "Trámites/IESS", mf.iess_reset_mail(user), flags=("\\Flagged",))
    server.deliver(user, "Archive", mf.iess_reset_mail(user, sent_at=old), internaldate=old)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[PrivateDovecot]:
    require_dovecot()
    server = PrivateDovecot(users=())
    server.add_user(ANA, ANA_PASSWORD)
    server.add_user(ENE, ENE_PASSWORD)
    server.add_user(CONTROL, ANA_PASSWORD)
    with server:
        for user in (ANA, ENE, CONTROL):
            _fill(server, user)
            for folder in ("INBOX", "Junk", "Promociones", "Trash", "Trámites/IESS", "Archive"):
                server.warm_index(user, folder)
        yield server


@pytest.fixture(scope="module")
def dns() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as server:
        yield server


def _stable_snapshot(server: PrivateDovecot, user: str, password: str) -> Snapshot:
    """A snapshot, proved neutral: taking it twice gives the same result."""
    first = server.snapshot(user, password)
    assert server.snapshot(user, password) == first, "the snapshot itself changed the mailbox"
    return first


def _mailbox_args(server: PrivateDovecot, *, starttls: bool = False) -> list[str]:
    port = server.imap_port if starttls else server.imaps_port
    args = ["--imap-host", server.host, "--imap-port", str(port), "--ca-file",
            str(server.ca_file), "--since", "30d", "--timeout", "10"]
    return [*args, "--starttls"] if starttls else args


def _env(password: str, **extra: str) -> dict[str, str]:
    return {"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": password, **extra}


def _commands(server: PrivateDovecot, dns: FixtureDNSServer, user: str, tmp: Path
              ) -> dict[str, list[str]]:
    box = _mailbox_args(server)
    return {
        "find_json": ["find-reset-mail", user, *box, "-f", "json"],
        "find_table_es": ["find-reset-mail", user, *box, "-f", "table", "--lang", "es"],
        "find_starttls": ["find-reset-mail", user, *_mailbox_args(server, starttls=True),
                          "-f", "json"],
        "find_debug": ["find-reset-mail", user, *box, "-f", "json", "--debug"],
        "find_wait_nothing_new": ["find-reset-mail", user, *box, "-f", "json", "--wait", "3s",
                                  "--poll", "1"],
        "diagnose_json": ["diagnose", user, *box, "--user", user, "--nameserver",
                          dns.nameserver, "-f", "json", "--cedula", "1710034065"],
        "diagnose_html_file": ["diagnose", user, *box, "--user", user, "--nameserver",
                               dns.nameserver, "-o", str(tmp / "caso.html")],
        "diagnose_markdown_redacted": ["diagnose", user, *box, "--user", user, "--nameserver",
                                       dns.nameserver, "-f", "markdown", "--redact"],
    }


COMMANDS = ["find_json", "find_table_es", "find_starttls", "find_debug", "find_wait_nothing_new",
            "diagnose_json", "diagnose_html_file", "diagnose_markdown_redacted"]


@pytest.mark.parametrize("user,password", [(ANA, ANA_PASSWORD), (ENE, ENE_PASSWORD)],
                         ids=["ascii_password", "non_ascii_password"])
@pytest.mark.parametrize("command", COMMANDS)
def test_command_changes_nothing(dovecot: PrivateDovecot, dns: FixtureDNSServer,
                                 tmp_path: Path, command: str, user: str,
                                 password: str) -> None:
    before = _stable_snapshot(dovecot, user, password)
    argv = _commands(dovecot, dns, user, tmp_path)[command]
    out = invoke(argv, environ=_env(password))
    assert out.code in (0, 1), out.stderr  # the mail is there; never "could not check"
    assert "Traceback" not in out.stderr
    assert dovecot.snapshot(user, password) == before
    if command.endswith("json"):
        codes = [f["code"] for f in json.loads(out.stdout)["findings"]]
        assert any(c.startswith("mail.found") for c in codes), codes


def test_wait_that_sees_new_mail_changes_nothing_else(dovecot: PrivateDovecot) -> None:
    """--wait as a real process while a new recovery mail arrives: afterwards the only change
    in the mailbox is that APPEND (its MODSEQ is the folder's HIGHESTMODSEQ, no \\Seen)."""
    before = _stable_snapshot(dovecot, ANA, ANA_PASSWORD)
    proc = subprocess.Popen(
        [str(IESS_DIAG), "find-reset-mail", ANA, *_mailbox_args(dovecot), "-f", "json",
         "--wait", "30s", "--poll", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **_env(ANA_PASSWORD)})
    time.sleep(2.0)  # let it search and start waiting; the outcome does not depend on it
    new_uid = dovecot.append_via_imap(ANA, "INBOX", mf.iess_reset_mail(ANA, token="NUEVO42"))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 1), err
    assert "NUEVO42" not in out + err
    after = dovecot.snapshot(ANA, ANA_PASSWORD)
    assert {k: v for k, v in after.items() if k != "INBOX"} == \
        {k: v for k, v in before.items() if k != "INBOX"}
    inbox_before, inbox_after = before["INBOX"], after["INBOX"]
    assert inbox_after.exists == inbox_before.exists + 1
    assert inbox_after.uidvalidity == inbox_before.uidvalidity
    assert {u: f for u, f in inbox_after.flags.items() if u != new_uid} == inbox_before.flags
    assert "\\Seen" not in inbox_after.flags[new_uid]
    assert inbox_after.highestmodseq == _modseq(dovecot, ANA, ANA_PASSWORD, new_uid)
    # Clean up for the other tests: the appended message stays, which they tolerate.


def _modseq(server: PrivateDovecot, user: str, password: str, uid: int) -> int:
    client = server.login(user, password)
    try:
        client.enable("CONDSTORE")
        client.select_folder("INBOX", readonly=True)
        fetched = cast(dict[int, dict[bytes, Any]], client.fetch([uid], ["MODSEQ"]))
        return int(fetched[uid][b"MODSEQ"][0])
    finally:
        client.logout()


def test_failed_sign_in_changes_nothing(dovecot: PrivateDovecot) -> None:
    before = _stable_snapshot(dovecot, ANA, ANA_PASSWORD)
    out = invoke(["find-reset-mail", ANA, *_mailbox_args(dovecot), "-f", "json"],
                 environ=_env("not-the-password"))
    assert out.code == 3
    assert "imap.login_failed" in out.stdout
    assert dovecot.snapshot(ANA, ANA_PASSWORD) == before


@pytest.mark.parametrize("change", ["read_write_select", "fetch_without_peek"])
def test_the_snapshot_notices_what_a_careless_client_would_change(dovecot: PrivateDovecot,
                                                                  change: str) -> None:
    """Negative control: the comparison above is not blind to SELECT or a non-PEEK FETCH."""
    before = _stable_snapshot(dovecot, CONTROL, ANA_PASSWORD)
    client = dovecot.login(CONTROL, ANA_PASSWORD)
    try:
        client.select_folder("Junk", readonly=False)  # clears \\Recent
        if change == "fetch_without_peek":
            client.fetch(client.search(["ALL"]), ["BODY[]"])  # sets \\Seen
    finally:
        client.logout()
    assert dovecot.snapshot(CONTROL, ANA_PASSWORD) != before
