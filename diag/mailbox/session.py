"""The read-only IMAP session: TLS, sign-in, folder roles, quota, SEARCH, FETCH and IDLE.

Only EXAMINE and BODY.PEEK are used: nothing is ever marked read, moved or deleted.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from diag.i18n import Text
from diag.mailbox.failures import (
    CommandRefused,
    SessionFailed,
    is_protocol_refusal,
    login_failed,
    server_words,
    stalled,
    translate,
)
from diag.mailbox.folders import classify
from diag.mailbox.options import (
    BODY_CAP,
    Connector,
    Endpoint,
    Fetched,
    Folder,
    Quota,
    Security,
    command_budget,
)


def connect_imap(endpoint: Endpoint) -> Any:
    """A connected, not yet signed-in IMAPClient; certificates verified against `ca_file` or the
    system's CAs; `timeout` on connect and every read, and on each whole exchange twice that."""
    from diag.mailbox.transport import Guard, guarded_client

    guard = Guard()
    try:
        with guard.limit(command_budget(endpoint)):
            client = guarded_client(endpoint.host, endpoint.port,
                                    tls=endpoint.security is Security.TLS,
                                    ssl_context=tls_context(endpoint), timeout=endpoint.timeout,
                                    guard=guard)
    except Exception as error:
        raise (stalled(endpoint) if guard.expired else translate(error, endpoint)) from None
    client.normalise_times = False  # keep INTERNALDATE's zone
    return client


def tls_context(endpoint: Endpoint) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=endpoint.ca_file)


def open_session(endpoint: Endpoint, connect: Connector = connect_imap) -> Session:
    try:
        client = connect(endpoint)
    except Exception as error:
        raise translate(error, endpoint) from None
    session = Session(client, endpoint)
    session.secure()
    return session


class _Once:
    """A SASL response sent once; an empty answer to any further challenge (XOAUTH2 sends its
    error as a challenge) so the server ends the exchange with NO instead of BAD."""

    def __init__(self, response: str) -> None:
        self._response: str | None = response

    def __call__(self, _challenge: bytes) -> bytes:
        response, self._response = self._response, None
        return response.encode("utf-8") if response is not None else b""


class Session:
    """One signed-in IMAP connection that only reads."""

    def __init__(self, client: Any, endpoint: Endpoint) -> None:
        self.client = client
        self.endpoint = endpoint
        self.trace: list[str] = []  # command names, for --debug; never arguments with secrets
        self.plaintext = False
        self.selected: str | None = None

    # -- plumbing ------------------------------------------------------------------------

    @property
    def command_count(self) -> int:
        """Tagged IMAP commands sent so far, counted by imaplib itself (logout not yet)."""
        from diag.mailbox.transport import tagged_commands

        counted = tagged_commands(self.client)
        return len(self.trace) if counted is None else counted

    def call(self, name: str | None, method: Callable[..., Any], *args: Any, **kwargs: Any
             ) -> Any:
        """One exchange, within the command budget; failures become CommandRefused (NO/BAD)
        or SessionFailed (the session cannot go on)."""
        if name:
            self.trace.append(name)
        guard = getattr(self.client, "guard", None)
        limit = guard.limit(command_budget(self.endpoint)) if guard else contextlib.nullcontext()
        try:
            with limit:
                return method(*args, **kwargs)
        except Exception as error:
            raise self._failure(error, name or "CAPABILITY", guard) from None

    def _failure(self, error: Exception, command: str, guard: Any) -> Exception:
        import imaplib

        if guard is not None and guard.expired:
            return stalled(self.endpoint)
        if isinstance(error, SessionFailed | CommandRefused):
            return error
        if is_protocol_refusal(error) and "got more than" not in str(error):
            return CommandRefused(command, server_words(error))
        if isinstance(error, OSError | EOFError | imaplib.IMAP4.abort):
            return translate(error, self.endpoint)
        return SessionFailed("imap.server_error", Text(
            f"no se entendió la respuesta a {command}", f"the answer to {command} made no sense"),
            host=self.endpoint.host, port=self.endpoint.port, cause="protocol", command=command)

    def call_optional(self, name: str, method: Callable[..., Any], *args: Any) -> Any:
        """None when the server declines the command or its answer cannot be parsed (an
        imapclient parser bug on an empty QUOTAROOT, say); a lost connection still fails."""
        try:
            return self.call(name, method, *args)
        except CommandRefused:
            return None
        except SessionFailed as failure:
            if failure.code == "imap.server_error":
                return None
            raise

    def capabilities(self) -> frozenset[str]:
        caps = self.call(None, self.client.capabilities)  # cached, or one CAPABILITY
        return frozenset(_text(c).upper() for c in caps)

    # -- connection and sign-in -----------------------------------------------------------

    def secure(self) -> None:
        if self.endpoint.security is Security.TLS:
            return
        if "STARTTLS" in self.capabilities():
            try:
                self.call("STARTTLS", self.client.starttls, tls_context(self.endpoint))
            except CommandRefused as refused:
                self.close()
                raise SessionFailed("imap.tls_failed", Text(
                    f"el servidor rechazó STARTTLS y respondió «{refused.said}»",
                    f"the server refused STARTTLS and said '{refused.said}'"),
                    cause="starttls_refused") from None
            return
        if self.endpoint.security is Security.STARTTLS:
            self.close()
            raise SessionFailed("imap.tls_failed", Text(
                "el servidor no ofrece STARTTLS; no se envió ninguna credencial sin cifrar",
                "the server does not offer STARTTLS; no credential was sent unencrypted"),
                cause="no_starttls")
        self.plaintext = True

    def login_password(self, user: str, password: str) -> None:
        caps = self.capabilities()
        if "AUTH=PLAIN" in caps:
            # AUTHENTICATE PLAIN carries UTF-8: passwords with ñ or accents work.
            self._authenticate("PLAIN", _Once(f"\0{user}\0{password}"), secret=password)
        elif "LOGINDISABLED" in caps:
            raise login_failed(Text("el servidor no permite iniciar sesión sin cifrado",
                                     "the server refuses sign-in without encryption"))
        elif password.isascii():
            self._authenticate("LOGIN", None, user, password, secret=password)
        else:
            raise login_failed(Text(
                "el servidor solo ofrece LOGIN, que no puede enviar letras con tilde o ñ",
                "the server only offers LOGIN, which cannot send accented letters or ñ"))

    def login_oauth2(self, user: str, token: str) -> None:
        caps = self.capabilities()
        if "AUTH=XOAUTH2" in caps:
            self._authenticate("XOAUTH2", _Once(f"user={user}\1auth=Bearer {token}\1\1"),
                               secret=token)
        elif "AUTH=OAUTHBEARER" in caps:
            self._authenticate("OAUTHBEARER", _Once(f"n,a={user},\1auth=Bearer {token}\1\1"),
                               secret=token)
        else:
            raise login_failed(Text("el servidor no ofrece inicio de sesión OAuth2 (XOAUTH2)",
                                     "the server offers no OAuth2 sign-in (XOAUTH2)"))

    def _authenticate(self, mech: str, response: _Once | None, *login: str, secret: str) -> None:
        from diag.mailbox.credentials import echoes_secret, response_code

        sent = response._response if response is not None else None
        try:
            if response is None:
                self.call("LOGIN", self.client.login, *login)
            else:
                self.call(f"AUTHENTICATE {mech}", self.client.sasl_login, mech, response)
        except CommandRefused as refused:
            # A server may quote the credential back ("wrong password X"), upper-cased, cut short
            # or as the base64 it was sent in: then only its response code is repeated.
            said = refused.said
            if echoes_secret(said, secret, sent=sent):
                said = response_code(said)
                answer = (Text(f"el servidor respondió {said}; su texto repetía la credencial y "
                               "no se muestra", f"the server answered {said}; its text repeated "
                               "the credential and is not shown") if said else
                          Text("la respuesta del servidor repetía la credencial y no se muestra",
                               "the server's reply repeated the credential and is not shown"))
                raise login_failed(answer, server_said=said) from None
            quoted = f"«{said.strip().rstrip('.')}»"  # the server's own words, in its language
            raise login_failed(Text(f"el servidor respondió {quoted}",
                                     f"the server said {quoted}"), server_said=said) from None

    def close(self) -> None:
        try:
            self.call("LOGOUT", self.client.logout)
        except (SessionFailed, CommandRefused):
            with contextlib.suppress(Exception):
                self.client.shutdown()

    # -- folders, quota -------------------------------------------------------------------

    def folders(self) -> list[Folder]:
        caps = self.capabilities()
        listed = self._list_status(caps) if "LIST-STATUS" in caps else None
        if listed is None:
            rows = self.call("LIST", self.client.list_folders)
            listed = [(row, None) for row in rows]
        folders = []
        for (attrs, delimiter, name), count in listed:
            flags = tuple(_text(a) for a in attrs)
            role = classify(str(name), flags, _text(delimiter) if delimiter else "/")
            folders.append(Folder(str(name), role, flags, count))
        return folders

    def _list_status(self, caps: frozenset[str]) -> list[tuple[Any, int | None]] | None:
        """LIST with RETURN (STATUS (MESSAGES)) (RFC 5819): empty folders need no EXAMINE."""
        from imapclient.imap_utf7 import decode
        from imapclient.response_parser import parse_response

        from diag.mailbox.transport import list_with_status

        returns = "(SPECIAL-USE STATUS (MESSAGES))" if "SPECIAL-USE" in caps else \
            "(STATUS (MESSAGES))"
        answer = self.call("LIST", list_with_status, self.client, returns)
        if answer is None:
            return None
        rows, statuses = answer
        counts: dict[str, int] = {}
        for line in statuses:
            name, items = parse_response([line])[:2]
            values = dict(zip(items[::2], items[1::2], strict=False))
            folder = decode(name) if isinstance(name, bytes) else str(name)
            counts[folder] = int(values.get(b"MESSAGES", 0))
        return [(row, counts.get(str(row[2]))) for row in rows]

    def quota(self) -> Quota | None:
        """Storage use of INBOX's quota root, in KiB (RFC 9208); None when not advertised."""
        if "QUOTA" not in self.capabilities():
            return None
        answer = self.call_optional("GETQUOTAROOT", self.client.get_quota_root, "INBOX")
        if answer is None:
            return None
        _roots, quotas = answer
        for quota in quotas:
            if quota.resource.upper() == "STORAGE" and quota.limit:
                return Quota(quota.quota_root, int(quota.usage), int(quota.limit))
        return None

    # -- reading --------------------------------------------------------------------------

    def examine(self, folder: str) -> dict[bytes, Any]:
        """Open read-only (EXAMINE): flags, \\Recent and \\Seen stay exactly as they are."""
        info = self.call("EXAMINE", self.client.select_folder, folder, readonly=True)
        self.selected = folder
        return dict(info)

    def search(self, terms: Sequence[tuple[str, str]], since: date | None,
               uid_from: int | None = None) -> list[int]:
        """UIDs matching any of (FROM|SUBJECT, text); a CHARSET only for non-ASCII text, and
        ASCII text alone again when the server refuses it (Outlook: BADCHARSET)."""
        ascii_terms = [t for t in terms if t[1].isascii()]
        if len(ascii_terms) < len(terms):
            try:
                return self._search(criteria(terms, since, uid_from), "UTF-8")
            except CommandRefused:
                pass
        if not ascii_terms:
            return []
        return self._search(criteria(ascii_terms, since, uid_from), None)

    def _search(self, query: list[Any], charset: str | None) -> list[int]:
        return [int(u) for u in self.call("UID SEARCH", self.client.search, query, charset)]

    def gmail_search(self, query: str, uids: Sequence[int] = ()) -> list[int]:
        criteria_: list[Any] = ["X-GM-RAW", query]
        if uids:
            criteria_ = ["UID", ",".join(str(u) for u in uids), *criteria_]
        charset = None if query.isascii() else "UTF-8"
        return [int(u) for u in self.call("UID SEARCH X-GM-RAW", self.client.search, criteria_,
                                          charset)]

    def fetch(self, uids: Iterable[int], *, full: bool, gmail: bool = False
              ) -> dict[int, Fetched]:
        ordered = sorted(set(uids))
        if not ordered:
            return {}
        body = f"BODY.PEEK[]<0.{BODY_CAP}>" if full else "BODY.PEEK[HEADER]"
        items = ["INTERNALDATE", "RFC822.SIZE", body]
        if gmail:
            items += ["X-GM-LABELS", "X-GM-MSGID"]
        data = self.call("UID FETCH", self.client.fetch, ordered, items)
        return {int(uid): _fetched(int(uid), values, full) for uid, values in data.items()}

    def uidnext(self, folder: str) -> int:
        """STATUS UIDNEXT; 0 when the server refuses it or leaves it out."""
        status = self.call_optional("STATUS", self.client.folder_status, folder, [b"UIDNEXT"])
        return int((status or {}).get(b"UIDNEXT", 0) or 0)

    def highest_uid(self) -> int:
        """The selected folder's highest UID (`UID SEARCH UID *`); 0 when it is empty."""
        found = self.call("UID SEARCH", self.client.search, ["UID", "*"], None)
        return max((int(u) for u in found), default=0)

    def idle(self, seconds: float, tick: Callable[[], None] | None = None) -> bool:
        """IDLE on the selected folder for up to `seconds`, calling `tick` about once a second;
        True when the server announced new mail (EXISTS). The caller re-issues it well before
        RFC 2177's 29 minutes."""
        self.call("IDLE", self.client.idle)
        end = time.monotonic() + seconds
        responses: list[Any] = []
        try:
            while not any(_is_exists(r) for r in responses):
                left = end - time.monotonic()
                if left <= 0:
                    break
                if tick is not None:
                    tick()
                responses += self.call(None, self.client.idle_check, timeout=min(1.0, left))
        finally:
            done = self.call("DONE", self.client.idle_done)
        more = done[1] if isinstance(done, tuple) and len(done) > 1 else []
        return any(_is_exists(r) for r in [*responses, *more])


def criteria(terms: Sequence[tuple[str, str]], since: date | None,
             uid_from: int | None = None) -> list[Any]:
    """`SINCE d OR FROM a OR SUBJECT b SUBJECT c`: prefix ORs need no parentheses, which
    imapclient would send without the charset."""
    query: list[Any] = []
    if uid_from is not None:
        query += ["UID", f"{uid_from}:*"]
    if since is not None:
        query += ["SINCE", since]
    for i, (key, text) in enumerate(terms):
        if i < len(terms) - 1:
            query.append("OR")
        query += [key, text]
    return query


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _is_exists(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"


def _fetched(uid: int, values: dict[bytes, Any], full: bool) -> Fetched:
    raw = b""
    for key, value in values.items():
        if isinstance(key, bytes) and key.startswith(b"BODY[") and isinstance(value, bytes):
            raw = value
    when = values.get(b"INTERNALDATE")
    labels = tuple(_text(x) for x in values.get(b"X-GM-LABELS", ()) or ())
    gmail_id = values.get(b"X-GM-MSGID")
    return Fetched(uid, when if isinstance(when, datetime) else None,
                   int(values.get(b"RFC822.SIZE", len(raw)) or 0), raw, full, labels,
                   int(gmail_id) if gmail_id is not None else None)
