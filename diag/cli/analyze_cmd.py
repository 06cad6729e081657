"""`iess-diag analyze-headers FILE.eml`: is a saved message the genuine IESS mail, and when?"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import Environment, current
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


def read_message_file(name: str) -> bytes:
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
    no_blocklist: Annotated[bool, typer.Option(
        "--no-blocklist",
        help="Work offline: do not look up the server that delivered an IESS mail on the DNS "
             "blocklists.")] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    audience: AudienceOption = None,
    debug: DebugOption = False,
) -> None:
    """Tell whether a saved message is the genuine IESS mail or a look-alike, and when it came."""
    from diag.message.analysis import message_report
    from diag.message.sending import BlocklistCheck

    env = current(ctx)
    if files.count("-") > 1:
        raise UsageError(_STDIN_TWICE)
    rules = build_rules(sender_domain, keyword, link_validity, delay_threshold)
    now = datetime.now(UTC)
    check: BlocklistCheck | None = None
    if not no_blocklist:
        from diag.deliverability.lookups import parse_nameserver
        from diag.sender.check import check_sending_ip

        for spec in nameserver or ():
            parse_nameserver(spec)  # a bad option is exit 2 even when no mail needs DNS

        check = partial(check_sending_ip, nameservers=nameserver or (), dns_timeout=dns_timeout)
    reports = []
    for name in files:
        raw = _read_stdin(env) if name == "-" else read_message_file(name)
        shown = _STDIN_NAME if name == "-" else name
        if not raw.strip():
            raise UsageError(_EMPTY.format(name=shown))
        reports.append(message_report(raw, shown, rules=rules, now=now, blocklists=check))
    context = plan_context(audience, rules.link_validity, now)
    raise typer.Exit(emit(env, reports, fmt, lang, context, output, force))
