"""The mailbox (IMAP) options, declared once for find-reset-mail and diagnose, and how they
become MailboxOptions and Credentials."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diag.cli.environment import Environment
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

DEFAULT_SINCE = "7d"
DEFAULT_TIMEOUT = 30.0
DEFAULT_POLL = 30.0
DEFAULT_TENANT = "common"

_BOTH_TLS_MODES = Text("elija solo una: --starttls o --allow-plaintext.",
                       "choose only one: --starttls or --allow-plaintext.")


def build_options(*, imap_host: str | None, imap_port: int | None, starttls: bool,
                  allow_plaintext: bool, ca_file: Path | None, timeout: float, since: str,
                  wait: str | None, poll: float, now: datetime) -> MailboxOptions:
    from diag.durations import parse_duration, parse_since
    from diag.mailbox.options import MailboxOptions

    if starttls and allow_plaintext:
        raise UsageError(_BOTH_TLS_MODES)
    return MailboxOptions(
        imap_host=imap_host.strip() if imap_host else None, imap_port=imap_port,
        starttls=starttls, allow_plaintext=allow_plaintext,
        ca_file=str(ca_file) if ca_file else None, timeout=timeout,
        since=parse_since(since, now, option="--since"),
        wait=parse_duration(wait, option="--wait") if wait else None, poll_interval=poll,
    )


def build_credentials(env: Environment, lang: Lang, *, address: str, user: str | None,
                      ms_client_id: str | None, ms_tenant: str,
                      token_cache: Path | None, remember_account: bool = False) -> Credentials:
    from diag.mailbox.credentials import MicrosoftSignIn, check_tenant, gather

    microsoft = None
    if ms_client_id and ms_client_id.strip():
        microsoft = MicrosoftSignIn(ms_client_id.strip(), check_tenant(ms_tenant), token_cache,
                                    remember=remember_account)

    def prompt(text: Text) -> str:
        import getpass

        return getpass.getpass(text.get(lang), stream=env.stderr)

    return gather(user, environ=env.environ, interactive=_is_terminal(env), prompt=prompt,
                  notify=lambda text: env.note(text.get(lang)), microsoft=microsoft,
                  login_hint=address)


def search_mailbox(env: Environment, lang: Lang, address: str, options: MailboxOptions, *,
                   rules: SenderRules, user: str | None, ms_client_id: str | None,
                   ms_tenant: str, token_cache: Path | None, nameservers: Sequence[str],
                   dns_timeout: float, debug: bool, checked: Report | None = None,
                   remember_account: bool = False) -> Report:
    """Credentials, then the read-only search with its countdown on stderr: the part of a run
    that find-reset-mail and diagnose share."""
    from diag.mailbox.find import find_reset_mail

    credentials = build_credentials(env, lang, address=address.strip(), user=user,
                                    ms_client_id=ms_client_id, ms_tenant=ms_tenant,
                                    token_cache=token_cache,
                                    remember_account=remember_account)
    countdown = Countdown(env, lang)
    try:
        return find_reset_mail(
            address, credentials, options, rules=rules, nameservers=nameservers,
            dns_timeout=dns_timeout, progress=countdown, checked=checked,
            trace=(lambda name: env.note(f"imap> {name}")) if debug else None)
    finally:
        countdown.finish()


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

    def finish(self) -> None:
        if self.live and self.started:
            self.env.stderr.write("\n")
            self.env.stderr.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
