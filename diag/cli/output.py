"""Writing reports out and turning verdicts into the exit status."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from diag.cli.environment import Environment
from diag.errors import ExitStatus
from diag.findings import Report, Verdict
from diag.i18n import Lang
from diag.render import Format, render

_EXIT = {Verdict.OK: ExitStatus.OK, Verdict.WARNING: ExitStatus.OK,
         Verdict.PROBLEM: ExitStatus.PROBLEM, Verdict.INCONCLUSIVE: ExitStatus.INCONCLUSIVE}
_SEVERITY = (ExitStatus.PROBLEM, ExitStatus.INCONCLUSIVE, ExitStatus.OK)


def exit_status(reports: Sequence[Report]) -> ExitStatus:
    """The most serious outcome among the reports: a problem, then inconclusive, then ok."""
    found = {_EXIT[r.verdict] for r in reports}
    return next((s for s in _SEVERITY if s in found), ExitStatus.OK)


def emit(env: Environment, reports: Sequence[Report], fmt: Format | None,
         lang: Lang | None) -> ExitStatus:
    chosen = env.format(fmt)
    color = bool(env.stdout_isatty) and "NO_COLOR" not in env.environ
    width = shutil.get_terminal_size((100, 24)).columns if env.stdout_isatty else 100
    env.write(render(reports, chosen, env.lang(lang), color=color, width=width))
    return exit_status(reports)
