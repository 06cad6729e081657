"""`iess-diag diagnose`: one help-desk case in one report, to read, paste, print or file."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.mailbox_options import (
    DEFAULT_POLL,
    DEFAULT_SINCE,
    DEFAULT_TENANT,
    DEFAULT_TIMEOUT,
    AllowPlaintextOption,
    CaFileOption,
    ImapHostOption,
    ImapPortOption,
    MsClientIdOption,
    MsTenantOption,
    PollOption,
    RememberAccountOption,
    SinceOption,
    StarttlsOption,
    TimeoutOption,
    TokenCacheOption,
    UserOption,
    WaitOption,
    build_options,
    search_mailbox,
)
from diag.cli.options import (
    DEFAULT_DNS,
    DebugOption,
    DnsTimeoutOption,
    FormatOption,
    LangOption,
    NameserverOption,
)
from diag.cli.output import exit_status
from diag.cli.rules_options import (
    DelayThresholdOption,
    KeywordOption,
    LinkValidityOption,
    SenderDomainOption,
    build_rules,
)
from diag.errors import UsageError
from diag.i18n import Lang, Text
from diag.render import Format, render

if TYPE_CHECKING:
    from diag.case.diagnose import MailboxCheck
    from diag.findings import Report

_BY_SUFFIX = {".html": Format.HTML, ".htm": Format.HTML, ".md": Format.MARKDOWN,
              ".json": Format.JSON, ".txt": Format.TABLE}
_SAVED = Text("informe guardado en {path}", "report saved to {path}")
_EXISTS = Text("«{path}» ya existe (o es un enlace): elija otro nombre, o use --force para "
               "reemplazarlo.",
               "'{path}' already exists (or is a link): choose another name, or use --force to "
               "replace it.")
_CANNOT_WRITE = Text("no se pudo escribir el informe en «{path}»: {reason}.",
                     "could not write the report to '{path}': {reason}.")

_EPILOG = (
    "Example / Ejemplo: IESS_DIAG_IMAP_PASSWORD=... iess-diag diagnose ana.perez@gmail.com "
    "--user ana.perez@gmail.com --cedula 1712345618 --redact -f html -o caso.html --lang es"
)


@app.command("diagnose", epilog=_EPILOG)
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
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the report to FILE (written at once, readable by you only) instead of "
             "stdout; - is stdout. An existing FILE is replaced only with --force. Without "
             "--format, the format follows the suffix: .html, .md, .json.")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing --output file.")] = False,
    redact: Annotated[bool, typer.Option(
        "--redact",
        help="Mask personal data in every format: the address (a****@hotmail.com), the "
             "mailbox user, other people's addresses, the cédula (17******18).")] = False,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = DEFAULT_DNS,
    user: UserOption = None,
    imap_host: ImapHostOption = None,
    imap_port: ImapPortOption = None,
    starttls: StarttlsOption = False,
    allow_plaintext: AllowPlaintextOption = False,
    ca_file: CaFileOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    since: SinceOption = DEFAULT_SINCE,
    wait: WaitOption = None,
    poll: PollOption = DEFAULT_POLL,
    ms_client_id: MsClientIdOption = None,
    ms_tenant: MsTenantOption = DEFAULT_TENANT,
    token_cache: TokenCacheOption = None,
    remember_account: RememberAccountOption = False,
    sender_domain: SenderDomainOption = None,
    keyword: KeywordOption = None,
    link_validity: LinkValidityOption = None,
    delay_threshold: DelayThresholdOption = None,
    debug: DebugOption = False,
) -> None:
    """Diagnose one case: the address, then the mailbox (when sign-in details are given) and
    the cédula, with one action plan in the order to follow it."""
    from diag.case.diagnose import diagnose

    env = current(ctx)
    chosen_lang = env.lang(lang)
    mailbox: MailboxCheck | None = None
    if _mailbox_wanted(env, user, imap_host, ctx.get_parameter_source("ms_client_id")):
        options = build_options(imap_host=imap_host, imap_port=imap_port, starttls=starttls,
                                allow_plaintext=allow_plaintext, ca_file=ca_file,
                                timeout=timeout, since=since, wait=wait, poll=poll,
                                now=datetime.now().astimezone())
        rules = build_rules(sender_domain, keyword, link_validity, delay_threshold)

        def search(checked: Report) -> Report:  # only called if the address can receive mail
            return search_mailbox(
                env, chosen_lang, checked.address or checked.input, options, checked=checked,
                rules=rules, user=user,
                ms_client_id=ms_client_id, ms_tenant=ms_tenant, token_cache=token_cache,
        remember_account=remember_account,
                nameservers=nameserver or (), dns_timeout=dns_timeout, debug=debug)

        mailbox = search
    report = diagnose(address, mailbox=mailbox, cedula=cedula, nameservers=nameserver or (),
                      dns_timeout=dns_timeout)
    if redact:
        from diag.render.redact import redact as mask

        report = mask(report, also=[user] if user else [])
    _deliver(env, report, fmt, chosen_lang, None if str(output) == "-" else output, force)
    raise typer.Exit(exit_status([report]))


def _deliver(env: Environment, report: Report, fmt: Format | None, lang: Lang,
             path: Path | None, force: bool) -> None:
    """On stdout as check-email does, or into the file (plain, no colour)."""
    if path is None:
        chosen = env.format(fmt)
        color = bool(env.stdout_isatty) and "NO_COLOR" not in env.environ
        width = shutil.get_terminal_size((100, 24)).columns if env.stdout_isatty else 100
        env.write(render([report], chosen, lang, color=color, width=width))
        return
    text = render([report], fmt or _BY_SUFFIX.get(path.suffix.lower(), Format.TABLE), lang)
    from diag.private_files import NotOurs, write_text

    try:
        write_text(path, text, replace=force)
    except NotOurs:
        raise UsageError(_EXISTS.format(path=path)) from None
    except OSError as error:
        from diag.cli.files import ENVIRONMENT_ERRNOS, environment_failed

        if error.errno in ENVIRONMENT_ERRNOS:
            raise environment_failed(error) from None
        reason = error.strerror or type(error).__name__
        raise UsageError(_CANNOT_WRITE.format(path=path, reason=reason)) from error
    env.note(f"iess-diag: {_SAVED.format(path=path).get(lang)}")


def _mailbox_wanted(env: Environment, user: str | None, imap_host: str | None,
                    client_id_source: object) -> bool:
    """Sign-in details were given: a user or server on the command line, a password or token in
    the environment, or --ms-client-id typed (a client id set for every run does not count)."""
    from diag.mailbox.credentials import PASSWORD_ENV, TOKEN_ENV

    typed = getattr(client_id_source, "name", None) == "COMMANDLINE"
    return bool(user or imap_host or typed or env.environ.get(PASSWORD_ENV)
                or env.environ.get(TOKEN_ENV, "").strip())
