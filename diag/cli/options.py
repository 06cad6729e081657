"""Options shared by several commands, declared once (sqlite-utils style)."""

from __future__ import annotations

from pathlib import Path
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
ROOT_LANG_HELP = ("Language of --help, of errors and of the command's messages: es or en (the "
                  "command's own --lang wins). Default: IESS_DIAG_LANG, else the locale.")
NameserverOption = Annotated[list[str] | None, typer.Option(
    "--nameserver", envvar="IESS_DIAG_NAMESERVER", metavar="IP[:PORT]",
    help="DNS server to ask instead of the system's; repeatable. The variable takes several "
         "separated by spaces.")]
DnsTimeoutOption = Annotated[float, typer.Option(
    "--dns-timeout", min=0.1, max=120.0, metavar="SECONDS",
    help="Total time allowed for the DNS checks of one address.")]
# --debug belongs to the root (`iess-diag --debug COMMAND`); after a command it still works, as
# scripts written before may put it there, but it is no longer listed twice.
DebugOption = Annotated[bool, typer.Option("--debug", hidden=True)]
DEBUG_HELP = ("Show the full traceback of an unexpected error and each IMAP command's name "
              "(never secrets).")
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="Write the report to FILE (written at once, readable by you only) instead of stdout; "
         "- is stdout. An existing FILE is replaced only with --force. Without --format, the "
         "format follows the suffix: .html, .md, .json.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing --output file.")]



def _audience(value: str | None) -> str | None:
    """agent|person, or their Spanish names (agente|persona)."""
    if value is None:
        return None
    chosen = {"agent": "agent", "agente": "agent", "person": "person",
              "persona": "person"}.get(value.strip().lower())
    if chosen is None:
        # Worded as Click words a choice, so that diag.cli.usage says it in either language.
        raise typer.BadParameter(f"'{value}' is not one of 'agent', 'person', 'agente', "
                                 "'persona'.")
    return chosen


AudienceOption = Annotated[str | None, typer.Option(
    "--audience", metavar="agent|person", callback=_audience, envvar="IESS_DIAG_AUDIENCE",
    help="Whom the action plan speaks to: agent (default: what to do and what to tell the "
         "person) or person (the affiliate, directly). Spanish: agente, persona.")]
