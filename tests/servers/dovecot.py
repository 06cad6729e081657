"""A private, throw-away Dovecot IMAP server on loopback for tests.

TLS and STARTTLS, special-use folders, quota, CONDSTORE, IDLE and OAuth2 (XOAUTH2/OAUTHBEARER).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pytest
from imapclient import IMAPClient
from imapclient.imap_utf7 import encode as imap_utf7_encode

LOOPBACK = "127.0.0.1"
# Dovecot treats a connection whose remote IP equals its local IP as secured and then allows
# plaintext auth regardless of disable_plaintext_auth; clients reach 127.0.0.2 from 127.0.0.1.
DEFAULT_HOST = "127.0.0.2"
LOCAL_HOSTNAME = "localhost"
OTHER_HOSTNAME = "mail.otro-servidor.com"
VMAIL_UID = 5000
VMAIL_GID = 5000
START_TIMEOUT = 10.0
DOVECOT_BIN = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM_BIN = shutil.which("doveadm") or "/usr/bin/doveadm"
OPENSSL_BIN = shutil.which("openssl") or "/usr/bin/openssl"

# Folder name -> special-use attribute (None: an ordinary user folder).
DEFAULT_FOLDERS: Mapping[str, str | None] = {
    "Junk": "\\Junk",
    "Trash": "\\Trash",
    "Archive": "\\Archive",
    "Sent": "\\Sent",
    "Correo no deseado": None,
    "Promociones": None,
    "Trámites": None,
    "Trámites/IESS": None,
}

_MAILDIR_FLAGS = {
    "\\draft": "D",
    "\\flagged": "F",
    "\\answered": "R",
    "\\seen": "S",
    "\\deleted": "T",
}
# UIDs per FETCH: Dovecot refuses command lines over 64 KiB.
_FETCH_CHUNK = 5000


@dataclass(frozen=True)
class MailUser:
    """A mailbox account; the login name is the full address."""

    name: str
    password: str
    quota_kib: int | None = None


ANA = MailUser("ana@hotmail.com", "Clave-Ana-2024", quota_kib=10 * 1024)
JOSE = MailUser("jose@outlook.es", "contraseña-Ñandú")
MARIA = MailUser("maria@gmail.com", "Maria-Gmail-99")
DEFAULT_USERS: tuple[MailUser, ...] = (ANA, JOSE, MARIA)
MARIA_TOKEN = "ya29.token-valido-de-maria"
DEFAULT_TOKENS: Mapping[str, str] = {MARIA_TOKEN: MARIA.name}


@dataclass(frozen=True)
class Delivery:
    """One message to put straight into a maildir."""

    raw: bytes
    internaldate: datetime | None = None
    flags: Sequence[str] = ()


@dataclass(frozen=True)
class FolderState:
    """What a read-only session sees in one folder.

    Flags include \\Recent: EXAMINE keeps it, a read-write SELECT by anyone clears it.
    """

    exists: int
    uidvalidity: int
    uidnext: int
    highestmodseq: int
    flags: Mapping[int, frozenset[str]]


Snapshot = dict[str, FolderState]


class DovecotError(RuntimeError):
    """The private Dovecot could not be set up or started."""


def dovecot_unavailable_reason() -> str | None:
    """Why the harness cannot run here, or None if it can."""
    for binary in (DOVECOT_BIN, DOVEADM_BIN, OPENSSL_BIN):
        if not os.access(binary, os.X_OK):
            return f"{binary} not installed"
    if os.geteuid() != 0:
        return "needs root to run Dovecot and chown maildirs to uid 5000"
    try:
        _free_port(DEFAULT_HOST)
    except OSError as exc:
        return f"cannot listen on {DEFAULT_HOST}: {exc}"
    return None


def dovecot_available() -> bool:
    return dovecot_unavailable_reason() is None


def require_dovecot() -> None:
    """Skip the calling test without Dovecot; under CI=true fail it instead."""
    reason = dovecot_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"Dovecot test harness unavailable under CI: {reason}", pytrace=False)
    pytest.skip(f"Dovecot test harness unavailable: {reason}")


# --- OAuth2 token introspection endpoint -----------------------------------------------


class TokenServer:
    """Local OAuth2 introspection endpoint that Dovecot's oauth2 passdb asks about tokens."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = _IntrospectionHTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self._httpd.server_address[1]}/introspect"

    def add_token(self, token: str, user: str) -> None:
        with self._lock:
            self.tokens[token] = user

    def revoke(self, token: str) -> None:
        with self._lock:
            self.tokens.pop(token, None)

    def introspect(self, token: str) -> dict[str, object]:
        with self._lock:
            self.requests.append(token)
            user = self.tokens.get(token)
        if user is None:
            return {"active": False}
        return {"active": True, "username": user, "email": user, "scope": "imap"}

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()


class _IntrospectionHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, registry: TokenServer) -> None:
        super().__init__((LOOPBACK, 0), _IntrospectionHandler)
        self.registry = registry


class _IntrospectionHandler(BaseHTTPRequestHandler):
    server: _IntrospectionHTTPServer

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        self._answer(query.get("token", [""])[0] or self._bearer())

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        self._answer(form.get("token", [""])[0] or self._bearer())

    def _bearer(self) -> str:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        return token if scheme.lower() == "bearer" else ""

    def _answer(self, token: str) -> None:
        body = json.dumps(self.server.registry.introspect(token)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


# --- Files: certificates, config, passwd-file, maildirs ----------------------------------


def _openssl(*args: str) -> None:
    proc = subprocess.run([OPENSSL_BIN, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise DovecotError(f"openssl {args[0]} failed: {proc.stderr.strip()}")


def _make_ca(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "ca.pem", directory / "ca.key"
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-days", "2", "-subj", "/CN=iess-diag test CA",
        "-keyout", str(key), "-out", str(cert),
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    return cert, key


def _subject_alt_name(hostname: str, host: str) -> str:
    if hostname == LOCAL_HOSTNAME:
        return ",".join(dict.fromkeys([f"DNS:{LOCAL_HOSTNAME}", f"IP:{LOOPBACK}", f"IP:{host}"]))
    return f"DNS:{hostname}"


def _make_server_cert(
    directory: Path, ca: tuple[Path, Path], hostname: str, host: str
) -> tuple[Path, Path]:
    """A leaf for `hostname` signed by the per-run CA (strict X.509 checks accept it)."""
    cert, key, csr = (directory / f"{hostname}{ext}" for ext in (".pem", ".key", ".csr"))
    extfile = directory / f"{hostname}.ext"
    extfile.write_text(
        f"subjectAltName={_subject_alt_name(hostname, host)}\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid\n"
    )
    _openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-subj", f"/CN={hostname}", "-keyout", str(key), "-out", str(csr),
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", str(csr), "-CA", str(ca[0]), "-CAkey", str(ca[1]),
        "-CAcreateserial", "-days", "2", "-extfile", str(extfile), "-out", str(cert),
    )  # fmt: skip
    return cert, key


def _scratch_parent() -> str | None:
    """$IESS_DOVECOT_TMPDIR, else tmpfs: creating files there is ~50x faster than on ext4."""
    for candidate in (os.environ.get("IESS_DOVECOT_TMPDIR"), "/dev/shm"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return candidate
    return None


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _passwd_line(user: MailUser, home: Path) -> str:
    for text in (user.name, user.password):
        if any(ch in text for ch in ":\n\r"):
            raise ValueError(f"passwd-file cannot hold ':' or newlines: {text!r}")
    extra = f"userdb_quota_rule=*:storage={user.quota_kib}K" if user.quota_kib else ""
    return f"{user.name}:{{PLAIN}}{user.password}:{VMAIL_UID}:{VMAIL_GID}::{home}::{extra}\n"


def _mailbox_block(name: str, special_use: str | None) -> str:
    special = f"    special_use = {special_use}\n" if special_use else ""
    return f"  mailbox {_quote(name)} {{\n    auto = subscribe\n{special}  }}\n"


def maildir_folder_dir(maildir: Path, folder: str) -> Path:
    """Maildir++ directory of `folder` ('/' separator, names in modified UTF-7 on disk)."""
    if folder.upper() == "INBOX":
        return maildir
    parts = [imap_utf7_encode(part).decode("ascii") for part in folder.split("/")]
    return maildir / ("." + ".".join(parts))


def _make_maildir(path: Path, is_subfolder: bool) -> None:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    if is_subfolder:
        (path / "maildirfolder").touch()


def _chown_tree(root: Path) -> None:
    os.chown(root, VMAIL_UID, VMAIL_GID)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), VMAIL_UID, VMAIL_GID)


def _maildir_info(flags: Iterable[str]) -> str:
    letters = set()
    for flag in flags:
        letter = _MAILDIR_FLAGS.get(flag.lower())
        if letter is None:
            raise ValueError(f"deliver() supports only system flags, not {flag!r}")
        letters.add(letter)
    return ":2," + "".join(sorted(letters))


def _virtual_size(raw: bytes) -> int:
    """Size with every bare LF counted as CRLF, as IMAP RFC822.SIZE reports it."""
    return len(raw) + raw.count(b"\n") - raw.count(b"\r\n")


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"


CONFIG_TEMPLATE = """\
# Generated by tests/servers/dovecot.py; nothing from /etc/dovecot is included.
base_dir = {root}/run
state_dir = {root}/state
instance_name = iess-diag-test-{instance}
protocols = imap
listen = {addresses}
log_path = {log_path}
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = {uid}
last_valid_uid = {uid}

ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = {disable_plaintext}

auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_verbose = yes
auth_debug = {auth_debug}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN {passwd}
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {oauth2_conf}
}}
# Reached only after the others failed. auth_failure_delay = 0 still queues failures for a
# 500 ms timer; a passdb that matches, sets nodelay and then fails skips that queue.
passdb {{
  driver = static
  mechanisms = plain login xoauth2 oauthbearer
  args = nopassword=yes nodelay=yes
  result_success = return-fail
}}
userdb {{
  driver = passwd-file
  args = {passwd}
}}

mail_location = maildir:~/Maildir
mail_plugins = quota
mailbox_idle_check_interval = 1 secs
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
plugin {{
  quota = maildir:User quota
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_quota
  mail_max_userip_connections = 1000
}}

service imap-login {{
  inet_listener imap {{
    address = {addresses}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {addresses}
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  # Without this anvil doubles the delay after each failed login, up to 15 s.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

OAUTH2_TEMPLATE = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
debug = {debug}
"""


# --- The server --------------------------------------------------------------------------


class PrivateDovecot:
    """A Dovecot on random loopback ports with its own config, users, maildirs and certs.

    `host` defaults to 127.0.0.2 so that disable_plaintext_auth really applies (see
    DEFAULT_HOST); the same ports also answer on 127.0.0.1, so `localhost` matches the
    certificate too, but there Dovecot allows plaintext logins. The temp dir with config,
    certificates, log and maildirs lives from start() to stop().
    """

    def __init__(
        self,
        users: Iterable[MailUser] = DEFAULT_USERS,
        *,
        tokens: Mapping[str, str] = DEFAULT_TOKENS,
        folders: Mapping[str, str | None] = DEFAULT_FOLDERS,
        host: str = DEFAULT_HOST,
        cert_hostname: str = LOCAL_HOSTNAME,
        allow_plaintext_auth: bool = False,
        auth_debug: bool = False,
    ) -> None:
        self.host = host
        self.imap_port = 0
        self.imaps_port = 0
        self.cert_hostname = cert_hostname
        self.allow_plaintext_auth = allow_plaintext_auth
        self.auth_debug = auth_debug
        self.folders = dict(folders)
        self.users: dict[str, MailUser] = {}
        self.token_server = TokenServer()
        self._root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._seq = 0
        self._last_us = 0
        for user in users:
            self.add_user(user.name, user.password, user.quota_kib)
        for token, owner in tokens.items():
            self.add_token(token, owner)

    # -- paths (exist from start() until stop()) ---------------------------------------

    @property
    def root(self) -> Path:
        if self._root is None:
            raise DovecotError("PrivateDovecot not started")
        return self._root

    @property
    def conf_path(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def log_path(self) -> Path:
        return self.root / "dovecot.log"

    @property
    def ca_file(self) -> Path:
        """The per-run CA that signed the server certificate (pass it as --ca-file)."""
        return self.root / "tls" / "ca.pem"

    @property
    def cert_file(self) -> Path:
        return self.root / "tls" / f"{self.cert_hostname}.pem"

    # -- setup ----------------------------------------------------------------------------

    def add_user(self, name: str, password: str, quota_kib: int | None = None) -> MailUser:
        if self._root is not None:
            raise DovecotError("add_user() must be called before start()")
        user = MailUser(name, password, quota_kib)
        self.users[name] = user
        return user

    def add_token(self, token: str, user: str) -> None:
        """Make `token` a valid OAuth2 access token for `user` (works while running)."""
        self.token_server.add_token(token, user)

    def home(self, user: str) -> Path:
        return self.root / "home" / user

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        return maildir_folder_dir(self.home(user) / "Maildir", folder)

    def _write_files(self) -> None:
        tls = self.root / "tls"
        tls.mkdir()
        ca = _make_ca(tls)
        _make_server_cert(tls, ca, self.cert_hostname, self.host)
        for sub in ("run", "state"):
            (self.root / sub).mkdir()
        self._write_passwd()
        self._make_maildirs()
        (self.root / "oauth2.conf").write_text(
            OAUTH2_TEMPLATE.format(url=self.token_server.url, debug=_yes(self.auth_debug))
        )

    def _write_passwd(self) -> None:
        lines = [_passwd_line(user, self.home(user.name)) for user in self.users.values()]
        path = self.root / "users.passwd"
        path.write_text("".join(lines), encoding="utf-8")
        os.chmod(path, 0o644)

    def _make_maildirs(self) -> None:
        for name in self.users:
            for folder in ("INBOX", *self.folders):
                _make_maildir(self.maildir(name, folder), folder != "INBOX")
            _chown_tree(self.home(name))

    def _write_config(self) -> None:
        self.conf_path.write_text(
            CONFIG_TEMPLATE.format(
                root=self.root,
                instance=self.root.name,
                addresses=", ".join(dict.fromkeys([self.host, LOOPBACK])),
                log_path=self.log_path,
                uid=VMAIL_UID,
                cert=self.cert_file,
                key=self.cert_file.with_suffix(".key"),
                disable_plaintext=_yes(not self.allow_plaintext_auth),
                auth_debug=_yes(self.auth_debug),
                passwd=self.root / "users.passwd",
                oauth2_conf=self.root / "oauth2.conf",
                mailboxes="".join(_mailbox_block(n, s) for n, s in self.folders.items()),
                imap_port=self.imap_port,
                imaps_port=self.imaps_port,
            ),
            encoding="utf-8",
        )

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> PrivateDovecot:
        reason = dovecot_unavailable_reason()
        if reason:
            raise DovecotError(reason)
        if self._root is not None:
            raise DovecotError("a PrivateDovecot can be started only once")
        self._root = Path(tempfile.mkdtemp(prefix="iess-dovecot-", dir=_scratch_parent()))
        os.chmod(self._root, 0o755)
        try:
            self.token_server.start()
            self._write_files()
            self._launch_on_free_ports()
        except BaseException:
            self.stop()
            raise
        return self

    def _launch_on_free_ports(self) -> None:
        for attempt in range(3):
            self.imap_port, self.imaps_port = _free_port(self.host), _free_port(self.host)
            self._write_config()
            if self._launch(last_try=attempt == 2):
                return

    def _launch(self, *, last_try: bool) -> bool:
        """Start dovecot; False if a port was taken meanwhile and another try is worth it."""
        self.log_path.write_text("")
        os.chmod(self.log_path, 0o644)
        with open(self.root / "dovecot.stderr", "wb") as stderr:
            self._process = subprocess.Popen(
                [DOVECOT_BIN, "-F", "-c", str(self.conf_path)],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            self._wait_until_ready()
        except DovecotError:
            port_taken = "Address already in use" in self.log_text()
            self._kill()
            if port_taken and not last_try:
                return False
            raise
        return True

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                break
            if self._tls_handshake_ok():
                return
            time.sleep(0.05)
        raise DovecotError(
            f"Dovecot did not start (exit code {self._process and self._process.poll()}); "
            f"log {self.log_path}:\n{_log_tail(self.log_path)}\n"
            f"{_log_tail(self.root / 'dovecot.stderr')}"
        )

    def _tls_handshake_ok(self) -> bool:
        try:
            with (
                socket.create_connection((self.host, self.imaps_port), timeout=1) as raw,
                self.ssl_context().wrap_socket(raw, server_hostname=self.cert_hostname) as tls,
            ):
                return tls.recv(5) == b"* OK "
        except OSError:
            return False

    def stop(self) -> None:
        """Kill Dovecot, stop the token endpoint and delete the temp dir; safe to repeat."""
        self._kill()
        self.token_server.stop()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            # The master sometimes idles a whole second before exiting; nothing here needs
            # a graceful shutdown, so don't wait for it.
            process.wait(timeout=0.2)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
        # Children share the master's process group (its own session, from start_new_session).
        _kill_group_leftovers(process.pid)
        process.wait(timeout=5)

    def __enter__(self) -> PrivateDovecot:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- introspection helpers ------------------------------------------------------------

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts only this run's CA (hostname checks stay on)."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def password(self, user: str) -> str:
        return self.users[user].password

    def connect(self, *, tls: bool = True, timeout: float = 10) -> IMAPClient:
        """An unauthenticated IMAPClient: implicit TLS, or the plain port (no STARTTLS yet)."""
        port = self.imaps_port if tls else self.imap_port
        context = self.ssl_context()
        # A deliberately mismatching certificate is for the tool under test, not the harness.
        context.check_hostname = self.cert_hostname == LOCAL_HOSTNAME
        return IMAPClient(self.host, port, ssl=tls, ssl_context=context, timeout=timeout)

    def login(self, user: str, password: str | None = None) -> IMAPClient:
        """A logged-in implicit-TLS session (the caller logs out).

        Uses AUTHENTICATE PLAIN: imaplib's LOGIN cannot send non-ASCII passwords.
        """
        client = self.connect()
        client.plain_login(user, self.password(user) if password is None else password)
        return client

    def doveadm(self, *args: str) -> str:
        proc = subprocess.run(
            [DOVEADM_BIN, "-c", str(self.conf_path), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise DovecotError(f"doveadm {' '.join(args)}: {proc.stderr.strip()}")
        return proc.stdout

    def warm_index(self, user: str, folder: str = "INBOX") -> None:
        """Let Dovecot scan a bulk-filled maildir now, not during the test's first command."""
        self.doveadm("mailbox", "status", "-u", user, "messages", folder)

    # -- mail -----------------------------------------------------------------------------

    def deliver(
        self,
        user: str,
        folder: str,
        raw: bytes,
        internaldate: datetime | None = None,
        flags: Sequence[str] = (),
    ) -> Path:
        """Drop one message into the maildir as an MTA would; its mtime is the INTERNALDATE."""
        paths = self.deliver_many(user, folder, [Delivery(raw, internaldate, flags)])
        return paths[0]

    def deliver_many(self, user: str, folder: str, messages: Iterable[Delivery]) -> list[Path]:
        """Bulk deliver; UIDs follow the order given (Dovecot sorts new files by name)."""
        if user not in self.users:
            raise KeyError(f"unknown user {user!r}")
        directory = self.maildir(user, folder)
        if not (directory / "cur").is_dir():
            raise KeyError(f"folder {folder!r} does not exist for {user}")
        paths = [self._write_message(directory, message) for message in messages]
        # Maildir++ quota trusts this cache; removing it makes Dovecot recount.
        (self.home(user) / "Maildir" / "maildirsize").unlink(missing_ok=True)
        return paths

    def _next_unique(self) -> str:
        now_us = max(time.time_ns() // 1000, self._last_us + 1)
        self._last_us = now_us
        self._seq += 1
        seconds, micros = divmod(now_us, 1_000_000)
        return f"{seconds}.M{micros}P{os.getpid()}Q{self._seq}.iess-test"

    def _write_message(self, directory: Path, message: Delivery) -> Path:
        name = (
            f"{self._next_unique()},S={len(message.raw)},W={_virtual_size(message.raw)}"
            f"{_maildir_info(message.flags)}"
        )
        # Written in tmp/ and renamed, so a concurrent Dovecot scan never sees half a file.
        tmp_path = os.path.join(directory, "tmp", name)
        final = os.path.join(directory, "cur", name)
        when = (message.internaldate or datetime.now(UTC)).timestamp()
        fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, message.raw)
            os.fchown(fd, VMAIL_UID, VMAIL_GID)
            os.utime(fd, (when, when))
        finally:
            os.close(fd)
        os.rename(tmp_path, final)
        return Path(final)

    def append_via_imap(
        self,
        user: str,
        folder: str,
        raw: bytes,
        flags: Sequence[str] = (),
        internaldate: datetime | None = None,
    ) -> int:
        """APPEND through a separate session (wakes IDLE-ing clients); returns the new UID."""
        client = self.login(user)
        try:
            response = client.append(folder, raw, flags=tuple(flags), msg_time=internaldate)
        finally:
            client.logout()
        return _appenduid(response)

    def snapshot(self, user: str, password: str | None = None) -> Snapshot:
        """Per-folder state seen with EXAMINE, to prove that a command changed nothing."""
        client = self.login(user, password)
        try:
            client.enable("CONDSTORE")
            return {name: _folder_state(client, name) for name in _selectable_folders(client)}
        finally:
            client.logout()


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _appenduid(response: bytes | str) -> int:
    text = response.decode() if isinstance(response, bytes) else response
    marker = "[APPENDUID "
    if marker not in text:
        raise DovecotError(f"APPEND gave no APPENDUID: {text!r}")
    return int(text.split(marker, 1)[1].split("]", 1)[0].split()[1])


def _selectable_folders(client: IMAPClient) -> list[str]:
    listing = cast(list[tuple[tuple[bytes, ...], bytes, str]], client.list_folders())
    unselectable = {b"\\noselect", b"\\nonexistent"}
    return [name for attrs, _sep, name in listing if not unselectable & {a.lower() for a in attrs}]


def _all_flags(client: IMAPClient) -> dict[int, frozenset[str]]:
    uids = cast(list[int], client.search(["ALL"]))
    flags: dict[int, frozenset[str]] = {}
    for start in range(0, len(uids), _FETCH_CHUNK):
        chunk = uids[start : start + _FETCH_CHUNK]
        fetched = cast(dict[int, dict[bytes, Any]], client.fetch(chunk, ["FLAGS"]))
        flags.update((uid, frozenset(map(_text, data[b"FLAGS"]))) for uid, data in fetched.items())
    return flags


def _folder_state(client: IMAPClient, folder: str) -> FolderState:
    info = cast(dict[bytes, Any], client.select_folder(folder, readonly=True))
    flags = _all_flags(client)
    client.unselect_folder()
    return FolderState(
        exists=int(info[b"EXISTS"]),
        uidvalidity=int(info[b"UIDVALIDITY"]),
        uidnext=int(info[b"UIDNEXT"]),
        highestmodseq=int(info.get(b"HIGHESTMODSEQ", 0)),
        flags=flags,
    )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _kill_group_leftovers(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
