"""`iess-diag diagnose`: one help-desk case in one report, to read, paste, print or file."""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.mailbox_options import (
    MAILBOX_DEFAULTS,
    Countdown,
    MailboxArgs,
    tracer,
    with_mailbox_options,
)
from diag.cli.options import (
    DebugOption,
    DnsTimeoutOption,
    FormatOption,
    LangOption,
    NameserverOption,
    OutputOption,
)
from diag.cli.output import exit_status, show
from diag.errors import UsageError
from diag.i18n import Lang, Text, os_error_text
from diag.render import Format, render

if TYPE_CHECKING:
    from diag.findings import Report

_BY_SUFFIX = {".html": Format.HTML, ".htm": Format.HTML, ".md": Format.MARKDOWN,
              ".json": Format.JSON, ".txt": Format.TABLE}
_SAVED = Text("informe guardado en {path}", "report saved to {path}")
_CANNOT_WRITE = Text("no se pudo escribir el informe en «{path}»: {reason}.",
                     "could not write the report to '{path}': {reason}.")

_EPILOG = (
    "Example / Ejemplo: IESS_DIAG_IMAP_PASSWORD=... iess-diag diagnose ana.perez@gmail.com "
    "--user ana.perez@gmail.com --cedula 1712345618 --redact -f html -o caso.html --lang es"
)


@app.command("diagnose", epilog=_EPILOG)
@with_mailbox_options
def diagnose_command(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(
        metavar="ADDRESS", help="The address registered at IESS, as the person gave it.",
        show_default=False)],
    cedula: Annotated[str | None, typer.Option(
        "--cedula", metavar="NUMBER",
        help="Also check this cédula or RUC and add it to the report.")] = None,
    fmt: FormatOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    redact: Annotated[bool, typer.Option(
        "--redact",
        help="Mask personal data in every format: the address (a****@hotmail.com), the "
             "mailbox user, other people's addresses, the cédula (17******18).")] = False,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    mailbox: MailboxArgs = MAILBOX_DEFAULTS,
    debug: DebugOption = False,
) -> None:
    """Diagnose one case: the address, then the mailbox (when sign-in details are given) and
    the cédula, with one action plan in the order to follow it."""
    from diag.case.diagnose import diagnose

    env = current(ctx)
    chosen_lang = env.lang(lang)
    wanted = _mailbox_wanted(env, mailbox, ctx.get_parameter_source("ms_client_id"))
    options = mailbox.options(datetime.now().astimezone()) if wanted else None
    with Countdown(env, chosen_lang) as countdown:
        report = diagnose(address, credentials=mailbox.credentials(env, chosen_lang)
                          if wanted else None, mailbox=options,
                          rules=mailbox.rules() if wanted else None, cedula=cedula,
                          nameservers=nameserver or (), dns_timeout=dns_timeout,
                          progress=countdown, trace=tracer(env, debug or env.debug))
    if redact:
        from diag.render.redact import redact as mask

        report = mask(report, also=[mailbox.user] if mailbox.user else [])
    _deliver(env, report, fmt, chosen_lang, None if output == Path("-") else output)
    raise typer.Exit(exit_status([report]))


def _deliver(env: Environment, report: Report, fmt: Format | None, lang: Lang,
             path: Path | None) -> None:
    """On stdout as check-email does, or into the file (plain, no colour)."""
    if path is None:
        show(env, [report], fmt, lang)
        return
    text = render([report], fmt or _BY_SUFFIX.get(path.suffix.lower(), Format.TABLE), lang)
    try:
        write_atomically(path, text)
    except OSError as error:
        reason = os_error_text(error)
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=reason)) from error
    env.note(f"iess-diag: {_SAVED.format(path=path).get(lang)}")


def write_atomically(path: Path, text: str) -> None:
    """A reader sees the old file or the whole new one, never half; mode 0600, as the report
    holds personal data."""
    import tempfile

    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _mailbox_wanted(env: Environment, mailbox: MailboxArgs, client_id_source: object) -> bool:
    """Sign-in details were given: a user or server on the command line, a password or token in
    the environment, or --ms-client-id typed (a client id set for every run does not count)."""
    from diag.mailbox.credentials import PASSWORD_ENV, TOKEN_ENV

    typed = getattr(client_id_source, "name", None) == "COMMANDLINE"
    return bool(mailbox.user or mailbox.imap_host or typed or env.environ.get(PASSWORD_ENV)
                or env.environ.get(TOKEN_ENV, "").strip())
