"""How to reach and search a mailbox, and the plain data the session hands back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from diag import defaults
from diag.mailbox.folders import Role

BODY_CAP = 262_144  # bytes of a message read to find its link; recovery mails are small


class Security(StrEnum):
    TLS = "tls"  # implicit TLS, port 993
    STARTTLS = "starttls"  # port 143, STARTTLS required
    PLAIN = "plain"  # port 143, STARTTLS if offered, else unencrypted (--allow-plaintext)


@dataclass(frozen=True)
class MailboxOptions:
    """How to reach and search the mailbox; the CLI builds it from its options."""

    imap_host: str | None = None  # None: from the provider found in DNS
    imap_port: int | None = None  # None: 993, or 143 with starttls / allow_plaintext
    starttls: bool = False
    allow_plaintext: bool = False
    ca_file: str | None = None
    timeout: float = defaults.IMAP_TIMEOUT  # seconds, for every network operation
    since: timedelta | datetime = timedelta(days=defaults.SINCE_DAYS)
    wait: timedelta | None = None
    poll_interval: float = defaults.POLL_INTERVAL  # seconds between junk/promotions checks
    per_kind: int = 5  # most recent messages reported per kind
    max_other_folders: int = 1000  # other folders with mail searched; the rest are named
    max_matches: int = 5000  # matches per folder whose headers are read; the rest are counted
    search_budget: float = 120.0  # seconds for the whole search; what is left is named
    # Set from another thread to end the wait within a second, as Ctrl-C ends it (a web page's
    # "Cancelar la espera"): what was found is reported.
    stop_wait: threading.Event | None = field(default=None, compare=False, repr=False)

    @property
    def security(self) -> Security:
        if self.starttls:
            return Security.STARTTLS
        return Security.PLAIN if self.allow_plaintext else Security.TLS

    @property
    def port(self) -> int:
        if self.imap_port is not None:
            return self.imap_port
        return 993 if self.security is Security.TLS else 143


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    security: Security
    ca_file: str | None
    timeout: float


@dataclass(frozen=True)
class Folder:
    name: str
    role: Role
    attributes: tuple[str, ...] = ()
    messages: int | None = None  # from LIST-STATUS when the server has it


@dataclass(frozen=True)
class Quota:
    root: str
    usage_kib: int
    limit_kib: int

    @property
    def percent(self) -> int:
        return int(self.usage_kib * 100 // self.limit_kib) if self.limit_kib else 0


@dataclass(frozen=True)
class Fetched:
    uid: int
    internaldate: datetime | None
    size: int
    raw: bytes
    complete: bool  # the whole message (up to BODY_CAP), not only its header
    labels: tuple[str, ...] = ()  # Gmail X-GM-LABELS
    gmail_id: int | None = None


@dataclass(frozen=True)
class WaitTick:
    """Sent to a progress callback about once a second while waiting for new mail."""

    elapsed: timedelta
    remaining: timedelta


Connector = Callable[[Endpoint], Any]


def command_budget(endpoint: Endpoint) -> float:
    """The most one exchange may take: a server can keep each read under `timeout` forever."""
    return 2 * endpoint.timeout
