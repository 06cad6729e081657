"""Reading a folder's matches newest first, page by page within the search's limits, and
recording in the coverage log every match it could not read."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from diag.mailbox.coverage import CoverageLog, Gap
from diag.mailbox.folders import Role
from diag.mailbox.options import BODY_CAP, Fetched, MailboxOptions
from diag.message.analysis import analyze_message
from diag.message.model import Kind, MessageFacts, SenderRules

if TYPE_CHECKING:
    from diag.mailbox.session import Session

HEADER_PAGE = 200  # headers read per FETCH, newest first
WHOLE_PAGE = 20  # whole messages read per FETCH
WHOLE_AT_ONCE = 10  # up to this many matches, read them whole right away (one FETCH)


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
    uidvalidity: int = 0

    @property
    def arrived(self) -> datetime:
        return self.facts.arrived_at or datetime.min.replace(tzinfo=UTC)


@dataclass
class Reader:
    """Reads matches for one search; `deadline` is a time.monotonic() moment."""

    session: Session
    rules: SenderRules
    options: MailboxOptions
    since: datetime
    log: CoverageLog
    deadline: float

    def out_of_time(self) -> bool:
        return time.monotonic() >= self.deadline

    def read(self, folder: str, role: Role, uids: Sequence[int], *, first: Sequence[int] = (),
             gmail: bool = False, new: bool = False, uidvalidity: int = 0) -> list[Found]:
        """Every match's header (the `first` ones before the rest, each newest first), then the
        whole of each that may be the recovery mail and of the newest of the other kinds."""
        order = _newest_first(first, uids)
        if len(order) <= WHOLE_AT_ONCE:
            read = self._wholes(folder, order, gmail)
        else:
            candidates, others = self._worth_reading(self._headers(folder, order, gmail))
            read = self._wholes(folder, candidates, gmail, self.options.per_kind)
            read += self._wholes(folder, others, gmail)
        found = [Found(facts, folder, role, item.uid, new, item.gmail_id, item.labels, uidvalidity)
                 for item, facts in read]
        self.log.searched(folder, len(order))
        return found

    def _headers(self, folder: str, order: list[int], gmail: bool) -> list[Fetched]:
        cap = max(self.options.max_matches, 1)
        heads: list[Fetched] = []
        start = 0
        while start < len(order):
            if start >= cap or (start and self.out_of_time()):
                self.log.left_out(folder, Gap.MATCH_CAP if start >= cap else Gap.TIME_BUDGET,
                                  len(order) - start)
                break
            page = order[start:min(start + HEADER_PAGE, cap)]
            got = self.session.fetch(page, full=False, gmail=gmail)
            self._short(folder, page, got)
            heads += [got[u] for u in page if u in got]
            start += len(page)
        return heads

    def _wholes(self, folder: str, uids: list[int], gmail: bool, enough: int | None = None
                ) -> list[tuple[Fetched, MessageFacts]]:
        out: list[tuple[Fetched, MessageFacts]] = []
        genuine = 0
        for start in range(0, len(uids), WHOLE_PAGE):
            if enough is not None and genuine >= enough:
                break  # the newest genuine ones are in hand: older candidates change nothing
            if start and self.out_of_time():
                self.log.left_out(folder, Gap.TIME_BUDGET, len(uids) - start)
                break
            page = uids[start:start + WHOLE_PAGE]
            got = self.session.fetch(page, full=True, gmail=gmail)
            self._short(folder, page, got)
            for uid in page:
                facts = self.analyze(got[uid]) if uid in got else None
                if facts is not None:
                    out.append((got[uid], facts))
                    genuine += facts.kind is Kind.RECOVERY
        return out

    def _short(self, folder: str, asked: Sequence[int], got: dict[int, Fetched]) -> None:
        missing = [u for u in asked if u not in got]
        if missing:
            self.log.left_out(folder, Gap.SERVER_LIMIT, len(missing), command="UID FETCH",
                              said=f"{len(got)} of {len(asked)}")

    def analyze(self, item: Fetched) -> MessageFacts | None:
        if item.internaldate is not None and item.internaldate < self.since:
            return None
        facts = analyze_message(item.raw, self.rules, arrived_at=item.internaldate,
                                headers_only=not item.complete, truncated=_cut_short(item))
        return None if facts.kind is Kind.UNRELATED else facts

    def _worth_reading(self, heads: Sequence[Fetched]) -> tuple[list[int], list[int]]:
        """Every possible recovery mail (newest first: only the body tells a forgery), and the
        newest few look-alikes and other IESS mails to report."""
        by_kind: dict[Kind, list[tuple[datetime, int]]] = {}
        for item in heads:
            facts = self.analyze(item)
            if facts is not None:
                when = facts.arrived_at or datetime.min.replace(tzinfo=UTC)
                by_kind.setdefault(facts.kind, []).append((when, item.uid))
        newest = {kind: [uid for _, uid in sorted(pairs, reverse=True)]
                  for kind, pairs in by_kind.items()}
        # A header alone never proves a mail genuine (Kind.UNVERIFIED): every one that may be
        # the recovery mail is read whole.
        maybe = (Kind.RECOVERY, Kind.UNVERIFIED)
        others = [uid for kind, uids in newest.items() if kind not in maybe
                  for uid in uids[:self.options.per_kind]]
        candidates = sorted(((when, uid) for kind in maybe for when, uid in by_kind.get(kind, ())),
                            reverse=True)
        return [uid for _, uid in candidates], others


def _cut_short(item: Fetched) -> bool:
    """A whole-message fetch stopped at BODY_CAP, so the rest (and its links) was never read.
    Judged by the bytes received, not by RFC822.SIZE alone: a server whose size differs from
    what it sends (Exchange builds the MIME on the fly) must not make every small mail look
    cut, nor one that ignores the range and sends it all."""
    return item.complete and len(item.raw) >= BODY_CAP and item.size != len(item.raw)


def _newest_first(first: Sequence[int], uids: Sequence[int]) -> list[int]:
    head = sorted(set(first), reverse=True)
    rest = sorted(set(uids) - set(head), reverse=True)
    return head + rest
