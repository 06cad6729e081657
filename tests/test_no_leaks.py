"""No secret ever leaves the process: passwords, OAuth2 tokens and the recovery link's token are
absent from stdout, stderr, every report format, written files, the command line, --debug
output and crash output; Typer never shows locals."""

from __future__ import annotations

import base64
import contextlib
import html
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diag.cli import app
from diag.mailbox.credentials import Credentials
from tests.fixtures import messages as mf
from tests.fixtures.cli import invoke
from tests.fixtures.zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import require_dovecot
from tests.servers.hostile_imap import PASSWORD as HOSTILE_PASSWORD
from tests.servers.hostile_imap import USER as HOSTILE_USER
from tests.servers.hostile_imap import Fault, HostileIMAP, Script, TLSMode, certificates

pytestmark = pytest.mark.timeout(120)

USER = "luz@andinanet.net"
PASSWORD = "Pw-Sécreta-9f3KQ"
TOKEN_USER = "tok@andinanet.net"
OAUTH_TOKEN = "ya29.SECRETO-oauth-token-77x"
LINK_TOKEN = "TKN-enlace-ZZ81-secreto"  # the token inside the recovery link of the mail
SECRETS = (PASSWORD, OAUTH_TOKEN, LINK_TOKEN, mf.RESET_TOKEN, HOSTILE_PASSWORD)
IESS_DIAG = Path(sys.executable).with_name("iess-diag")


def _leaks(blob: str | bytes) -> list[str]:
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    # Also the encoded forms a renderer could produce (JSON \u escapes, HTML entities).
    forms = {text, html.unescape(text)}
    with contextlib.suppress(ValueError):
        forms.add(json.dumps(json.loads(text), ensure_ascii=False))
    return [s for s in SECRETS if any(s in form for form in forms)]


@pytest.fixture(scope="module")
def dovecot() -> Iterator[PrivateDovecot]:
    require_dovecot()
    server = PrivateDovecot(users=(), tokens={OAUTH_TOKEN: TOKEN_USER})
    server.add_user(USER, PASSWORD)
    server.add_user(TOKEN_USER, "unused-Password-1")
    with server:
        for user in (USER, TOKEN_USER):
            server.deliver(user, "INBOX", mf.iess_reset_mail(user, token=LINK_TOKEN))
            server.deliver(user, "Junk", mf.junk_verdict_iess_mail(user))  # RESET_TOKEN
            for message in mf.lookalike_mails(user):
                server.deliver(user, "Junk", message)
        yield server


@pytest.fixture(scope="module")
def dns() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as server:
        yield server


def _box(server: PrivateDovecot) -> list[str]:
    return ["--imap-host", server.host, "--imap-port", str(server.imaps_port), "--ca-file",
            str(server.ca_file), "--since", "30d", "--timeout", "10"]


FORMATS = ["json", "table", "markdown", "html"]


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("secret", ["password", "oauth2_token"])
def test_find_reset_mail_outputs(dovecot: PrivateDovecot, secret: str, fmt: str,
                                 debug: bool) -> None:
    user, environ = (USER, {"IESS_DIAG_IMAP_PASSWORD": PASSWORD}) if secret == "password" \
        else (TOKEN_USER, {"IESS_DIAG_OAUTH2_TOKEN": OAUTH_TOKEN})
    argv = ["find-reset-mail", user, *_box(dovecot), "-f", fmt, *(["--debug"] if debug else [])]
    out = invoke(argv, environ={"LANG": "C.UTF-8", **environ})
    assert out.code == 0, out.stderr
    if fmt in ("json", "html"):
        assert "www.iess.gob.ec" in out.stdout  # the link's host is shown ...
    assert not _leaks(out.stdout) and not _leaks(out.stderr)  # ... never the link itself


@pytest.mark.parametrize("suffix", [".html", ".md", ".json", ".txt"])
@pytest.mark.parametrize("redact", [False, True])
def test_diagnose_report_files(dovecot: PrivateDovecot, dns: FixtureDNSServer, tmp_path: Path,
                               suffix: str, redact: bool) -> None:
    report = tmp_path / f"caso{suffix}"
    argv = ["diagnose", USER, *_box(dovecot), "--user", USER, "--nameserver", dns.nameserver,
            "--cedula", "1710034065", "-o", str(report), *(["--redact"] if redact else [])]
    out = invoke(argv, environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": PASSWORD})
    assert out.code in (0, 1), out.stderr
    written = report.read_bytes()
    # The link's host stays (defanged in Markdown, so no ticket autolinks it); the token goes.
    assert (b"iess\\[.\\]gob\\[.\\]ec" if suffix == ".md" else b"iess.gob.ec") in written
    assert not _leaks(written) and not _leaks(out.stdout) and not _leaks(out.stderr)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]  # no temp file left


def test_wrong_password_message(dovecot: PrivateDovecot) -> None:
    wrong = "Pw-Sécreta-9f3KQ-mal"
    out = invoke(["find-reset-mail", USER, *_box(dovecot), "-f", "json"],
                 environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": wrong})
    assert out.code == 3
    assert wrong not in out.stdout + out.stderr and not _leaks(out.stdout)


def test_server_that_echoes_the_password_back() -> None:
    """A hostile server puts the credential into its NO text; the report must not repeat it."""
    reply = (b"TAG NO [AUTHENTICATIONFAILED] wrong password " + HOSTILE_PASSWORD.encode()
             + b" for " + HOSTILE_USER.encode() + b"\r\n")
    with certificates() as certs, \
            HostileIMAP(Script(Fault.MALFORMED, "AUTHENTICATE", TLSMode.IMPLICIT,
                               garbage=reply), certs) as server:
        out = invoke(["find-reset-mail", HOSTILE_USER, "--imap-host", "localhost",
                      "--imap-port", str(server.port), "--ca-file", str(certs.ca_file),
                      "--timeout", "5", "-f", "json", "--debug"],
                     environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": HOSTILE_PASSWORD})
    assert out.code == 3
    assert "imap.login_failed" in out.stdout
    assert not _leaks(out.stdout) and not _leaks(out.stderr), out.stdout


_BLOB = base64.b64encode(f"\0{HOSTILE_USER}\0{HOSTILE_PASSWORD}".encode()).decode()


@pytest.mark.parametrize("echo", [
    HOSTILE_PASSWORD.upper(), HOSTILE_PASSWORD.lower(), HOSTILE_PASSWORD[:9],
    _BLOB, _BLOB[:12], base64.b64encode(HOSTILE_PASSWORD.encode()).decode(),
])
def test_server_that_echoes_the_password_in_another_form(echo: str) -> None:
    """Issue 11: an upper-cased or cut echo, or the base64 SASL PLAIN blob, was printed. Only
    the response code is kept."""
    reply = f"TAG NO [AUTHENTICATIONFAILED] wrong credential {echo}\r\n".encode()
    with certificates() as certs, \
            HostileIMAP(Script(Fault.MALFORMED, "AUTHENTICATE", TLSMode.IMPLICIT,
                               garbage=reply), certs) as server:
        out = invoke(["find-reset-mail", HOSTILE_USER, "--imap-host", "localhost",
                      "--imap-port", str(server.port), "--ca-file", str(certs.ca_file),
                      "--timeout", "5", "-f", "json"],
                     environ={"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": HOSTILE_PASSWORD})
    assert out.code == 3 and "imap.login_failed" in out.stdout
    assert echo not in out.stdout + out.stderr and "wrong credential" not in out.stdout
    assert "[AUTHENTICATIONFAILED]" in out.stdout


def _process_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A real process with its own HOME, XDG dirs and working directory, to find any file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IESS_DIAG_")}
    env.update(HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_STATE_HOME=str(tmp / "state"),
               TMPDIR=str(tmp / "tmp"), LANG="C.UTF-8", **extra)
    for name in ("home", "cache", "config", "state", "tmp", "cwd"):
        (tmp / name).mkdir(exist_ok=True)
    return env


def _files_under(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_command_line_and_files_of_a_running_process(dovecot: PrivateDovecot,
                                                      tmp_path: Path) -> None:
    """While it waits (--wait), /proc/PID/cmdline holds no secret; afterwards no file anywhere
    in its HOME, XDG dirs, TMPDIR or working directory holds one (it writes no log)."""
    env = _process_env(tmp_path, IESS_DIAG_IMAP_PASSWORD=PASSWORD)
    proc = subprocess.Popen(
        [str(IESS_DIAG), "find-reset-mail", USER, *_box(dovecot), "--wait", "3s", "--poll", "1",
         "--debug", "-f", "json"],
        env=env, cwd=tmp_path / "cwd", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL)
    seen: list[bytes] = []
    while proc.poll() is None:
        try:
            seen.append(Path(f"/proc/{proc.pid}/cmdline").read_bytes())
        except OSError:
            break
        time.sleep(0.1)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr.decode()
    assert seen and all(b"find-reset-mail" in c for c in seen if c)  # seen while it ran
    for blob in (*seen, stdout, stderr):
        assert not _leaks(blob)
    written = _files_under(tmp_path)
    assert all(not _leaks(content) for content in written.values()), list(written)


CRASH_SHIM = '''
import os
where = os.environ.get("IESS_TEST_CRASH_IN")
if where:
    import diag.mailbox.session

    def _boom(*args, **kwargs):
        raise RuntimeError("simulated crash deep inside iess-diag")

    cls, _, method = where.partition(".")
    setattr(getattr(diag.mailbox.session, cls), method, _boom)
'''


@pytest.mark.parametrize("where", ["Session.fetch", "Session.login_password", "Session.folders"])
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_crash_output(dovecot: PrivateDovecot, tmp_path: Path, where: str, debug: bool) -> None:
    """A bug deep inside (forced by a sitecustomize shim): exit 70, a one-line message, and
    with --debug a traceback without locals and without any secret."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(CRASH_SHIM)
    env = _process_env(tmp_path, IESS_DIAG_IMAP_PASSWORD=PASSWORD, IESS_TEST_CRASH_IN=where,
                       PYTHONPATH=str(shim))
    proc = subprocess.run(
        [str(IESS_DIAG), "find-reset-mail", USER, *_box(dovecot), "-f", "json",
         *(["--debug"] if debug else [])],
        env=env, cwd=tmp_path / "cwd", capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    stderr = proc.stderr.decode()
    assert proc.returncode == 70, stderr
    assert "unexpected internal error (RuntimeError)" in stderr
    if debug:
        assert "Traceback" in stderr and "simulated crash" in stderr
    else:
        assert "Traceback" not in stderr and len(stderr.splitlines()) == 1
    assert "locals" not in stderr.lower()  # rich's locals panel
    assert not _leaks(proc.stdout) and not _leaks(stderr)
    assert all(not _leaks(c) for c in _files_under(tmp_path).values())


def test_typer_never_shows_locals() -> None:
    assert app.pretty_exceptions_short is not None  # the attribute exists in this Typer
    assert app.pretty_exceptions_show_locals is False
    assert app.pretty_exceptions_enable is False


def test_credentials_repr_hides_the_secret() -> None:
    for credentials in (Credentials(USER, password=PASSWORD),
                        Credentials(USER, oauth2_token=OAUTH_TOKEN)):
        for text in (repr(credentials), str(credentials), f"{credentials}", f"{credentials!r}"):
            assert not _leaks(text)
