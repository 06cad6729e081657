"""The mailbox (IMAP) options, declared once for find-reset-mail and diagnose (one decorator),
and how they become MailboxOptions, sender rules and credentials."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diag import defaults
from diag.cli.environment import Environment
from diag.cli.rules_options import (
    DelayThresholdOption,
    KeywordOption,
    LinkValidityOption,
    SenderDomainOption,
    build_rules,
)
from diag.errors import UsageError
from diag.i18n import Lang, Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from diag.findings import Report
    from diag.mailbox.credentials import Credentials
    from diag.mailbox.options import MailboxOptions, WaitTick
    from diag.message.model import SenderRules

ImapHostOption = Annotated[str | None, typer.Option(
    "--imap-host", metavar="HOST",
    help="IMAP server. Default: the provider's, found from the domain's MX records.")]
ImapPortOption = Annotated[int | None, typer.Option(
    "--imap-port", min=1, max=65535, metavar="PORT",
    help="IMAP port. Default: 993 (TLS), or 143 with --starttls / --allow-plaintext.")]
StarttlsOption = Annotated[bool, typer.Option(
    "--starttls", help="Connect to the plain port and require STARTTLS (never falls back to "
                       "an unencrypted connection).")]
AllowPlaintextOption = Annotated[bool, typer.Option(
    "--allow-plaintext", help="Allow an unencrypted connection (port 143; STARTTLS is still "
                              "used when offered). Only for test servers: the password "
                              "crosses the network readable.")]
CaFileOption = Annotated[Path | None, typer.Option(
    "--ca-file", exists=True, dir_okay=False, readable=True, metavar="FILE",
    help="PEM file of the certificate authority to trust (an organisation's private CA).")]
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", min=0.1, max=600.0, metavar="SECONDS",
    help="Time allowed for each network operation with the IMAP server.")]
UserOption = Annotated[str | None, typer.Option(
    "--user", metavar="USER",
    help="IMAP user name. Default: the address (its local part for iCloud). The password is "
         "read from IESS_DIAG_IMAP_PASSWORD or asked for without echo; never give it as an "
         "option.")]
SinceOption = Annotated[str, typer.Option(
    "--since", metavar="DURATION|DATE",
    help="Search mail that arrived since then: 30m, 2h, 7d, or a date 2026-11-25[T14:30].")]
WaitOption = Annotated[str | None, typer.Option(
    "--wait", metavar="DURATION",
    help="After searching, wait up to DURATION (e.g. 10m) for a NEW recovery mail: ask the "
         "person to request a new link now. Ctrl-C ends the wait with what was found.")]
PollOption = Annotated[float, typer.Option(
    "--poll", min=1.0, max=600.0, metavar="SECONDS",
    help="While waiting, how often junk and promotions folders are checked (INBOX uses IDLE).")]
MsClientIdOption = Annotated[str | None, typer.Option(
    "--ms-client-id", envvar="IESS_DIAG_MS_CLIENT_ID", metavar="APP_ID",
    help="Application (client) id of an Entra ID app: signs in to Outlook/Hotmail with a "
         "device code (OAuth2).")]
MsTenantOption = Annotated[str, typer.Option(
    "--ms-tenant", envvar="IESS_DIAG_MS_TENANT", metavar="TENANT",
    help="common (personal and work accounts), consumers (Hotmail/Outlook.com), "
         "organizations (work/school), or a tenant id.")]
TokenCacheOption = Annotated[Path | None, typer.Option(
    "--token-cache", dir_okay=False, metavar="FILE",
    help="Keep Microsoft tokens in this file (mode 0600) to skip the device code next time. "
         "Default: tokens stay in memory only. The account is removed from the file when the "
         "run ends, unless --remember-account is given.")]
RememberAccountOption = Annotated[bool, typer.Option(
    "--remember-account",
    help="With --token-cache: keep this account's sign-in in the file for the next run (only "
         "for the person's own computer; by default it is removed when the run ends).")]


_BOTH_TLS_MODES = Text("elija solo una: --starttls o --allow-plaintext.",
                       "choose only one: --starttls or --allow-plaintext.")


@dataclass(frozen=True)
class MailboxArgs:
    """The mailbox options of one command line, as typed; they become MailboxOptions, the sender
    rules and a way to get the credentials."""

    user: str | None = None
    imap_host: str | None = None
    imap_port: int | None = None
    starttls: bool = False
    allow_plaintext: bool = False
    ca_file: Path | None = None
    timeout: float = defaults.IMAP_TIMEOUT
    since: str = defaults.SINCE
    wait: str | None = None
    poll: float = defaults.POLL_INTERVAL
    ms_client_id: str | None = None
    ms_tenant: str = defaults.MS_TENANT
    token_cache: Path | None = None
    remember_account: bool = False
    sender_domain: list[str] | None = None
    keyword: list[str] | None = None
    link_validity: str | None = None
    delay_threshold: str | None = None

    def options(self, now: datetime) -> MailboxOptions:
        from diag.durations import parse_duration, parse_since
        from diag.mailbox.options import MailboxOptions

        if self.starttls and self.allow_plaintext:
            raise UsageError(_BOTH_TLS_MODES)
        return MailboxOptions(
            imap_host=self.imap_host.strip() if self.imap_host else None,
            imap_port=self.imap_port, starttls=self.starttls,
            allow_plaintext=self.allow_plaintext,
            ca_file=str(self.ca_file) if self.ca_file else None, timeout=self.timeout,
            since=parse_since(self.since, now, option="--since"),
            wait=parse_duration(self.wait, option="--wait") if self.wait else None,
            poll_interval=self.poll,
        )

    def rules(self) -> SenderRules:
        return build_rules(self.sender_domain, self.keyword, self.link_validity,
                           self.delay_threshold)

    def credentials(self, env: Environment, lang: Lang) -> Callable[[str], Credentials]:
        """How to sign in as the address being searched: asked for (a hidden prompt, Microsoft's
        device code) only when the search gets that far."""

        def gather_for(address: str) -> Credentials:
            from diag.mailbox.credentials import MicrosoftSignIn, check_tenant, gather

            microsoft = None
            if self.ms_client_id and self.ms_client_id.strip():
                microsoft = MicrosoftSignIn(self.ms_client_id.strip(),
                                            check_tenant(self.ms_tenant), self.token_cache,
                                            remember=self.remember_account)

            def prompt(text: Text) -> str:
                import getpass

                return getpass.getpass(text.get(lang), stream=env.stderr)

            return gather(self.user, environ=env.environ, interactive=_is_terminal(env),
                          prompt=prompt, notify=lambda text: env.note(text.get(lang)),
                          microsoft=microsoft, login_hint=address)

        return gather_for


# Each mailbox option once, in --help order: (parameter, its Typer declaration).
_DECLARED: tuple[tuple[str, Any], ...] = (
    ("user", UserOption), ("imap_host", ImapHostOption), ("imap_port", ImapPortOption),
    ("starttls", StarttlsOption), ("allow_plaintext", AllowPlaintextOption),
    ("ca_file", CaFileOption), ("timeout", TimeoutOption), ("since", SinceOption),
    ("wait", WaitOption), ("poll", PollOption), ("ms_client_id", MsClientIdOption),
    ("ms_tenant", MsTenantOption), ("token_cache", TokenCacheOption),
    ("remember_account", RememberAccountOption),
    ("sender_domain", SenderDomainOption), ("keyword", KeywordOption),
    ("link_validity", LinkValidityOption), ("delay_threshold", DelayThresholdOption),
)
MAILBOX_DEFAULTS = MailboxArgs()  # the placeholder default of a `mailbox` parameter


def with_mailbox_options(command: Callable[..., None]) -> Callable[..., None]:
    """Declare the mailbox options once for every command that searches a mailbox: they take
    the place of the command's `mailbox: MailboxArgs` parameter and reach it as one value."""
    signature = inspect.signature(command, eval_str=True)
    hints = {name: p.annotation for name, p in signature.parameters.items()}
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        if param.name != "mailbox":
            params.append(param)
            continue
        for name, declared in _DECLARED:
            params.append(inspect.Parameter(name, param.kind, annotation=declared,
                                            default=getattr(MAILBOX_DEFAULTS, name)))
            hints[name] = declared
    del hints["mailbox"]
    names = [name for name, _ in _DECLARED]

    @functools.wraps(command)
    def typed(*args: Any, **kwargs: Any) -> None:
        mailbox = MailboxArgs(**{name: kwargs.pop(name) for name in names})
        command(*args, mailbox=mailbox, **kwargs)

    typed.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    typed.__annotations__ = hints
    return typed


def search_mailbox(env: Environment, lang: Lang, address: str, mailbox: MailboxArgs, *,
                   nameservers: Sequence[str], dns_timeout: float, debug: bool) -> Report:
    """find-reset-mail's run: the read-only search with its countdown on stderr."""
    from diag.mailbox.find import find_reset_mail

    options = mailbox.options(datetime.now().astimezone())
    with Countdown(env, lang) as countdown:
        return find_reset_mail(address, mailbox.credentials(env, lang), options,
                               rules=mailbox.rules(), nameservers=nameservers,
                               dns_timeout=dns_timeout, progress=countdown,
                               trace=tracer(env, debug))


def tracer(env: Environment, debug: bool) -> Callable[[str], None] | None:
    """With --debug, each IMAP command's name (never its arguments) on stderr."""
    return (lambda name: env.note(f"imap> {name}")) if debug else None


def _is_terminal(env: Environment) -> bool:
    try:
        return bool(env.stdin.isatty())
    except (AttributeError, ValueError):
        return False


_START = Text(
    "Pida ahora a la persona que solicite un nuevo enlace en www.iess.gob.ec («Generar / "
    "Recuperar Clave»). Esperando un correo nuevo del IESS hasta {total} (Ctrl-C termina).",
    "Ask the person to request a new link now at www.iess.gob.ec ('Generar / Recuperar "
    "Clave'). Waiting up to {total} for a new IESS mail (Ctrl-C ends the wait).",
)
_LEFT = Text("esperando… quedan {left}", "waiting… {left} left")


class Countdown:
    """The wait shown on stderr: a live countdown on a terminal, else a line a minute."""

    def __init__(self, env: Environment, lang: Lang, every: float = 60.0) -> None:
        self.env, self.lang, self.every = env, lang, every
        self.started = False
        self.last_line = 0.0
        self.live = bool(env.stderr_isatty)

    def __call__(self, tick: WaitTick) -> None:
        from diag.durations import human

        if not self.started:
            self.started = True
            total = human(tick.elapsed + tick.remaining, self.lang)
            self.env.note(_START.get(self.lang).format(total=total))
        left = _LEFT.get(self.lang).format(left=_clock(tick.remaining.total_seconds()))
        if self.live:
            self.env.stderr.write(f"\r{left}   ")
            self.env.stderr.flush()
        elif tick.elapsed.total_seconds() - self.last_line >= self.every:
            self.last_line = tick.elapsed.total_seconds()
            self.env.note(f"iess-diag: {left}")

    def __enter__(self) -> Countdown:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live and self.started:
            self.env.stderr.write("\n")
            self.env.stderr.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
