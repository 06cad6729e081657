"""`iess-diag find-reset-mail` through the CLI: formats, languages, exit codes, the wait on
stderr, and the password absent from every output and from the process's command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diag.render import Format
from tests.fixtures.cli import Outcome, invoke
from tests.fixtures.mailboxes import PASSWORD, address, imapd
from tests.servers.dovecot import PrivateDovecot

__all__ = ["imapd"]
pytestmark = pytest.mark.timeout(60)


def _argv(server: PrivateDovecot, scenario: str, *extra: str) -> list[str]:
    return ["find-reset-mail", address(scenario), "--imap-host", server.host, "--imap-port",
            str(server.imaps_port), "--ca-file", str(server.ca_file), "--timeout", "10", *extra]


def _run(server: PrivateDovecot, scenario: str, *extra: str, password: str | None = PASSWORD,
         lang: str = "C.UTF-8") -> Outcome:
    environ = {"LANG": lang}
    if password is not None:
        environ["IESS_DIAG_IMAP_PASSWORD"] = password
    return invoke(_argv(server, scenario, *extra), environ=environ)


def test_found_json_is_exit_0_with_clean_stderr(imapd: PrivateDovecot) -> None:
    out = _run(imapd, "clijson", "--format", "json")
    assert out.code == 1 and out.stderr == ""  # nothing in that mailbox: a problem
    out = _run(imapd, "cli", "--format", "json", "--lang", "es")
    assert out.code == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["command"] == "find-reset-mail" and report["lang"] == "es"
    codes = [f["code"] for f in report["findings"]]
    assert codes[0] == "mail.found_inbox" and "mail.folders_searched" in codes
    assert "bandeja de entrada" in report["findings"][0]["message"]
    assert out.stderr == ""


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_format_and_language(imapd: PrivateDovecot, fmt: Format, lang: str) -> None:
    out = _run(imapd, "cli", "--format", fmt.value, "--lang", lang)
    assert out.code == 0 and out.stdout.strip() and out.stderr == ""
    word = {"es": "bandeja de entrada", "en": "inbox"}[lang]
    assert word in out.stdout


@pytest.mark.parametrize(("extra", "password", "code", "stderr"), [
    (("--starttls", "--allow-plaintext"), PASSWORD, 2, "--starttls"),
    (("--since", "ayer por la tarde"), PASSWORD, 2, "--since"),
    (("--wait", "pronto"), PASSWORD, 2, "--wait"),
    (("--ca-file", "/no/existe.pem"), PASSWORD, 2, "--ca-file"),
    ((), None, 3, "IESS_DIAG_IMAP_PASSWORD"),
    ((), "clave-equivocada", 3, ""),
])
def test_exit_codes(imapd: PrivateDovecot, extra: tuple[str, ...], password: str | None,
                    code: int, stderr: str) -> None:
    out = _run(imapd, "cli", "--format", "json", *extra, password=password)
    assert out.code == code, (out.stdout, out.stderr)
    assert stderr in out.stderr
    if code == 3 and password is not None:
        assert json.loads(out.stdout)["findings"][0]["code"] == "imap.login_failed"
    else:
        assert out.stdout == ""
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("iess-diag: error:")


def test_debug_traces_commands_without_secrets(imapd: PrivateDovecot) -> None:
    out = _run(imapd, "secret", "--debug", "--format", "json")
    assert out.code == 0
    assert "imap> AUTHENTICATE PLAIN" in out.stderr and "imap> EXAMINE" in out.stderr
    for text in (out.stdout, out.stderr):
        assert PASSWORD not in text


def test_wait_announces_itself_on_stderr(imapd: PrivateDovecot) -> None:
    out = _run(imapd, "clijson", "--wait", "2s", "--poll", "1", "--format", "json",
               "--lang", "es")
    assert out.code == 1
    assert "Generar / Recuperar Clave" in out.stderr
    waited = [f for f in json.loads(out.stdout)["findings"] if f["code"] == "mail.waited"]
    assert waited and waited[0]["details"]["waited_seconds"] >= 2


def test_password_never_on_the_command_line_or_output(imapd: PrivateDovecot,
                                                      tmp_path: Path) -> None:
    """A real process: the password travels in the environment, never in argv."""
    environ = {**os.environ, "IESS_DIAG_IMAP_PASSWORD": PASSWORD, "LANG": "C.UTF-8"}
    argv = [sys.executable, "-m", "diag", *_argv(imapd, "secret", "--wait", "3s", "--poll",
                                                  "1", "--debug", "--format", "json")]
    proc = subprocess.Popen(argv, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    cmdline = b""
    deadline = time.monotonic() + 10
    while proc.poll() is None and time.monotonic() < deadline and b"find-reset-mail" not in cmdline:
        try:
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        except OSError:
            break
        time.sleep(0.05)
    stdout, stderr = proc.communicate(timeout=30)
    assert b"find-reset-mail" in cmdline
    for blob in (cmdline, stdout, stderr):
        assert PASSWORD.encode() not in blob
    assert proc.returncode == 0, stderr.decode()
    assert b"imap> IDLE" in stderr


@pytest.mark.parametrize("tty", [True, False])
def test_countdown_on_stderr(tty: bool) -> None:
    import io
    from datetime import timedelta

    from diag.cli.environment import Environment
    from diag.cli.mailbox_options import Countdown
    from diag.i18n import Lang
    from diag.mailbox.options import WaitTick

    err = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=err, environ={},
                      stdout_isatty=False, stderr_isatty=tty)
    with Countdown(env, Lang.EN) as countdown:
        for second in range(0, 125):
            countdown(WaitTick(timedelta(seconds=second), timedelta(seconds=600 - second)))
    text = err.getvalue()
    assert text.startswith("Ask the person to request a new link now")
    if tty:
        assert "\rwaiting… 7:56 left" in text and text.endswith("\n")
    else:
        assert "\r" not in text
        assert text.count("iess-diag: waiting…") == 2  # at 60 s and 120 s


def test_sender_rules_are_configurable(imapd: PrivateDovecot) -> None:
    # The recovery mail in the "cli" mailbox comes from iess.gob.ec: with another genuine
    # sender domain it is no longer the recovery mail.
    found = _run(imapd, "cli", "--format", "json", "--sender-domain", "iess.gob.ec")
    other = _run(imapd, "cli", "--format", "json", "--sender-domain", "biess.fin.ec")
    assert found.code == 0 and other.code == 1, (found.stderr, other.stderr)
    assert "mail.not_found" in [f["code"] for f in json.loads(other.stdout)["findings"]]
    bad = _run(imapd, "cli", "--sender-domain", "no es un dominio")
    assert bad.code == 2 and "--sender-domain" not in bad.stdout


def test_link_validity_decides_expiry(dovecot: PrivateDovecot) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.fixtures import messages as mailfixtures
    from tests.servers.dovecot_setup import DEFAULT_USERS

    ana = DEFAULT_USERS[0]
    arrived = datetime.now(UTC) - timedelta(minutes=10)
    dovecot.deliver(ana.name, "INBOX", mailfixtures.iess_reset_mail(ana.name, sent_at=arrived),
                    internaldate=arrived)

    def expired(validity: str) -> bool:
        out = invoke(["find-reset-mail", ana.name, "--imap-host", dovecot.host, "--imap-port",
                      str(dovecot.imaps_port), "--ca-file", str(dovecot.ca_file), "-f", "json",
                      "--link-validity", validity],
                     environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": ana.password})
        assert out.code == 0, out.stderr
        return "mail.expired" in [f["code"] for f in json.loads(out.stdout)["findings"]]

    assert expired("3m") and not expired("15m")


def test_allow_plaintext_on_a_search_that_worked_gives_no_connection_advice() -> None:
    """Issue 11: --allow-plaintext added "could not connect… the mailbox could not be checked"
    to a search that had succeeded."""
    from tests.servers import hostile_imap as hostile

    with hostile.HostileIMAP(hostile.Script(hostile.Fault.NONE, "-")) as server:
        out = invoke(["find-reset-mail", hostile.USER, "--imap-host", hostile.HOST,
                      "--imap-port", str(server.port), "--allow-plaintext", "-f", "json",
                      "--since", "30d", "--timeout", "5"],
                     environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": hostile.PASSWORD})
    report = json.loads(out.stdout)
    codes = [f["code"] for f in report["findings"]]
    assert "imap.plaintext" in codes and "mail.folders_searched" in codes, codes
    advice = [a["id"] for f in report["findings"] for a in f["advice"]]
    assert "check_imap_server" not in advice and "use_encrypted_imap" in advice
    assert "could not be checked" not in out.stdout
