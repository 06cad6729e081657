"""A private Dovecot on loopback for the mailbox tests: TLS with a per-run CA, STARTTLS, special-use
folders, quota, CONDSTORE and an OAuth2 passdb; started and stopped by the tests themselves.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from imapclient import IMAPClient

from tests.servers.dovecot_files import (
    CONFIG_TEMPLATE,
    OAUTH2_TEMPLATE,
    _chown_tree,
    _log_tail,
    _mailbox_block,
    _maildir_info,
    _make_ca,
    _make_maildir,
    _make_server_cert,
    _passwd_line,
    _scratch_parent,
    _virtual_size,
    maildir_folder_dir,
)
from tests.servers.dovecot_setup import (
    _FETCH_CHUNK,
    DEFAULT_FOLDERS,
    DEFAULT_HOST,
    DEFAULT_TOKENS,
    DEFAULT_USERS,
    DOVEADM_BIN,
    DOVECOT_BIN,
    LOCAL_HOSTNAME,
    LOOPBACK,
    START_TIMEOUT,
    VMAIL_GID,
    VMAIL_UID,
    Delivery,
    DovecotError,
    FolderState,
    MailUser,
    Snapshot,
    _free_port,
    dovecot_unavailable_reason,
)
from tests.servers.oauth_endpoint import TokenServer


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
