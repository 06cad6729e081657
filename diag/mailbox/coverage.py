"""What a mailbox search covered, as a typed record: only a complete one may say "not there"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Gap(StrEnum):
    """Why part of the mailbox was not searched."""

    FOLDER_CAP = "folder_cap"  # more folders than --max-folders
    MATCH_CAP = "match_cap"  # more matches in a folder than the search reads
    TIME_BUDGET = "time_budget"  # the search ran out of its time
    REFUSED = "refused"  # the server refused EXAMINE, SEARCH or FETCH
    SERVER_LIMIT = "server_limit"  # the server answered fewer messages than asked
    STOPPED = "stopped"  # the session ended before the folder was reached


@dataclass(frozen=True)
class LeftOut:
    """One folder, or part of one, that was not read; `matches` None: not even counted."""

    folder: str
    why: Gap
    matches: int | None = None
    command: str = ""
    said: str = ""

    def as_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"folder": self.folder, "why": self.why.value,
                                 "matches": self.matches}
        if self.command:
            shown |= {"command": self.command, "said": self.said[:200]}
        return shown


@dataclass(frozen=True)
class Coverage:
    """Every planned folder, each either searched whole or left out (wholly or in part)."""

    since: datetime
    planned: tuple[str, ...]
    searched: tuple[str, ...]
    matches_read: int
    left_out: tuple[LeftOut, ...]

    @property
    def complete(self) -> bool:
        """Listed folders exist, each was searched, every match since `since` was read."""
        return bool(self.planned) and not self.left_out and set(self.planned) <= set(
            self.searched)

    @property
    def folders_left_out(self) -> list[str]:
        return list(dict.fromkeys(g.folder for g in self.left_out))

    @property
    def matches_left_out(self) -> int:
        return sum(g.matches or 0 for g in self.left_out)

    def as_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "since": self.since.isoformat(),
                "folders_planned": len(self.planned), "folders_searched": len(self.searched),
                "matches_read": self.matches_read, "matches_left_out": self.matches_left_out,
                "left_out": [g.as_dict() for g in self.left_out]}


@dataclass
class CoverageLog:
    """Filled in while searching; a planned folder never marked done counts as left out."""

    since: datetime
    planned: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    matches_read: int = 0
    gaps: list[LeftOut] = field(default_factory=list)

    def plan(self, names: Sequence[str]) -> None:
        self.planned += [n for n in names if n not in self.planned]

    def searched(self, folder: str, read: int = 0) -> None:
        self.done.append(folder)
        self.matches_read += read

    def left_out(self, folder: str, why: Gap, matches: int | None = None, *,
                 command: str = "", said: str = "") -> None:
        self.gaps.append(LeftOut(folder, why, matches, command, said))

    def result(self) -> Coverage:
        reached = set(self.done) | {g.folder for g in self.gaps}
        stopped = [LeftOut(n, Gap.STOPPED) for n in self.planned if n not in reached]
        return Coverage(self.since, tuple(self.planned), tuple(dict.fromkeys(self.done)),
                        self.matches_read, (*self.gaps, *stopped))
