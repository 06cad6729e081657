"""Searching a signed-in mailbox for the IESS mail in few IMAP commands, and waiting for a new
one with IDLE; what was found, and what the search covered, become findings."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from diag.findings import Finding
from diag.mailbox.coverage import CoverageLog, Gap
from diag.mailbox.failures import CommandRefused
from diag.mailbox.folders import SEARCH_ORDER, Role
from diag.mailbox.options import Folder, MailboxOptions
from diag.mailbox.reading import HEADER_PAGE, Found, Reader
from diag.mailbox.verdicts import (
    WaitResult,
    absence_finding,
    quota_findings,
    searched_finding,
    wait_finding,
)
from diag.message.analysis import message_findings
from diag.message.model import Kind, SenderRules

if TYPE_CHECKING:
    from diag.mailbox.options import WaitTick
    from diag.mailbox.session import Session
    from diag.message.sending import BlocklistCheck

IDLE_RENEW = 25 * 60.0  # seconds; RFC 2177 servers may drop an IDLE after 29 minutes
_KINDS = (Kind.RECOVERY, Kind.UNVERIFIED, Kind.LOOKALIKE, Kind.IESS_OTHER)
_GMAIL_PROMOTIONS = "category:promotions"
Key = tuple[str, int, int]  # folder, UIDVALIDITY, UID: one message, reported once


@dataclass
class MailSearch:
    session: Session
    rules: SenderRules
    options: MailboxOptions
    clock: Callable[[], datetime]
    found: list[Found] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)
    waited: WaitResult | None = None
    quota_findings: list[Finding] = field(default_factory=list)
    gmail: bool = False
    refused: list[dict[str, str]] = field(default_factory=list)  # commands the server declined

    def __post_init__(self) -> None:
        now = self.clock()
        since = self.options.since
        self.since = since if isinstance(since, datetime) else now - since
        if self.since.tzinfo is None:
            self.since = self.since.astimezone()  # a naive moment is local time
        # SINCE compares dates in the server's zone: one day wider, exact times checked here.
        self.since_date: date = (self.since - timedelta(days=1)).date()
        self.terms = search_terms(self.rules)
        self.narrow = [("FROM", d) for d in self.rules.sender_domains]
        self.log = CoverageLog(self.since)
        self.reader = Reader(self.session, self.rules, self.options, self.since, self.log,
                             time.monotonic() + self.options.search_budget)
        self.seen: set[Key] = set()
        self.validity: dict[str, int] = {}

    # -- the search --------------------------------------------------------------------

    def run(self) -> None:
        caps = self.session.capabilities()
        self.folders = self.session.folders()
        self.quota_findings = quota_findings(self.session)
        all_mail = next((f for f in self.folders if f.role is Role.ALL), None)
        self.gmail = "X-GM-EXT-1" in caps and all_mail is not None
        if self.gmail and all_mail is not None:
            self._gmail(all_mail)
            return
        chosen, capped = plan(self.folders, self.options.max_other_folders)
        self.log.plan([f.name for f in [*chosen, *capped]])
        for folder in capped:
            self.log.left_out(folder.name, Gap.FOLDER_CAP)
        for folder in chosen:
            self._folder(folder)

    def _folder(self, folder: Folder) -> None:
        if folder.messages == 0:
            self.log.searched(folder.name)
            return  # LIST-STATUS said it is empty: no EXAMINE needed
        if self.reader.out_of_time():
            self.log.left_out(folder.name, Gap.TIME_BUDGET)
            return
        try:
            info = self._examine(folder.name)
            if not int(info.get(b"EXISTS", 1)):
                self.log.searched(folder.name)
                return
            uids = self.session.search(self.terms, self.since_date)
            # Many matches: the sender's own domain first, so look-alikes cannot crowd it out.
            first = self.session.search(self.narrow, self.since_date) \
                if len(uids) > HEADER_PAGE and self.narrow else []
            self._keep(self.reader.read(folder.name, folder.role, uids, first=first,
                                        uidvalidity=self.validity.get(folder.name, 0)))
        except CommandRefused as refused:
            self._refused(folder.name, refused)

    def _refused(self, folder: str, refused: CommandRefused) -> None:
        self.refused.append({"folder": folder, "command": refused.command, "said": refused.said})
        self.log.left_out(folder, Gap.REFUSED, command=refused.command, said=refused.said)

    def _examine(self, name: str) -> dict[bytes, Any]:
        info = self.session.examine(name)
        self.validity[name] = int(info.get(b"UIDVALIDITY", 0) or 0)
        return info

    def _keep(self, found: Iterable[Found]) -> None:
        """Each (folder, UIDVALIDITY, UID) once, however often a server shows it."""
        for item in found:
            key = (item.folder, item.uidvalidity, item.uid)
            if key not in self.seen:
                self.seen.add(key)
                self.found.append(item)

    def _gmail(self, all_mail: Folder) -> None:
        """[Gmail]/All Mail holds the inbox, its category tabs, archive and labels; spam and
        trash are outside it, so they are searched too. X-GM-LABELS says where each one is."""
        window = self.clock() - self.since
        query = gmail_query(self.rules, window)
        narrow = gmail_narrow_query(self.rules, window)
        extra = [f for f in self.folders if f.role in (Role.JUNK, Role.TRASH)]
        self.log.plan([f.name for f in [all_mail, *extra]])
        seen: set[int] = set()
        for folder in [all_mail, *extra]:
            if self.reader.out_of_time():
                self.log.left_out(folder.name, Gap.TIME_BUDGET)
                continue
            try:
                found = self._gmail_folder(folder, query, narrow, folder is all_mail)
            except CommandRefused as refused:
                self._refused(folder.name, refused)
                continue
            for item in found:
                if item.gmail_id is None or item.gmail_id not in seen:
                    seen.add(item.gmail_id or 0)
                    self.found.append(item)

    def _gmail_folder(self, folder: Folder, query: str, narrow: str, labels: bool
                      ) -> list[Found]:
        info = self._examine(folder.name)
        if int(info.get(b"EXISTS", 1)) == 0:
            self.log.searched(folder.name)
            return []
        uids = self.session.gmail_search(query)
        first = self.session.gmail_search(narrow) if len(uids) > HEADER_PAGE else []
        found = self.reader.read(folder.name, folder.role, uids, first=first, gmail=True)
        return self._place_by_labels(found) if labels else found

    def _place_by_labels(self, found: list[Found]) -> list[Found]:
        worth = [f.uid for f in found
                 if f.facts.kind in (Kind.RECOVERY, Kind.UNVERIFIED, Kind.LOOKALIKE)]
        promoted = set(self.session.gmail_search(_GMAIL_PROMOTIONS, worth)) if worth else set()
        return [_with_place(item, *gmail_place(item.labels, item.uid in promoted, item.folder))
                for item in found]

    # -- waiting -------------------------------------------------------------------------

    @property
    def full(self) -> bool:
        """The quota is used up: new mail bounces and never shows up anywhere in the box."""
        return any(f.code == "mailbox.full" for f in self.quota_findings)

    def skip_wait_full(self) -> None:
        self.waited = WaitResult(skipped_full=True)

    def wait(self, duration: timedelta, progress: Callable[[WaitTick], None] | None) -> None:
        """Until a NEW recovery mail arrives (IDLE on INBOX, junk and promotions checked every
        poll interval) or time runs out; Ctrl-C ends it with what was found so far."""
        result = self.waited = WaitResult()
        start = time.monotonic()
        self.wait_began = self.clock()
        deadline = start + duration.total_seconds()
        watch = [f for f in self.folders if f.role in (Role.INBOX, Role.JUNK, Role.PROMOTIONS)]
        inbox = next((f for f in watch if f.role is Role.INBOX), Folder("INBOX", Role.INBOX))
        idle = "IDLE" in self.session.capabilities()
        polled = [f for f in watch if not (idle and f is inbox)]
        marks = {f.name: self._next_uid(f.name) for f in polled}
        tick = _ticker(progress, start, deadline, self.options.stop_wait)
        try:
            inbox_mark = self._select_for_idle(inbox) if idle else 0
            stop = self.options.stop_wait
            while not self._new_recovery(result, start):
                if stop is not None and stop.is_set():
                    raise _Stopped
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                span = min(left, self.options.poll_interval, IDLE_RENEW)
                if idle and self.session.idle(span, tick):
                    inbox_mark = self._new_since(inbox, inbox_mark)
                elif not idle:
                    _sleep(span, tick)
                self._poll(polled, marks)
                if idle and self.session.selected != inbox.name:
                    self._examine(inbox.name)
        except (KeyboardInterrupt, _Stopped):
            result.interrupted = True
        result.waited = timedelta(seconds=time.monotonic() - start)

    def _next_uid(self, folder: str) -> int:
        """UIDNEXT from STATUS, else from EXAMINE, else the highest UID plus one: a server that
        leaves it out (Courier-IMAP) must not make every old message look new."""
        latest = self.session.uidnext(folder)
        if latest:
            return latest
        info = self._examine(folder)
        return int(info.get(b"UIDNEXT", 0) or 0) or self.session.highest_uid() + 1

    def _select_for_idle(self, inbox: Folder) -> int:
        info = self._examine(inbox.name)
        return (int(info.get(b"UIDNEXT", 0) or 0) or self.session.uidnext(inbox.name)
                or self.session.highest_uid() + 1)

    def _new_since(self, folder: Folder, mark: int) -> int:
        """Matches at or above `mark` in the selected folder; the next mark."""
        uids = [u for u in self.session.search(self.terms, None, uid_from=mark) if u >= mark]
        self._keep(self.reader.read(folder.name, folder.role, uids, new=True,
                                    uidvalidity=self.validity.get(folder.name, 0)))
        return max([mark, *(u + 1 for u in uids)])

    def _poll(self, folders: Sequence[Folder], marks: dict[str, int]) -> None:
        """STATUS UIDNEXT of each watched folder; EXAMINE only those that grew."""
        for folder in folders:
            latest = self._next_uid(folder.name)
            if latest > marks[folder.name]:
                if self.session.selected != folder.name:
                    self._examine(folder.name)
                self._new_since(folder, marks[folder.name])
                marks[folder.name] = latest

    def _new_recovery(self, result: WaitResult, start: float) -> bool:
        fresh = [f for f in self.found
                 if f.new and f.facts.kind in (Kind.RECOVERY, Kind.UNVERIFIED)]
        if fresh and result.noticed is None:
            result.noticed = timedelta(seconds=time.monotonic() - start)
            result.folder = fresh[0].folder
            arrived = fresh[0].facts.arrived_at
            if arrived is not None:
                result.arrived = max(arrived - self.wait_began, timedelta())
        return bool(fresh)

    # -- findings ------------------------------------------------------------------------

    def conclude(self, *, failed: bool, commands: int) -> list[Finding]:
        now = self.clock()
        findings = [*self.quota_findings, *self._message_findings(now)]
        # A mail whose links could not all be read is there, even if not known genuine: saying
        # "not found" would be false.
        there = any(f.facts.kind in (Kind.RECOVERY, Kind.UNVERIFIED) for f in self.found)
        coverage = self.log.result()
        if not failed and not there:
            findings.append(absence_finding(coverage))
        if coverage.searched or coverage.left_out:
            roles = {f.name: f.role.value for f in self.folders}
            findings.append(searched_finding(coverage, roles, gmail=self.gmail,
                                             commands=commands, refused=self.refused))
        if self.waited is not None:
            findings.append(wait_finding(self.waited))
        return findings

    def sending_findings(self, check: BlocklistCheck | None) -> list[Finding]:
        """The server that delivered the newest recovery mail, and its blocklists (DNS)."""
        from diag.message.sending import sending_findings

        recovery = [f for f in self.found if f.facts.kind is Kind.RECOVERY]
        newest = max(recovery, key=lambda f: f.arrived, default=None)
        if newest is None:
            return []
        return sending_findings(newest.facts, check, folder=newest.folder,
                                role=newest.role.value)

    def _message_findings(self, now: datetime) -> list[Finding]:
        findings: list[Finding] = []
        for kind in _KINDS:
            items = sorted((f for f in self.found if f.facts.kind is kind),
                           key=lambda f: f.arrived, reverse=True)[:self.options.per_kind]
            for i, item in enumerate(items):
                these = message_findings(item.facts, now=now, rules=self.rules,
                                         folder=item.folder, role=item.role.value)
                # Timing and authentication matter for the newest recovery mail only.
                findings += these[:1] if kind is Kind.RECOVERY and i else these
        return findings


# -- pure parts ---------------------------------------------------------------------------


def plan(folders: Sequence[Folder], max_other: int) -> tuple[list[Folder], list[Folder]]:
    """INBOX, junk, promotions, trash, archive, then other folders (filter rules move mail);
    and the other folders past `max_other`, which the coverage names as left out."""
    ordered = sorted((f for f in folders if f.role in SEARCH_ORDER),
                     key=lambda f: (SEARCH_ORDER.index(f.role), f.name.lower()))
    others = [f for f in ordered if f.role is Role.OTHER]
    # Empty folders (LIST-STATUS) cost nothing: only those with mail count against the cap.
    empty = [f for f in others if f.messages == 0]
    full = [f for f in others if f.messages != 0]
    kept = [f for f in ordered if f.role is not Role.OTHER] + empty + full[:max_other]
    return kept, full[max_other:]


def search_terms(rules: SenderRules) -> list[tuple[str, str]]:
    """FROM the sender domains and 'iess' (look-alikes too), SUBJECT fragments of the keywords:
    ASCII where possible ("contraseña" → "contras"), so no CHARSET is needed."""
    froms = list(dict.fromkeys([*rules.sender_domains, "iess"]))
    subjects = _fragments(["iess", *rules.keywords])
    return [("FROM", d) for d in froms] + [("SUBJECT", s) for s in subjects]


def _fragments(words: Iterable[str]) -> list[str]:
    pieces = []
    for word in words:
        word = word.strip().lower()
        prefix = ""
        for char in word:
            if not char.isascii():
                break
            prefix += char
        pieces.append(prefix[:7] if len(prefix) >= 4 else word)
    kept: list[str] = []
    for piece in sorted(set(filter(None, pieces)), key=lambda p: (len(p), p)):
        if not any(k in piece for k in kept):
            kept.append(piece)
    return kept


def gmail_query(rules: SenderRules, window: timedelta) -> str:
    days = max(1, math.ceil(window.total_seconds() / 86400)) + 1
    words = " OR ".join(_gmail_word(k) for k in rules.keywords)
    froms = " OR ".join(f"from:{d}" for d in rules.sender_domains)
    return f"in:anywhere newer_than:{days}d (iess OR {froms} OR subject:({words}))"


def gmail_narrow_query(rules: SenderRules, window: timedelta) -> str:
    days = max(1, math.ceil(window.total_seconds() / 86400)) + 1
    froms = " OR ".join(f"from:{d}" for d in rules.sender_domains)
    return f"in:anywhere newer_than:{days}d ({froms})"


def _gmail_word(word: str) -> str:
    clean = word.replace('"', "").strip()
    return f'"{clean}"' if any(c in clean for c in ' ():-') else clean


def gmail_place(labels: Sequence[str], promoted: bool, all_mail: str) -> tuple[str, Role]:
    names = set(labels)
    if "\\Spam" in names:
        return "[Gmail]/Spam", Role.JUNK
    if "\\Trash" in names:
        return "[Gmail]/Trash", Role.TRASH
    if "\\Inbox" in names:
        return (_GMAIL_PROMOTIONS, Role.PROMOTIONS) if promoted else ("INBOX", Role.INBOX)
    own = sorted(n for n in names if not n.startswith("\\"))
    if own:
        return own[0], Role.OTHER
    return all_mail, Role.ARCHIVE


def _with_place(item: Found, folder: str, role: Role) -> Found:
    return Found(item.facts, folder, role, item.uid, item.new, item.gmail_id, item.labels)


class _Stopped(Exception):
    """The wait's stop_wait event was set: ended as Ctrl-C ends it."""


def _ticker(progress: Callable[[WaitTick], None] | None, start: float, deadline: float,
            stop: threading.Event | None = None) -> Callable[[], None]:
    from diag.mailbox.options import WaitTick

    def tick() -> None:
        if stop is not None and stop.is_set():
            raise _Stopped  # from inside IDLE too: its DONE is sent on the way out
        if progress is not None:
            now = time.monotonic()
            progress(WaitTick(timedelta(seconds=now - start),
                              timedelta(seconds=max(deadline - now, 0.0))))
    return tick


def _sleep(seconds: float, tick: Callable[[], None]) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        tick()
        time.sleep(min(1.0, left))
