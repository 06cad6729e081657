"""`iess-diag explain CODE` and `iess-diag advice`: the catalog, readable without a check."""

from __future__ import annotations

from typing import Annotated

import typer

from diag.cli import app
from diag.cli.environment import current
from diag.cli.options import LangOption
from diag.errors import UsageError
from diag.i18n import Lang, Text

_MEANING = Text("Qué significa", "What it means")
_DEFAULT_STATUS = Text("Estado habitual", "Usual status")


@app.command("explain", epilog="Example / Ejemplo: iess-diag explain domain.null_mx --lang es")
def explain_command(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="A finding code, e.g. mx.unresolvable.")],
    lang: LangOption = None,
) -> None:
    """Print what a finding code means and the advice that goes with it."""
    from diag.advice.catalog import CATALOG  # the catalogs load only when asked: fast --help
    from diag.codes import CODES
    from diag.render import labels

    env = current(ctx)
    chosen = env.lang(lang)
    info = CODES.get(code.strip().lower())
    if info is None:
        known = ", ".join(sorted(CODES))
        raise UsageError(Text(f"no existe el código «{code}». Códigos: {known}",
                              f"there is no code '{code}'. Codes: {known}"))
    lines = [
        f"{info.code}",
        f"  {_DEFAULT_STATUS.get(chosen)}: {labels.STATUS[info.status].get(chosen)}",
        f"  {_MEANING.get(chosen)}: {info.meaning.get(chosen)}",
    ]
    if info.advice:
        lines.append(f"  {labels.WHAT_TO_DO.get(chosen)}:")
        lines += [_advice_line(CATALOG[i].id, chosen, "    - ") for i in info.advice]
    env.write("\n".join(lines) + "\n")


@app.command("advice", epilog="Example / Ejemplo: iess-diag advice --lang en")
def advice_command(ctx: typer.Context, lang: LangOption = None) -> None:
    """List the whole advice catalog, in the order an action plan uses it."""
    from diag.advice.catalog import CATALOG

    env = current(ctx)
    chosen = env.lang(lang)
    entries = sorted(CATALOG.values(), key=lambda a: a.priority)
    env.write("\n".join(_advice_line(a.id, chosen, "") for a in entries) + "\n")


def _advice_line(advice_id: str, lang: Lang, indent: str) -> str:
    from diag.advice.catalog import CATALOG, SOURCE_NAMES
    from diag.render import labels

    entry = CATALOG[advice_id]
    return (f"{indent}[{entry.id}] {entry.get(lang)} "
            f"({labels.SOURCE.get(lang)}: {SOURCE_NAMES[entry.source].get(lang)})")
