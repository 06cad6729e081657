"""`iess-diag find-reset-mail`: did the IESS recovery mail reach the mailbox, where, and when?"""

from __future__ import annotations

from typing import Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import current
from diag.cli.mailbox_options import (
    MAILBOX_DEFAULTS,
    MailboxArgs,
    search_mailbox,
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


@app.command(
    "find-reset-mail",
    epilog="Example / Ejemplo: IESS_DIAG_IMAP_PASSWORD=... iess-diag find-reset-mail "
           "ana@gmail.com --since 2h --wait 10m",
)
@with_mailbox_options
def find_reset_mail_command(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(metavar="ADDRESS", show_default=False,
                                           help="The address registered at IESS.")],
    mailbox: MailboxArgs = MAILBOX_DEFAULTS,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    audience: AudienceOption = None,
    debug: DebugOption = False,
) -> None:
    """Sign in to the mailbox READ-ONLY and find the IESS recovery mail in every folder."""
    env = current(ctx)
    report = search_mailbox(env, env.lang(lang), address, mailbox, nameservers=nameserver or (),
                            dns_timeout=dns_timeout, debug=debug or env.debug)
    context = plan_context(audience, mailbox.rules().link_validity)
    raise typer.Exit(emit(env, [report], fmt, lang, context, output, force))
