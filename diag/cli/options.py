"""Options shared by several commands, declared once (sqlite-utils style)."""

from __future__ import annotations

from typing import Annotated

import typer

from diag.i18n import Lang
from diag.render import Format

FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format. Default: table on a terminal, json otherwise.")]
LangOption = Annotated[Lang | None, typer.Option(
    "--lang", case_sensitive=False, envvar="IESS_DIAG_LANG",
    help="Language of messages: es or en. Default: from the locale (es when LANG/LC_* starts "
         "with 'es').")]
NameserverOption = Annotated[list[str] | None, typer.Option(
    "--nameserver", envvar="IESS_DIAG_NAMESERVER", metavar="IP[:PORT]",
    help="DNS server to ask instead of the system's; repeatable. The variable takes several "
         "separated by spaces.")]
DnsTimeoutOption = Annotated[float, typer.Option(
    "--dns-timeout", min=0.1, max=120.0, metavar="SECONDS",
    help="Total time allowed for the DNS checks of one address.")]
DebugOption = Annotated[bool, typer.Option(
    "--debug", help="Show the full traceback of an unexpected error (never secrets).")]



def _audience(value: str | None) -> str | None:
    """agent|person, or their Spanish names (agente|persona)."""
    if value is None:
        return None
    chosen = {"agent": "agent", "agente": "agent", "person": "person",
              "persona": "person"}.get(value.strip().lower())
    if chosen is None:
        raise typer.BadParameter("agent | person (agente | persona)")
    return chosen


AudienceOption = Annotated[str | None, typer.Option(
    "--audience", metavar="agent|person", callback=_audience, envvar="IESS_DIAG_AUDIENCE",
    help="Whom the action plan speaks to: agent (default: what to do and what to tell the "
         "person) or person (the affiliate, directly). Spanish: agente, persona.")]
