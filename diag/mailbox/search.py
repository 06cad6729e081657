"""Searching a signed-in mailbox for the IESS mail in few IMAP commands, and waiting for a new
one with IDLE; what was found becomes findings."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from diag.codes import make
from diag.durations import human_text
from diag.findings import Finding, Status
from diag.i18n import Text
from diag.mailbox.failures import CommandRefused
from diag.mailbox.folders import SEARCH_ORDER, Role
from diag.mailbox.options import Fetched, Folder, MailboxOptions
from diag.message.analysis import analyze_message, message_findings
from diag.message.model import Kind, MessageFacts, SenderRules

if TYPE_CHECKING:
    from diag.mailbox.options import WaitTick
    from diag.mailbox.session import Session

HEADER_BATCH = 200  # newest matches of a folder whose headers are read (one FETCH)
WHOLE_AT_ONCE = 10  # up to this many matches, read them whole right away (one FETCH)
IDLE_RENEW = 25 * 60.0  # seconds; RFC 2177 servers may drop an IDLE after 29 minutes
_KINDS = (Kind.RECOVERY, Kind.LOOKALIKE, Kind.IESS_OTHER)
_GMAIL_PROMOTIONS = "category:promotions"


@dataclass(frozen=True)
class Found:
    """One message worth reporting, and where it sits."""

    facts: MessageFacts
    folder: str
    role: Role
    uid: int
    new: bool = False  # arrived while waiting
    gmail_id: int | None = None
    labels: tuple[str, ...] = ()

    @property
    def arrived(self) -> datetime:
        return self.facts.arrived_at or datetime.min.replace(tzinfo=UTC)


@dataclass
class WaitResult:
    waited: timedelta = timedelta()
    took: timedelta | None = None  # until the new recovery mail was seen
    folder: str | None = None
    interrupted: bool = False


@dataclass
class MailSearch:
    session: Session
    rules: SenderRules
    options: MailboxOptions
    clock: Callable[[], datetime]
    found: list[Found] = field(default_factory=list)
    searched: list[Folder] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)
    waited: WaitResult | None = None
    quota_findings: list[Finding] = field(default_factory=list)
    gmail: bool = False
    refused: list[dict[str, str]] = field(default_factory=list)  # folders the server declined

    def __post_init__(self) -> None:
        now = self.clock()
        since = self.options.since
        self.since = since if isinstance(since, datetime) else now - since
        if self.since.tzinfo is None:
            self.since = self.since.astimezone()  # a naive moment is local time
        # SINCE compares dates in the server's zone: one day wider, exact times checked here.
        self.since_date: date = (self.since - timedelta(days=1)).date()
        self.terms = search_terms(self.rules)

    # -- the search --------------------------------------------------------------------

    def run(self) -> None:
        caps = self.session.capabilities()
        self.folders = self.session.folders()
        self.quota_findings = quota_findings(self.session)
        all_mail = next((f for f in self.folders if f.role is Role.ALL), None)
        self.gmail = "X-GM-EXT-1" in caps and all_mail is not None
        if self.gmail and all_mail is not None:
            self._gmail(all_mail)
        else:
            for folder in plan(self.folders, self.options.max_other_folders):
                self._folder(folder)

    def _folder(self, folder: Folder) -> None:
        if folder.messages == 0:
            self.searched.append(folder)
            return  # LIST-STATUS said it is empty: no EXAMINE needed
        try:
            info = self.session.examine(folder.name)
            if int(info.get(b"EXISTS", 1)):
                uids = self.session.search(self.terms, self.since_date)
                self.found += self._read(folder.name, folder.role, uids)
        except CommandRefused as refused:
            self.refused.append({"folder": folder.name, "command": refused.command,
                                 "said": refused.said})
            return
        self.searched.append(folder)

    def _gmail(self, all_mail: Folder) -> None:
        """[Gmail]/All Mail holds the inbox, its category tabs, archive and labels; spam and
        trash are outside it, so they are searched too. X-GM-LABELS says where each one is."""
        query = gmail_query(self.rules, self.clock() - self.since)
        extra = [f for f in self.folders if f.role in (Role.JUNK, Role.TRASH)]
        seen: set[int] = set()
        for folder in [all_mail, *extra]:
            self.searched.append(folder)
            info = self.session.examine(folder.name)
            if int(info.get(b"EXISTS", 1)) == 0:
                continue
            found = self._read(folder.name, folder.role, self.session.gmail_search(query),
                               gmail=True)
            if folder is all_mail:
                found = self._place_by_labels(found)
            for item in found:
                if item.gmail_id is None or item.gmail_id not in seen:
                    seen.add(item.gmail_id or 0)
                    self.found.append(item)

    def _place_by_labels(self, found: list[Found]) -> list[Found]:
        worth = [f.uid for f in found if f.facts.kind in (Kind.RECOVERY, Kind.LOOKALIKE)]
        promoted = set(self.session.gmail_search(_GMAIL_PROMOTIONS, worth)) if worth else set()
        return [_with_place(item, *gmail_place(item.labels, item.uid in promoted, item.folder))
                for item in found]

    def _read(self, folder: str, role: Role, uids: Sequence[int], *, gmail: bool = False,
              new: bool = False) -> list[Found]:
        """Headers of the newest matches, then whole bodies of the few worth reporting."""
        chosen = sorted(set(uids))[-HEADER_BATCH:]
        if len(chosen) > WHOLE_AT_ONCE:
            heads = self.session.fetch(chosen, full=False, gmail=gmail)
            chosen = self._worth_reading(heads.values())
        found = []
        for item in self.session.fetch(chosen, full=True, gmail=gmail).values():
            facts = self._analyze(item)
            if facts is not None:
                found.append(Found(facts, folder, role, item.uid, new, item.gmail_id,
                                   item.labels))
        return found

    def _analyze(self, item: Fetched) -> MessageFacts | None:
        if item.internaldate is not None and item.internaldate < self.since:
            return None
        facts = analyze_message(item.raw, self.rules, arrived_at=item.internaldate,
                                headers_only=not item.complete)
        return None if facts.kind is Kind.UNRELATED else facts

    def _worth_reading(self, heads: Iterable[Fetched]) -> list[int]:
        by_kind: dict[Kind, list[tuple[datetime, int]]] = {}
        for item in heads:
            facts = self._analyze(item)
            if facts is not None and facts.arrived_at is not None:
                by_kind.setdefault(facts.kind, []).append((facts.arrived_at, item.uid))
        keep = self.options.per_kind
        return [uid for pairs in by_kind.values() for _, uid in sorted(pairs)[-keep:]]

    # -- waiting -------------------------------------------------------------------------

    def wait(self, duration: timedelta, progress: Callable[[WaitTick], None] | None) -> None:
        """Until a NEW recovery mail arrives (IDLE on INBOX, junk and promotions checked every
        poll interval) or time runs out; Ctrl-C ends it with what was found so far."""
        result = self.waited = WaitResult()
        start = time.monotonic()
        deadline = start + duration.total_seconds()
        watch = [f for f in self.folders if f.role in (Role.INBOX, Role.JUNK, Role.PROMOTIONS)]
        inbox = next((f for f in watch if f.role is Role.INBOX), Folder("INBOX", Role.INBOX))
        idle = "IDLE" in self.session.capabilities()
        polled = [f for f in watch if not (idle and f is inbox)]
        marks = {f.name: self.session.uidnext(f.name) for f in polled}
        tick = _ticker(progress, start, deadline)
        try:
            inbox_mark = self._select_for_idle(inbox) if idle else 0
            while not self._new_recovery(result, start):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                span = min(left, self.options.poll_interval, IDLE_RENEW)
                if idle and self.session.idle(span, tick):
                    inbox_mark = self._new_in_selected(inbox, inbox_mark)
                elif not idle:
                    _sleep(span, tick)
                if self._poll(polled, marks) and idle:
                    self.session.examine(inbox.name)
        except KeyboardInterrupt:
            result.interrupted = True
        result.waited = timedelta(seconds=time.monotonic() - start)

    def _select_for_idle(self, inbox: Folder) -> int:
        return int(self.session.examine(inbox.name).get(b"UIDNEXT", 1))

    def _new_in_selected(self, folder: Folder, mark: int) -> int:
        uids = [u for u in self.session.search(self.terms, None, uid_from=mark) if u >= mark]
        self.found += self._read(folder.name, folder.role, uids, new=True)
        return max([mark, *(u + 1 for u in uids)])

    def _poll(self, folders: Sequence[Folder], marks: dict[str, int]) -> bool:
        """STATUS UIDNEXT of each watched folder; EXAMINE only those that grew."""
        switched = False
        for folder in folders:
            latest = self.session.uidnext(folder.name)
            if latest > marks[folder.name]:
                self.session.examine(folder.name)
                switched = True
                uids = [u for u in self.session.search(self.terms, None,
                                                       uid_from=marks[folder.name])
                        if u >= marks[folder.name]]
                self.found += self._read(folder.name, folder.role, uids, new=True)
                marks[folder.name] = latest
        return switched

    def _new_recovery(self, result: WaitResult, start: float) -> bool:
        fresh = [f for f in self.found if f.new and f.facts.kind is Kind.RECOVERY]
        if fresh and result.took is None:
            result.took = timedelta(seconds=time.monotonic() - start)
            result.folder = fresh[0].folder
        return bool(fresh)

    # -- findings ------------------------------------------------------------------------

    def conclude(self, *, failed: bool, commands: int) -> list[Finding]:
        now = self.clock()
        findings = [*self.quota_findings, *self._message_findings(now)]
        genuine = any(f.facts.kind is Kind.RECOVERY for f in self.found)
        since = Text(_when(self.since), _when(self.since))
        if self.refused:
            findings.append(self._refused_finding())
        elif not failed and not genuine and self.searched:
            # Only a complete search may say "not there": a folder left out makes it unknown.
            findings.append(make("mail.not_found", texts={"since": since},
                                 since=self.since.isoformat(), folder_count=len(self.searched),
                                 folders=[f.name for f in self.searched]))
        if self.searched:
            findings.append(self._searched_finding(since, commands))
        if self.waited is not None:
            findings.append(wait_finding(self.waited))
        return findings

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

    def _refused_finding(self) -> Finding:
        shown = "; ".join(f"{r['folder']} ({r['command']}: {r['said'][:80]})"
                          for r in self.refused[:5])
        reason = Text(f"no se pudo revisar {shown}", f"could not search {shown}")
        return make("imap.server_error", texts={"reason": reason},
                    host=self.session.endpoint.host, port=self.session.endpoint.port,
                    cause="folder_refused", refused=self.refused)

    def _searched_finding(self, since: Text, commands: int) -> Finding:
        names = [f.name for f in self.searched]
        shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
        return make("mail.folders_searched", texts={"since": since, "names": Text(shown, shown)},
                    folder_count=len(names), since=self.since.isoformat(),
                    folders=[{"name": f.name, "role": f.role.value} for f in self.searched],
                    gmail=self.gmail, imap_commands=commands, refused=self.refused)


# -- pure parts ---------------------------------------------------------------------------


def plan(folders: Sequence[Folder], max_other: int) -> list[Folder]:
    """INBOX, junk, promotions, trash, archive, then other folders (filter rules move mail)."""
    ordered = sorted((f for f in folders if f.role in SEARCH_ORDER),
                     key=lambda f: (SEARCH_ORDER.index(f.role), f.name.lower()))
    others = [f for f in ordered if f.role is Role.OTHER][:max_other]
    return [f for f in ordered if f.role is not Role.OTHER] + others


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


def quota_findings(session: Session) -> list[Finding]:
    quota = session.quota()
    if quota is None:
        return []
    info: dict[str, Any] = {"usage_kib": quota.usage_kib, "limit_kib": quota.limit_kib,
                            "percent": quota.percent, "quota_root": quota.root}
    if quota.usage_kib >= quota.limit_kib:
        return [make("mailbox.full", **info)]
    if quota.percent >= 90:
        return [make("mailbox.nearly_full", **info)]
    return []


def wait_finding(result: WaitResult) -> Finding:
    waited = human_text(result.waited)
    info: dict[str, Any] = {"waited_seconds": round(result.waited.total_seconds()),
                            "interrupted": result.interrupted}
    if result.took is not None:
        took = human_text(result.took)
        where = result.folder or ""
        outcome = Text(f"Llegó un correo nuevo del IESS a «{where}» {took.es} después de empezar "
                       "a esperar.",
                       f"A new IESS mail arrived in '{where}' {took.en} after the wait began.")
        return make("mail.waited", Status.OK, texts={"outcome": outcome},
                    arrived_after_seconds=round(result.took.total_seconds()), folder=where,
                    **info)
    if result.interrupted:
        outcome = Text(f"Espera interrumpida tras {waited.es}: no llegó ningún correo nuevo del "
                       "IESS.",
                       f"Wait interrupted after {waited.en}: no new IESS mail arrived.")
    else:
        outcome = Text(f"Se esperó {waited.es}: no llegó ningún correo nuevo del IESS.",
                       f"Waited {waited.en}: no new IESS mail arrived.")
    return make("mail.waited", texts={"outcome": outcome}, advice=(), **info)


def _when(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def _ticker(progress: Callable[[WaitTick], None] | None, start: float, deadline: float
            ) -> Callable[[], None]:
    from diag.mailbox.options import WaitTick

    def tick() -> None:
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
