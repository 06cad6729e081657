"""The iess-diag command line: a thin Typer layer over the diag library, and its error boundary."""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from diag import __version__
from diag.cli.environment import Environment
from diag.cli.help import HELP_LANG, HelpContext, spanish
from diag.cli.options import DEBUG_HELP, ROOT_LANG_HELP
from diag.errors import DiagError, ExitStatus
from diag.i18n import Lang, Text, default_lang

# name → (module under diag.cli, the line `iess-diag --help` shows). The order is the order of
# --help: the everyday commands first. A test checks each line against the command's docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "check-email": ("check_email_cmd",
                    "Check that an address is well formed and that its domain can receive mail."),
    "check-sender": ("sender_cmd",
                     "Check the sending domain: SPF, DMARC, DKIM, its mail servers, and whether "
                     "its sending servers are on a blocklist."),
    "find-reset-mail": ("find_mail_cmd",
                        "Sign in to the mailbox READ-ONLY and find the IESS recovery mail in "
                        "every folder."),
    "diagnose": ("diagnose_cmd",
                 "Diagnose one case: the address, then the mailbox (when sign-in details are "
                 "given) and the cédula, with one action plan in the order to follow it."),
    "batch": ("batch_cmd",
              "Check every address of an export file (CSV or a list), in order, resumable."),
    "check-id": ("identity_cmd",
                 "Check a cédula or RUC: its kind, province and check digit, offline."),
    "analyze-headers": ("analyze_cmd", "Tell whether a saved message is the genuine IESS mail or "
                                       "a look-alike, and when it came."),
    "explain": ("explain_cmd", "Print what a finding code means and the advice that goes with "
                               "it."),
    "advice": ("explain_cmd", "List the whole advice catalog, in the order an action plan uses "
                              "it."),
    "serve": ("serve_cmd", "Start the help desk's web page on this computer: check cases in a "
                           "browser, in Spanish by default, with the same findings and plan as "
                           "`diagnose`."),
}


class _LazyCommands(typer.core.TyperGroup):
    """Imports a command's module only when that command runs: building all eight commands
    and their options would double the start-up time of `iess-diag --help`."""

    context_class = HelpContext

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _build(cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        width = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shorten(_summary(line), width)) for name, (_, line) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _summary(line: str) -> str:
    return (spanish(line) or line) if HELP_LANG.get() is Lang.ES else line


def _shorten(line: str, width: int) -> str:
    return line if len(line) <= width else line[: max(width - 3, 10)].rsplit(" ", 1)[0] + "..."


def _build(name: str) -> Any:
    importlib.import_module(f"diag.cli.{COMMANDS[name][0]}")
    info = next(c for c in app.registered_commands if c.name == name)
    command = typer.main.get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=None)
    command.context_class = HelpContext
    return command


def load_all() -> list[str]:
    """Import every command module (for tests and documentation); returns the command names."""
    for module, _ in COMMANDS.values():
        importlib.import_module(f"diag.cli.{module}")
    return list(COMMANDS)


app = typer.Typer(
    name="iess-diag",
    cls=_LazyCommands,
    help="Find out why the IESS password-recovery email did not arrive, and what to do next. "
         "/ Averigüe por qué no llegó el correo de recuperación de clave del IESS.",
    no_args_is_help=True,
    # Locals in a traceback would include passwords and tokens: never show them.
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        from diag.cli.environment import current

        current(ctx).write(f"iess-diag {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    # No envvar here: IESS_DIAG_LANG is read once, by each command (and by _sniff_lang).
    lang: Annotated[Lang | None, typer.Option("--lang", case_sensitive=False,
                                              help=ROOT_LANG_HELP)] = None,
) -> None:
    """Find out why the IESS password-recovery email did not arrive, and what to do next."""
    from diag.cli.environment import current

    env = current(ctx)
    if debug:
        env.debug = True
    env.root_lang = lang


_UNEXPECTED = Text(
    "error interno inesperado ({kind}). Repita con --debug para ver el detalle y avise al "
    "equipo de iess-diag.",
    "unexpected internal error ({kind}). Run again with --debug for details and report it to "
    "the iess-diag team.",
)
_INTERRUPTED = Text("interrumpido.", "interrupted.")
_USAGE_HINT = Text("(las opciones se ven con --help)", "(see --help for the options)")


def _sniff_lang(argv: Sequence[str], env: Environment) -> Lang:
    """The language for errors and --help, which may be needed before Typer has parsed --lang
    (typed before or after the command; the last one typed wins, as it does for Typer)."""
    for i in reversed(range(len(argv))):
        arg = argv[i]
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value is not None and value.lower() in ("es", "en"):
            return Lang(value.lower())
    chosen = env.environ.get("IESS_DIAG_LANG", "")
    return Lang(chosen) if chosen in ("es", "en") else default_lang(env.environ)


def run(argv: Sequence[str], env: Environment | None = None) -> int:
    """Run one command line and return its exit status; never raises, never shows locals."""
    env = env or Environment()
    args = list(argv)
    lang = _sniff_lang(args, env)
    HELP_LANG.set(lang)
    try:
        result = app(args=args, prog_name="iess-diag", standalone_mode=False, obj=env)
        return int(result) if isinstance(result, int) else ExitStatus.OK
    except typer.Exit as done:
        return int(done.exit_code)
    except DiagError as error:
        env.note(f"iess-diag: error: {_shortened(error.message.get(lang))}")
        return int(error.exit_status)
    except typer.exceptions.TyperException as error:  # click's usage errors, vendored by Typer
        from diag.cli.usage import usage_message

        if _no_command(error):  # `iess-diag`, `iess-diag --lang es`: the help is the answer
            env.note(error.ctx.get_help())  # type: ignore[attr-defined]
            return ExitStatus.USAGE
        said = _shortened(usage_message(error, lang))
        env.note(f"iess-diag: error: {said} {_USAGE_HINT.get(lang)}")
        return int(getattr(error, "exit_code", ExitStatus.USAGE))
    except (KeyboardInterrupt, typer.Abort):
        env.note(f"iess-diag: {_INTERRUPTED.get(lang)}")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK  # the reader went away (| head): nothing left to say
    except OSError as error:
        from diag.cli.files import ENVIRONMENT_ERRNOS, environment_failed

        if error.errno not in ENVIRONMENT_ERRNOS:
            return _unexpected(error, args, env, lang)
        failed = environment_failed(error)
        env.note(f"iess-diag: error: {failed.message.get(lang)}")
        return int(failed.exit_status)
    except Exception as error:  # the one place a bug becomes a message instead of a traceback
        return _unexpected(error, args, env, lang)


_PASTED = re.compile(r"\S{200,}")


def _shortened(message: str) -> str:
    """An error names what was typed; a value thousands of characters long is shown by its
    start, so that the error stays one readable line."""
    def cut(found: re.Match[str]) -> str:
        token = found.group()
        return token[:60] + "…" + token[len(token.rstrip("'»\".,:;)")):]
    return _PASTED.sub(cut, message)


def _no_command(error: Exception) -> bool:
    """The root was given no command: nothing at all, or only its own options."""
    from typer._click.exceptions import NoArgsIsHelpError

    if isinstance(error, NoArgsIsHelpError):
        return True
    ctx = getattr(error, "ctx", None)
    message = str(getattr(error, "message", ""))
    return (ctx is not None and ctx.parent is None and message.startswith("Missing command"))


def _unexpected(error: Exception, args: Sequence[str], env: Environment, lang: Lang) -> int:
    if "--debug" in args:
        traceback.print_exception(error, file=env.stderr)
    env.note(f"iess-diag: error: {_UNEXPECTED.get(lang).format(kind=type(error).__name__)}")
    return ExitStatus.UNEXPECTED


def main() -> None:
    # A name typed on a Latin-1 terminal reaches argv as lone surrogates; printing it to a UTF-8
    # stdout would crash. Show such bytes escaped instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")
    if sys.argv[1:] == ["--version"]:  # answered before Typer builds every command: fast
        print(f"iess-diag {__version__}")
        sys.exit(ExitStatus.OK)
    if sys.stdout is None:  # the shell closed it (`>&-`): say so if anything is written there
        from diag.cli.files import ClosedOutput

        sys.stdout = ClosedOutput()
    status = run(sys.argv[1:])
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # the output is gone (full disk, closed pipe): already said
        import os

        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(status)
