"""FAKES of server limits the private Dovecot never shows: Courier-IMAP 5's EXAMINE without
UIDNEXT (and IDLE that only tells when it ends), and servers that refuse EXAMINE or SEARCH or
answer a FETCH with fewer messages than asked. None of this is a real server."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from imapclient.exceptions import IMAPClientError

from tests.servers.fake_imap import FakeFolder, FakeIMAPClient, FakeMessage

COURIER_CAPS = ("IMAP4rev1", "UIDPLUS", "CHILDREN", "NAMESPACE", "THREAD=ORDEREDSUBJECT",
                "SORT", "QUOTA", "IDLE", "AUTH=PLAIN")


class FakeCourierClient(FakeIMAPClient):
    """A FAKE of Courier-IMAP 5: EXAMINE answers EXISTS and UIDVALIDITY but no UIDNEXT; with
    `status_uidnext=False` STATUS leaves it out too. `arrivals` are delivered to INBOX on the
    first IDLE, which reports EXISTS only when it ends (on DONE)."""

    def __init__(self, folders: Mapping[str, FakeFolder], *, user: str, password: str,
                 arrivals: Sequence[FakeMessage] = (), status_uidnext: bool = True) -> None:
        super().__init__(folders, COURIER_CAPS, user=user, password=password)
        self.arrivals = list(arrivals)
        self.status_uidnext = status_uidnext

    def select_folder(self, name: str, readonly: bool = False) -> dict[bytes, Any]:
        info = super().select_folder(name, readonly)
        info.pop(b"UIDNEXT")
        return info

    def folder_status(self, name: str, what: Sequence[bytes]) -> dict[bytes, int]:
        status = super().folder_status(name, what)
        return status if self.status_uidnext else {}

    def idle(self) -> None:
        self.commands.append("IDLE")

    def idle_check(self, timeout: float | None = None) -> list[Any]:
        time.sleep(min(timeout or 0.0, 0.05))  # a quiet server, not a busy loop
        return []  # Courier's IDLE here says nothing until DONE

    def idle_done(self) -> tuple[bytes, list[Any]]:
        inbox = self.folders["INBOX"].messages
        arrived = bool(self.arrivals)
        inbox += self.arrivals
        self.arrivals = []
        return b"IDLE terminated", [(len(inbox), b"EXISTS")] if arrived else []

    def search(self, criteria: Sequence[Any], charset: str | None = None) -> list[int]:
        if list(criteria) == ["UID", "*"]:
            self.commands.append("UID SEARCH")
            count = len(self._messages())
            return [count] if count else []
        return super().search(criteria, charset)


class FakeLimitedClient(FakeIMAPClient):
    """A FAKE server that refuses EXAMINE of `refuse_examine`, refuses SEARCH in
    `refuse_search`, answers every FETCH with at most `fetch_limit` messages, or drops the
    connection at the first FETCH (`drop_at_fetch`)."""

    def __init__(self, folders: Mapping[str, FakeFolder], *, user: str, password: str,
                 refuse_examine: Sequence[str] = (), refuse_search: Sequence[str] = (),
                 fetch_limit: int | None = None, drop_at_fetch: bool = False) -> None:
        super().__init__(folders, ("IMAP4rev1", "AUTH=PLAIN"), user=user, password=password)
        self.refuse_examine, self.refuse_search = set(refuse_examine), set(refuse_search)
        self.fetch_limit = fetch_limit
        self.drop_at_fetch = drop_at_fetch

    def select_folder(self, name: str, readonly: bool = False) -> dict[bytes, Any]:
        if name in self.refuse_examine:
            self.commands.append("EXAMINE")
            raise IMAPClientError("select failed: b'[LIMIT] Mailbox is locked'")
        return super().select_folder(name, readonly)

    def search(self, criteria: Sequence[Any], charset: str | None = None) -> list[int]:
        if self.selected in self.refuse_search:
            self.commands.append("UID SEARCH")
            raise IMAPClientError("SEARCH command error: NO [b'[LIMIT] Search too expensive']")
        return super().search(criteria, charset)

    def fetch(self, uids: Sequence[int], items: Sequence[str]) -> dict[int, dict[bytes, Any]]:
        if self.drop_at_fetch:
            raise ConnectionResetError(104, "Connection reset by peer")
        got = super().fetch(uids, items)
        if self.fetch_limit is None:
            return got
        return dict(list(got.items())[:self.fetch_limit])
