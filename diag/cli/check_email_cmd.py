"""`iess-diag check-email`: is the address well formed, and can its domain receive mail?"""

from __future__ import annotations

from typing import Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import current
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
from diag.errors import UsageError
from diag.i18n import Text

_NO_ADDRESSES = Text("no se recibió ninguna dirección.", "no address was given.")


@app.command(
    "check-email",
    epilog="Example / Ejemplo: iess-diag check-email ana.perez@hotmail.com --lang es",
)
def check_email_command(
    ctx: typer.Context,
    addresses: Annotated[list[str], typer.Argument(
        metavar="ADDRESS", help="One or more addresses, or - to read one per line from stdin.",
        show_default=False)],
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    audience: AudienceOption = None,
    debug: DebugOption = False,
) -> None:
    """Check that an address is well formed and that its domain can receive mail."""
    from diag.deliverability.check import check_emails

    env = current(ctx)
    addresses = env.values(addresses)
    if not addresses:
        raise UsageError(_NO_ADDRESSES)
    reports = check_emails(addresses, nameservers=nameserver or (), dns_timeout=dns_timeout)
    raise typer.Exit(emit(env, reports, fmt, lang, plan_context(audience), output, force))
