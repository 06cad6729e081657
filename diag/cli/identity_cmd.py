"""`iess-diag check-id`: is a cédula or RUC well formed, and which kind is it?"""

from __future__ import annotations

from typing import Annotated

import typer

from diag.cli import app
from diag.cli.environment import current
from diag.cli.options import DebugOption, ForceOption, FormatOption, LangOption, OutputOption
from diag.cli.output import emit
from diag.errors import UsageError
from diag.i18n import Text

_NO_NUMBERS = Text("no se recibió ningún número.", "no number was given.")


@app.command(
    "check-id",
    epilog="Example / Ejemplo: iess-diag check-id 1714307103 1792060346001 --lang es",
)
def check_id_command(
    ctx: typer.Context,
    numbers: Annotated[list[str], typer.Argument(
        metavar="NUMBER",
        help="One or more cédulas (10 digits) or RUCs (13 digits), or - to read one per line "
             "from stdin. Spaces, dashes and dots are tolerated and reported.",
        show_default=False)],
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Check a cédula or RUC: its kind, province and check digit, offline."""
    from diag.identity.numbers import check_ids

    env = current(ctx)
    numbers = env.values(numbers)
    if not numbers:
        raise UsageError(_NO_NUMBERS)
    raise typer.Exit(emit(env, check_ids(numbers), fmt, lang, output=output, force=force))
