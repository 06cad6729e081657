"""Findings and reports: the data every check produces and every renderer reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from diag.i18n import Text


class Status(StrEnum):
    OK = "ok"
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"  # the check could not tell; never a verdict either way


class Verdict(StrEnum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class Finding:
    """One observation with a stable code; its message is already written in both languages."""

    code: str
    status: Status
    message: Text
    details: Mapping[str, Any] = field(default_factory=dict)
    advice: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """What one command found about one input."""

    command: str
    input: str
    address: str | None
    findings: tuple[Finding, ...]
    # A combined report (diagnose) keeps each check's own report here; `findings` is then
    # their concatenation, so verdicts, exit codes and plain renderers need not know.
    sections: tuple[Report, ...] = ()

    @property
    def verdict(self) -> Verdict:
        return verdict_of(f.status for f in self.findings)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def find(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)


# The one severity order, least serious first. A failure outweighs an unknown: a known problem is
# worth acting on even if another check could not run.
STATUS_ORDER = (Status.INFO, Status.OK, Status.WARN, Status.UNKNOWN, Status.FAIL)
VERDICT_ORDER = (Verdict.OK, Verdict.WARNING, Verdict.INCONCLUSIVE, Verdict.PROBLEM)
_VERDICT_OF = {Status.INFO: Verdict.OK, Status.OK: Verdict.OK, Status.WARN: Verdict.WARNING,
               Status.UNKNOWN: Verdict.INCONCLUSIVE, Status.FAIL: Verdict.PROBLEM}


def severity(status: Status) -> int:
    """Higher is more serious."""
    return STATUS_ORDER.index(status)


def verdict_of(statuses: Iterable[Status]) -> Verdict:
    return worst(_VERDICT_OF[s] for s in statuses)


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """The most serious verdict; OK when there is none."""
    return max(verdicts, key=VERDICT_ORDER.index, default=Verdict.OK)
