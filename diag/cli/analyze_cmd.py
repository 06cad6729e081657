"""`iess-diag analyze-headers FILE.eml`: is a saved message the genuine IESS mail, and when?"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.options import DebugOption, FormatOption, LangOption, OutputOption
from diag.cli.output import emit
from diag.cli.rules_options import (
    DelayThresholdOption,
    KeywordOption,
    LinkValidityOption,
    SenderDomainOption,
    build_rules,
)
from diag.errors import UsageError
from diag.i18n import Text, os_error_text

MAX_FILE_BYTES = 25 * 1024 * 1024  # the largest message the big providers accept

_TOO_BIG = Text("«{name}» pesa más de 25 MB: no es un mensaje de correo que se pueda analizar.",
                "'{name}' is larger than 25 MB: not a mail message that can be analysed.")
_MISSING = Text("no existe el archivo «{name}».", "the file '{name}' does not exist.")
_FOLDER = Text("«{name}» es una carpeta, no un archivo .eml.",
               "'{name}' is a folder, not an .eml file.")
_DENIED = Text("no hay permiso para leer «{name}».", "no permission to read '{name}'.")
_UNREADABLE = Text("no se pudo leer «{name}»: {reason}.", "could not read '{name}': {reason}.")
_EMPTY = Text("«{name}» está vacío.", "'{name}' is empty.")
_STDIN_TWICE = Text("la entrada estándar (-) solo se puede leer una vez.",
                    "standard input (-) can be read only once.")
_STDIN_NAME = "<stdin>"


def _read_stdin(env: Environment) -> bytes:
    binary = getattr(env.stdin, "buffer", None)
    if binary is not None:
        data: bytes = binary.read(MAX_FILE_BYTES + 1)
    else:  # a text stream (tests): bytes that were not UTF-8 come back unchanged
        data = env.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(_TOO_BIG.format(name=_STDIN_NAME))
    return data


def _read_file(name: str) -> bytes:
    path = Path(name)
    try:
        if path.is_dir():
            raise UsageError(_FOLDER.format(name=name))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(_TOO_BIG.format(name=name))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(_MISSING.format(name=name)) from None
    except PermissionError:
        raise UsageError(_DENIED.format(name=name)) from None
    except OSError as error:
        raise UsageError(_UNREADABLE.format(name=name, reason=os_error_text(error))) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise UsageError(_TOO_BIG.format(name=name))
    return data


@app.command(
    "analyze-headers",
    epilog="Example / Ejemplo: iess-diag analyze-headers examples/phishing-lookalike.eml "
           "--lang es",
)
def analyze_headers_command(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(
        metavar="FILE", show_default=False,
        help="A saved message (.eml, 'show original'), or - to read one from stdin.")],
    sender_domain: SenderDomainOption = None,
    keyword: KeywordOption = None,
    link_validity: LinkValidityOption = None,
    delay_threshold: DelayThresholdOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Tell whether a saved message is the genuine IESS mail or a look-alike, and when it came."""
    from diag.message.analysis import message_report

    env = current(ctx)
    if files.count("-") > 1:
        raise UsageError(_STDIN_TWICE)
    rules = build_rules(sender_domain, keyword, link_validity, delay_threshold)
    now = datetime.now(UTC)
    reports = []
    for name in files:
        raw = _read_stdin(env) if name == "-" else _read_file(name)
        shown = _STDIN_NAME if name == "-" else name
        if not raw.strip():
            raise UsageError(_EMPTY.format(name=shown))
        reports.append(message_report(raw, shown, rules=rules, now=now))
    raise typer.Exit(emit(env, reports, fmt, lang, output))
