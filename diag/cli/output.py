"""Writing reports out and turning verdicts into the exit status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from diag.advice.plan import PlanContext
from diag.cli.environment import Environment
from diag.errors import ExitStatus
from diag.findings import Report, worst
from diag.i18n import Lang
from diag.render import Format, render


def exit_status(reports: Sequence[Report]) -> ExitStatus:
    """The most serious outcome among the reports: a problem, then inconclusive, then ok."""
    return ExitStatus.for_verdict(worst(r.verdict for r in reports))


def show(env: Environment, reports: Sequence[Report], fmt: Format | None, lang: Lang,
         context: PlanContext | None = None) -> None:
    """The reports on stdout: a table on a terminal (in colour where rich says so), else JSON."""
    chosen = env.format(fmt)
    color = chosen is Format.TABLE and env.color()
    env.write(render(reports, chosen, lang, color=color, width=env.width(), context=context))


def plan_context(audience: str | None, link_validity: timedelta | None = None,
                 now: datetime | None = None) -> PlanContext:
    """The plan's settings from the options: the voice, --link-validity, the clock."""
    from diag.advice.case import Audience

    chosen = Audience(audience or Audience.AGENT)
    if link_validity is None:
        return PlanContext(chosen, now=now)
    return PlanContext(chosen, link_validity, now)


def emit(env: Environment, reports: Sequence[Report], fmt: Format | None,
         lang: Lang | None, context: PlanContext | None = None) -> ExitStatus:
    show(env, reports, fmt, env.lang(lang), context)
    return exit_status(reports)
