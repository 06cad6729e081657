"""`iess-diag diagnose`: one help-desk case in one report, to read, paste, print or file."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

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
    AudienceOption,
    DebugOption,
    DnsTimeoutOption,
    ForceOption,
    FormatOption,
    LangOption,
    NameserverOption,
    OutputOption,
)
from diag.cli.output import emit, plan_context

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
    force: ForceOption = False,
    redact: Annotated[bool, typer.Option(
        "--redact",
        help="Mask personal data in every format: the address (a****@hotmail.com), the "
             "mailbox user, other people's addresses, the cédula (17******18).")] = False,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    mailbox: MailboxArgs = MAILBOX_DEFAULTS,
    no_sender_check: Annotated[bool, typer.Option(
        "--no-sender-check",
        help="Skip the 'Sender (IESS)' section: SPF, DMARC and blocklists of the first sender "
             "domain (checked once every few minutes per process).")] = False,
    audience: AudienceOption = None,
    debug: DebugOption = False,
) -> None:
    """Diagnose one case: the address, then the mailbox (when sign-in details are given) and
    the cédula, with one action plan in the order to follow it."""
    from diag.case.diagnose import diagnose

    env = current(ctx)
    chosen_lang = env.lang(lang)
    from diag.sender.check import DEFAULT_SENDER

    wanted = _mailbox_wanted(env, mailbox, ctx.get_parameter_source("ms_client_id"))
    options = mailbox.options(datetime.now().astimezone()) if wanted else None
    checked_sender = None if no_sender_check else (mailbox.sender_domain or [DEFAULT_SENDER])[0]
    with Countdown(env, chosen_lang) as countdown:
        report = diagnose(address, credentials=mailbox.credentials(env, chosen_lang)
                          if wanted else None, mailbox=options,
                          rules=mailbox.rules() if wanted else None, cedula=cedula,
                          nameservers=nameserver or (), dns_timeout=dns_timeout,
                          progress=countdown, trace=tracer(env, debug or env.debug),
                          sender_domain=checked_sender)
    if redact:
        from diag.render.redact import redact as mask

        report = mask(report, also=[mailbox.user] if mailbox.user else [])
    context = plan_context(audience, mailbox.rules().link_validity)
    raise typer.Exit(emit(env, [report], fmt, chosen_lang, context, output, force))


def _mailbox_wanted(env: Environment, mailbox: MailboxArgs, client_id_source: object) -> bool:
    """Sign-in details were given: a user or server on the command line, a password or token in
    the environment, or --ms-client-id typed (a client id set for every run does not count)."""
    from diag.mailbox.credentials import PASSWORD_ENV, TOKEN_ENV

    typed = getattr(client_id_source, "name", None) == "COMMANDLINE"
    return bool(mailbox.user or mailbox.imap_host or typed or env.environ.get(PASSWORD_ENV)
                or env.environ.get(TOKEN_ENV, "").strip())
