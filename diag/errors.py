"""The exception family for "the check could not run", with the exit codes of the CLI."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from diag.i18n import Text

if TYPE_CHECKING:
    from diag.findings import Verdict


class ExitStatus(IntEnum):
    OK = 0  # ok, or only warnings
    PROBLEM = 1  # a problem was found
    USAGE = 2  # bad arguments or input the tool cannot use
    INCONCLUSIVE = 3  # no problem found, but a check could not run
    ENVIRONMENT = 74  # the machine failed us: disk full, output closed (EX_IOERR)
    UNEXPECTED = 70  # a bug in iess-diag (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C

    @classmethod
    def for_verdict(cls, verdict: Verdict) -> ExitStatus:
        """Warnings still exit 0: the check ran and found nothing to act on urgently."""
        return {"problem": cls.PROBLEM, "inconclusive": cls.INCONCLUSIVE}.get(verdict, cls.OK)


class DiagError(Exception):
    """A failure the user can act on: it carries a sentence in both languages and an exit code."""

    exit_status = ExitStatus.UNEXPECTED

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


class UsageError(DiagError):
    """The arguments, options or input files cannot be used as given."""

    exit_status = ExitStatus.USAGE


class CheckFailed(DiagError):
    """The check could not run at all (for example no credentials could be obtained)."""

    exit_status = ExitStatus.INCONCLUSIVE


class EnvironmentFailed(DiagError):
    """The machine, not the input, stopped the run: a full disk, a closed output."""

    exit_status = ExitStatus.ENVIRONMENT
