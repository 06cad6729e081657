"""FAKES for what the private Dovecot cannot show: Gmail's and Outlook's IMAP quirks (fake
IMAPClient objects), a plain-text server without STARTTLS and a server that never speaks (tiny
scripted servers on loopback). None of this is a real provider; see mail-providers.md."""

from __future__ import annotations

import re
import socket
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import Quota

MUTATING = ("add_flags", "set_flags", "remove_flags", "copy", "move", "expunge", "append",
            "create_folder", "delete_folder", "rename_folder", "subscribe_folder",
            "delete_messages", "set_gmail_labels", "add_gmail_labels", "uid_expunge")


@dataclass
class FakeMessage:
    raw: bytes
    internaldate: datetime = field(default_factory=lambda: datetime.now(UTC))
    labels: tuple[str, ...] = ()  # Gmail X-GM-LABELS
    category: str = "primary"  # Gmail tab: primary, promotions, social…
    gmail_id: int = 0

    def header(self, name: str) -> str:
        value = message_from_bytes(self.raw).get(name, "")
        return str(make_header(decode_header(value))) if value else ""


@dataclass
class FakeFolder:
    attributes: tuple[bytes, ...]
    messages: list[FakeMessage] = field(default_factory=list)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class FakeIMAPClient:
    """Stands in for imapclient.IMAPClient after connect; records every command it is sent and
    refuses anything that would change the mailbox."""

    def __init__(self, folders: Mapping[str, FakeFolder], capabilities: Sequence[str], *,
                 user: str, password: str | None = None, token: str | None = None,
                 quota: tuple[int, int] | None = None) -> None:
        self.folders = dict(folders)
        self.caps = tuple(c.encode() for c in capabilities)
        self.user, self.password, self.token = user, password, token
        self.quota = quota
        self.commands: list[str] = ["CAPABILITY"]
        self._imap = self
        self.selected: str | None = None
        self.normalise_times = True

    @property
    def tagnum(self) -> int:
        return len(self.commands)

    def __getattr__(self, name: str) -> Any:
        if name in MUTATING:
            raise AssertionError(f"the mailbox must never be changed: {name}() was called")
        raise AttributeError(name)

    # -- session ----------------------------------------------------------------------------

    def capabilities(self) -> tuple[bytes, ...]:
        return self.caps

    def login(self, user: str, password: str) -> bytes:
        self.commands.append("LOGIN")
        password.encode("ascii")  # imaplib's LOGIN is ASCII-only
        if user != self.user or password != self.password:
            raise LoginError("b'[AUTHENTICATIONFAILED] Invalid credentials'")
        return b"OK"

    def sasl_login(self, mech: str, respond: Any) -> bytes:
        self.commands.append(f"AUTHENTICATE {mech}")
        answer = respond(b"").decode("utf-8")
        if mech == "PLAIN" and answer == f"\0{self.user}\0{self.password}":
            return b"OK"
        if mech == "XOAUTH2" and self.token and answer == (
                f"user={self.user}\1auth=Bearer {self.token}\1\1"):
            return b"OK"
        respond(b'{"status":"401"}')  # XOAUTH2 reports its error as a challenge
        raise LoginError("b'AUTHENTICATE failed.'")

    def logout(self) -> bytes:
        self.commands.append("LOGOUT")
        return b"BYE"

    def shutdown(self) -> None:
        pass

    # -- folders ----------------------------------------------------------------------------

    def list_folders(self, directory: str = "", pattern: str = "*") -> list[Any]:
        self.commands.append("LIST")
        return [(folder.attributes, b"/", name) for name, folder in self.folders.items()]

    def select_folder(self, name: str, readonly: bool = False) -> dict[bytes, Any]:
        assert readonly, "SELECT would let the server change \\Seen and \\Recent: EXAMINE only"
        self.commands.append("EXAMINE")
        if name not in self.folders:
            raise IMAPClientError("select failed: b'[NONEXISTENT] Unknown Mailbox'")
        self.selected = name
        count = len(self.folders[name].messages)
        return {b"EXISTS": count, b"UIDNEXT": count + 1, b"UIDVALIDITY": 1,
                b"READ-ONLY": [b""]}

    def folder_status(self, name: str, what: Sequence[bytes]) -> dict[bytes, int]:
        self.commands.append("STATUS")
        return {b"UIDNEXT": len(self.folders[name].messages) + 1}

    def get_quota_root(self, mailbox: str) -> tuple[Any, list[Quota]]:
        self.commands.append("GETQUOTAROOT")
        if self.quota is None:
            return None, []
        return None, [Quota("", "STORAGE", self.quota[0], self.quota[1])]

    # -- search and fetch -------------------------------------------------------------------

    def _messages(self) -> list[FakeMessage]:
        assert self.selected is not None, "SEARCH/FETCH without a selected folder"
        return self.folders[self.selected].messages

    def search(self, criteria: Sequence[Any], charset: str | None = None) -> list[int]:
        self.commands.append("UID SEARCH")
        self.check_charset(charset)
        tokens = list(criteria)
        found = []
        for uid, message in enumerate(self._messages(), 1):
            position = 0
            ok = True
            while position < len(tokens):
                hit, position = self._match(tokens, position, uid, message)
                ok = ok and hit
            if ok:
                found.append(uid)
        return found

    def check_charset(self, charset: str | None) -> None:
        pass

    def _match(self, tokens: list[Any], i: int, uid: int, message: FakeMessage
               ) -> tuple[bool, int]:
        key = str(tokens[i]).upper()
        if key == "OR":
            left, i = self._match(tokens, i + 1, uid, message)
            right, i = self._match(tokens, i, uid, message)
            return left or right, i
        value = tokens[i + 1]
        if key == "SINCE":
            assert isinstance(value, date)
            return message.internaldate.date() >= value, i + 2
        if key == "UID":
            first, _, last = str(value).partition(":")
            ids = {int(x) for x in str(value).split(",")} if "," in str(value) else None
            if ids is not None:
                return uid in ids, i + 2
            top = len(self._messages()) if last == "*" else int(last or first)
            return int(first) <= uid <= max(top, int(first)) or uid == top, i + 2
        if key == "FROM":
            return self.from_matches(message.header("From"), str(value)), i + 2
        if key == "SUBJECT":
            return _fold(str(value)) in _fold(message.header("Subject")), i + 2
        if key == "X-GM-RAW":
            return self.gmail_matches(str(value), message), i + 2
        raise IMAPClientError(f"fake server: unsupported search key {key}")

    def from_matches(self, header: str, value: str) -> bool:
        return _fold(value) in _fold(header)

    def gmail_matches(self, query: str, message: FakeMessage) -> bool:
        raise IMAPClientError("SEARCH command error: BAD [Could not parse command]")

    def fetch(self, uids: Sequence[int], items: Sequence[str]) -> dict[int, dict[bytes, Any]]:
        self.commands.append("UID FETCH")
        assert not isinstance(uids, str | bytes), "pass UID lists, never ranges"
        wanted = " ".join(items).upper()
        assert "BODY[" not in wanted.replace("BODY.PEEK[", ""), "BODY[] would set \\Seen"
        out = {}
        messages = self._messages()
        for uid in uids:
            message = messages[uid - 1]
            data: dict[bytes, Any] = {b"SEQ": uid, b"RFC822.SIZE": len(message.raw),
                                      b"INTERNALDATE": message.internaldate}
            if "BODY.PEEK[HEADER]" in wanted:
                data[b"BODY[HEADER]"] = message.raw.split(b"\n\n", 1)[0] + b"\n\n"
            elif "BODY.PEEK[]" in wanted:
                data[b"BODY[]<0>"] = message.raw[:262_144]
            if "X-GM-LABELS" in wanted:
                data[b"X-GM-LABELS"] = tuple(label.encode() for label in message.labels)
                data[b"X-GM-MSGID"] = message.gmail_id or uid
            out[uid] = data
        return out


GMAIL_CAPS = ("IMAP4REV1", "UNSELECT", "IDLE", "NAMESPACE", "QUOTA", "ID", "XLIST", "CHILDREN",
              "X-GM-EXT-1", "UIDPLUS", "COMPRESS=DEFLATE", "ENABLE", "MOVE", "CONDSTORE",
              "ESEARCH", "UTF8=ACCEPT", "LIST-EXTENDED", "LITERAL-", "SPECIAL-USE",
              "APPENDLIMIT=35651584", "AUTH=PLAIN", "AUTH=XOAUTH2")


class FakeGmailClient(FakeIMAPClient):
    """A FAKE of Gmail's IMAP: [Gmail]/All Mail holds everything but spam and trash, categories
    are only reachable through X-GM-RAW, labels come back in X-GM-LABELS."""

    def __init__(self, *, user: str, password: str, messages: Sequence[FakeMessage] = (),
                 spam: Sequence[FakeMessage] = (), trash: Sequence[FakeMessage] = (),
                 quota: tuple[int, int] | None = (1000, 15_000_000)) -> None:
        folders = {
            "INBOX": FakeFolder((b"\\HasNoChildren",),
                                [m for m in messages if "\\Inbox" in m.labels]),
            "[Gmail]": FakeFolder((b"\\HasChildren", b"\\Noselect")),
            "[Gmail]/Todos": FakeFolder((b"\\All", b"\\HasNoChildren"), list(messages)),
            "[Gmail]/Enviados": FakeFolder((b"\\HasNoChildren", b"\\Sent")),
            "[Gmail]/Spam": FakeFolder((b"\\HasNoChildren", b"\\Junk"), list(spam)),
            "[Gmail]/Papelera": FakeFolder((b"\\HasNoChildren", b"\\Trash"), list(trash)),
            "[Gmail]/Destacados": FakeFolder((b"\\Flagged", b"\\HasNoChildren")),
        }
        super().__init__(folders, GMAIL_CAPS, user=user, password=password, quota=quota)

    def gmail_matches(self, query: str, message: FakeMessage) -> bool:
        text = _fold(query)
        if "category:promotions" in text:
            return message.category == "promotions"
        days = re.search(r"newer_than:(\d+)d", text)
        if days and message.internaldate < datetime.now(UTC) - timedelta(days=int(days[1])):
            return False
        words = re.findall(r"[a-z0-9.]+", text.split("subject:(", 1)[-1])
        sender, subject = _fold(message.header("From")), _fold(message.header("Subject"))
        return "iess" in sender or "iess" in subject or any(
            w in subject.split() for w in words if w != "or")


OUTLOOK_CAPS = ("IMAP4", "IMAP4REV1", "AUTH=PLAIN", "AUTH=XOAUTH2", "SASL-IR", "UIDPLUS", "MOVE",
                "ID", "UNSELECT", "CHILDREN", "IDLE", "NAMESPACE", "LITERAL+")


class FakeOutlookClient(FakeIMAPClient):
    """A FAKE of Outlook.com / Microsoft 365 IMAP: no SPECIAL-USE, no QUOTA, Spanish folder
    names, SEARCH CHARSET refused with BADCHARSET, FROM on a full address missing mail."""

    def __init__(self, *, user: str, token: str, inbox: Sequence[FakeMessage] = (),
                 junk: Sequence[FakeMessage] = (), deleted: Sequence[FakeMessage] = (),
                 junk_name: str = "Correo no deseado") -> None:
        folders = {
            "Archivo": FakeFolder((b"\\HasNoChildren",)),
            "Bandeja de salida": FakeFolder((b"\\HasNoChildren",)),
            "Borradores": FakeFolder((b"\\HasNoChildren",)),
            junk_name: FakeFolder((b"\\HasNoChildren",), list(junk)),
            "Elementos eliminados": FakeFolder((b"\\HasNoChildren",), list(deleted)),
            "Elementos enviados": FakeFolder((b"\\HasNoChildren",)),
            "Historial de conversaciones": FakeFolder((b"\\HasNoChildren",)),
            "INBOX": FakeFolder((b"\\Marked", b"\\HasNoChildren"), list(inbox)),
            "Notas": FakeFolder((b"\\HasNoChildren",)),
        }
        super().__init__(folders, OUTLOOK_CAPS, user=user, token=token)
        self.refused_charsets: list[str] = []

    def check_charset(self, charset: str | None) -> None:
        if charset and charset.upper() != "US-ASCII":
            self.refused_charsets.append(charset)
            raise IMAPClientError("SEARCH command error: NO [b'[BADCHARSET (US-ASCII)] "
                                  "The specified charset is not supported.']")

    def from_matches(self, header: str, value: str) -> bool:
        # Outlook's FROM on a whole address can miss mail a partial string finds.
        return "@" not in value and super().from_matches(header, value)


# -- tiny scripted servers on loopback ----------------------------------------------------


@contextmanager
def silent_server() -> Iterator[tuple[str, int]]:
    """Accepts TCP connections and never says a word (a hung server or a black-holing
    firewall that completes the handshake)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()


@contextmanager
def closed_port() -> Iterator[tuple[str, int]]:
    """A loopback port with nothing listening: connections are refused at once."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield "127.0.0.1", port


@contextmanager
def bare_imap_server(user: str, password: str) -> Iterator[tuple[str, int, list[bytes]]]:
    """A plain-text IMAP server WITHOUT STARTTLS (an old in-house server). It accepts
    AUTHENTICATE PLAIN and has an empty INBOX; it records the lines it received."""
    import base64

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    received: list[bytes] = []
    expected = f"\0{user}\0{password}".encode()

    def serve(conn: socket.socket) -> None:
        stream = conn.makefile("rwb")
        stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE] bare server ready\r\n")
        stream.flush()
        pending_auth: bytes | None = None
        for line in stream:
            received.append(line)
            if pending_auth is not None:
                ok = base64.b64decode(line.strip() or b"=") == expected
                stream.write(pending_auth + (b" OK done\r\n" if ok else b" NO failed\r\n"))
                pending_auth = None
                stream.flush()
                continue
            tag, _, rest = line.strip().partition(b" ")
            verb = rest.split(b" ", 1)[0].upper()
            if verb == b"CAPABILITY":
                stream.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE\r\n" + tag + b" OK done\r\n")
            elif verb == b"AUTHENTICATE":
                pending_auth = tag
                stream.write(b"+ \r\n")
            elif verb == b"LIST":
                stream.write(b'* LIST () "/" INBOX\r\n' + tag + b" OK done\r\n")
            elif verb in (b"EXAMINE", b"SELECT"):
                stream.write(b"* 0 EXISTS\r\n* OK [UIDNEXT 1] x\r\n" + tag + b" OK [READ-ONLY]\r\n")
            elif verb == b"LOGOUT":
                stream.write(b"* BYE\r\n" + tag + b" OK done\r\n")
                stream.flush()
                break
            else:
                stream.write(tag + b" BAD unknown\r\n")
            stream.flush()
        conn.close()

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield "127.0.0.1", listener.getsockname()[1], received
    finally:
        listener.close()
