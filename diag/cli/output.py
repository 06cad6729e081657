"""Writing reports out and turning verdicts into the exit status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from diag.advice.plan import PlanContext
from diag.cli.environment import Environment
from diag.errors import ExitStatus
from diag.findings import Report, worst
from diag.i18n import Lang, Text, os_error_text
from diag.render import Format, render

_BY_SUFFIX = {".html": Format.HTML, ".htm": Format.HTML, ".md": Format.MARKDOWN,
              ".json": Format.JSON, ".txt": Format.TABLE}
_SAVED = Text("informe guardado en {path}", "report saved to {path}")
_CANNOT_WRITE = Text("no se pudo escribir el informe en «{path}»: {reason}.",
                     "could not write the report to '{path}': {reason}.")
_EXISTS = Text("«{path}» ya existe (o es un enlace): elija otro nombre, o use --force para "
               "reemplazarlo.",
               "'{path}' already exists (or is a link): choose another name, or use --force to "
               "replace it.")


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
         lang: Lang | None, context: PlanContext | None = None, output: Path | None = None,
         force: bool = False) -> ExitStatus:
    """The reports on stdout, or in `output` (`-` is stdout); the exit status they call for."""
    chosen = env.lang(lang)
    if output is None or output == Path("-"):
        show(env, reports, fmt, chosen, context)
    else:
        text = render(reports, fmt or by_suffix(output), chosen, context=context)
        save(env, output, text, chosen, force=force)
    return exit_status(reports)


def by_suffix(path: Path) -> Format:
    return _BY_SUFFIX.get(path.suffix.lower(), Format.TABLE)


def save(env: Environment, path: Path, text: str, lang: Lang, *, force: bool = False) -> None:
    """Write a report file whole (plain, no colour; 0600; an existing file only with --force)
    and say where it went."""
    from diag.errors import UsageError
    from diag.private_files import NotOurs, write_text

    try:
        write_text(path, text, replace=force)
    except NotOurs:
        raise UsageError(_EXISTS.format(path=path)) from None
    except OSError as error:
        from diag.cli.files import ENVIRONMENT_ERRNOS, environment_failed

        if error.errno in ENVIRONMENT_ERRNOS:
            raise environment_failed(error) from None
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=os_error_text(error))) from error
    env.note(f"iess-diag: {_SAVED.format(path=path).get(lang)}")
