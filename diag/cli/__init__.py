"""The iess-diag command line: a thin Typer layer over the diag library, and its error boundary."""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated

import typer

from diag import __version__
from diag.cli.environment import Environment
from diag.errors import DiagError, ExitStatus
from diag.i18n import Lang, Text, default_lang

app = typer.Typer(
    name="iess-diag",
    help="Find out why the IESS password-recovery email did not arrive, and what to do next. "
         "/ Averigüe por qué no llegó el correo de recuperación de clave del IESS.",
    no_args_is_help=True,
    # Locals in a traceback would include passwords and tokens: never show them.
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iess-diag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Find out why the IESS password-recovery email did not arrive, and what to do next."""


# Each module adds its commands to `app` when imported, after `app` exists; the order here is
# the order of `iess-diag --help`: the everyday commands first.
COMMAND_MODULES = tuple(
    importlib.import_module(f"diag.cli.{name}")
    for name in ("check_email_cmd", "find_mail_cmd", "diagnose_cmd", "batch_cmd", "identity_cmd",
                 "analyze_cmd", "explain_cmd")
)

_UNEXPECTED = Text(
    "error interno inesperado ({kind}). Repita con --debug para ver el detalle y avise al "
    "equipo de iess-diag.",
    "unexpected internal error ({kind}). Run again with --debug for details and report it to "
    "the iess-diag team.",
)
_INTERRUPTED = Text("interrumpido.", "interrupted.")
_USAGE_HINT = Text("(use --help para ver las opciones)", "(see --help for the options)")


def _sniff_lang(argv: Sequence[str], env: Environment) -> Lang:
    """The language for errors, which may happen before Typer has parsed --lang."""
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in ("es", "en"):
            return Lang(value)
    chosen = env.environ.get("IESS_DIAG_LANG", "")
    return Lang(chosen) if chosen in ("es", "en") else default_lang(env.environ)


def run(argv: Sequence[str], env: Environment | None = None) -> int:
    """Run one command line and return its exit status; never raises, never shows locals."""
    env = env or Environment()
    args = list(argv)
    lang = _sniff_lang(args, env)
    try:
        result = app(args=args, prog_name="iess-diag", standalone_mode=False, obj=env)
        return int(result) if isinstance(result, int) else ExitStatus.OK
    except typer.Exit as done:
        return int(done.exit_code)
    except DiagError as error:
        env.note(f"iess-diag: error: {error.message.get(lang)}")
        return int(error.exit_status)
    except typer.exceptions.TyperException as error:  # click's usage errors, vendored by Typer
        format_message = getattr(error, "format_message", None)
        message = format_message() if callable(format_message) else str(error)
        env.note(f"iess-diag: error: {message} {_USAGE_HINT.get(lang)}")
        return int(getattr(error, "exit_code", ExitStatus.USAGE))
    except (KeyboardInterrupt, typer.Abort):
        env.note(f"iess-diag: {_INTERRUPTED.get(lang)}")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK  # the reader went away (| head): nothing left to say
    except Exception as error:  # the one place a bug becomes a message instead of a traceback
        if "--debug" in args:
            traceback.print_exc(file=env.stderr)
        env.note(f"iess-diag: error: {_UNEXPECTED.get(lang).format(kind=type(error).__name__)}")
        return ExitStatus.UNEXPECTED


def main() -> None:
    sys.exit(run(sys.argv[1:]))
