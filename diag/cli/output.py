"""Writing reports out and turning verdicts into the exit status."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


def exit_status(reports: Sequence[Report]) -> ExitStatus:
    """The most serious outcome among the reports: a problem, then inconclusive, then ok."""
    return ExitStatus.for_verdict(worst(r.verdict for r in reports))


def show(env: Environment, reports: Sequence[Report], fmt: Format | None, lang: Lang) -> None:
    """The reports on stdout: a table on a terminal (in colour where rich says so), else JSON."""
    chosen = env.format(fmt)
    color = chosen is Format.TABLE and env.color()
    env.write(render(reports, chosen, lang, color=color, width=env.width()))


def emit(env: Environment, reports: Sequence[Report], fmt: Format | None,
         lang: Lang | None, output: Path | None = None) -> ExitStatus:
    """The reports on stdout, or in `output` (`-` is stdout); the exit status they call for."""
    chosen = env.lang(lang)
    if output is None or output == Path("-"):
        show(env, reports, fmt, chosen)
    else:
        save(env, output, render(reports, fmt or by_suffix(output), chosen), chosen)
    return exit_status(reports)


def by_suffix(path: Path) -> Format:
    return _BY_SUFFIX.get(path.suffix.lower(), Format.TABLE)


def save(env: Environment, path: Path, text: str, lang: Lang) -> None:
    """Write a report file whole (plain, no colour) and say where it went."""
    from diag.cli.diagnose_cmd import write_atomically
    from diag.errors import UsageError

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=os_error_text(error))) from error
    env.note(f"iess-diag: {_SAVED.format(path=path).get(lang)}")
