"""The private Dovecot's fixed facts: hosts, users, the data tests compare, and whether Dovecot
is on this machine."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pytest

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

def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
