"""find-reset-mail: sign in to the mailbox read-only and say whether, where and when the IESS
recovery mail arrived; optionally wait for a new one."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from diag import defaults
from diag.codes import make
from diag.deliverability import providers
from diag.findings import Finding, Report, Status
from diag.i18n import Text
from diag.mailbox.failures import CommandRefused, SessionFailed
from diag.mailbox.options import Connector, Endpoint, MailboxOptions, WaitTick
from diag.mailbox.session import connect_imap, open_session
from diag.message.model import SenderRules

if TYPE_CHECKING:
    from diag.deliverability.domain import DomainResult
    from diag.mailbox.credentials import Credentials
    from diag.mailbox.session import Session
    from diag.message.sending import BlocklistCheck

COMMAND = "find-reset-mail"
Clock = Callable[[], datetime]
Progress = Callable[[WaitTick], None]


def _local_now() -> datetime:
    return datetime.now().astimezone()


def find_reset_mail(address: str, credentials: Credentials | Callable[[str], Credentials],
                    options: MailboxOptions | None = None, *,
                    rules: SenderRules | None = None, nameservers: Sequence[str] = (),
                    dns_timeout: float = defaults.DNS_TIMEOUT, clock: Clock = _local_now,
                    connect: Connector = connect_imap, progress: Progress | None = None,
                    trace: Callable[[str], None] | None = None,
                    domain: DomainResult | None = None) -> Report:
    """Search the mailbox of `address` (read-only); a refused sign-in, an unreachable server or a
    TLS failure is a finding, never an exception. `credentials` may be a function of the
    address, called only once the server is found (nobody types a password for a domain that has
    none). `trace` receives the IMAP command names. `domain`, check-email's typed result for the
    same address, saves asking DNS again."""
    from diag.address.syntax import check_address

    options = options or MailboxOptions()
    rules = rules or SenderRules()
    syntax = check_address(address)
    if syntax.address is None or syntax.ascii_domain is None:
        return Report(COMMAND, address, None, syntax.findings)
    host, provider, findings = _locate(syntax.ascii_domain, options, domain, nameservers,
                                       dns_timeout)
    if host is None:
        findings.append(make("imap.host_unknown", domain=syntax.ascii_domain))
        return Report(COMMAND, address, syntax.address, tuple(findings))
    given = credentials(syntax.address) if callable(credentials) else credentials
    user = given.user or _default_user(syntax.address, provider)
    endpoint = Endpoint(host, options.port, options.security, options.ca_file, options.timeout)
    from functools import partial

    from diag.sender.check import check_sending_ip

    check = partial(check_sending_ip, nameservers=nameservers, dns_timeout=dns_timeout)
    findings += _inspect(endpoint, connect, given, user, provider, options, rules, clock,
                         progress, trace, check)
    return Report(COMMAND, address, syntax.address, tuple(findings))


def _default_user(address: str, provider: providers.Provider) -> str:
    return address.rpartition("@")[0] if provider.username_is_local_part else address


def _locate(domain: str, options: MailboxOptions, result: DomainResult | None,
            nameservers: Sequence[str], dns_timeout: float
            ) -> tuple[str | None, providers.Provider, list[Finding]]:
    """The IMAP host: as given, or the provider's, recognised from the domain's MX hosts (from
    check-email's result when there is one, else asked of DNS now)."""
    known = providers.from_domain(domain) or providers.OTHER
    if options.imap_host:
        return options.imap_host, known, []
    if result is None:
        from diag.deliverability.domain import assess_domain
        from diag.deliverability.lookups import DnsLookups, make_resolver

        lookups = DnsLookups(make_resolver(nameservers, dns_timeout), dns_timeout)
        result = asyncio.run(assess_domain(domain, lookups))
    provider = result.provider or known
    kept = [f for f in result.findings
            if f.code == "provider.detected" or f.status in (Status.FAIL, Status.UNKNOWN)]
    return providers.imap_host_for(provider, result.mx_hosts), provider, kept


def _inspect(endpoint: Endpoint, connect: Connector, credentials: Credentials, user: str,
             provider: providers.Provider, options: MailboxOptions, rules: SenderRules,
             clock: Clock, progress: Progress | None,
             trace: Callable[[str], None] | None, check: BlocklistCheck) -> list[Finding]:
    from diag.mailbox.search import MailSearch

    try:
        session = open_session(endpoint, connect)
    except SessionFailed as failure:
        return [_failure(failure, endpoint, credentials, user, provider)]
    search: MailSearch | None = None
    findings: list[Finding] = []
    try:
        _sign_in(session, credentials, user)
        search = MailSearch(session, rules, options, clock)
        search.run()
        if options.wait is not None and search.full:
            search.skip_wait_full()  # asking for a link now would only make it bounce
        elif options.wait is not None:
            search.wait(options.wait, progress)
    except SessionFailed as failure:
        findings.append(_failure(failure, endpoint, credentials, user, provider))
    except CommandRefused as refused:
        reason = Text(
            f"rechazó el comando {refused.command}; el servidor respondió «{refused.said}»",
            f"it refused the command {refused.command}; the server said '{refused.said}'")
        findings.append(make("imap.server_error", texts={"reason": reason}, host=endpoint.host,
            port=endpoint.port, cause="refused", command=refused.command, said=refused.said))
    finally:
        session.close()
        if trace is not None:
            for name in session.trace:
                trace(name)
    if search is not None:
        failed = any(f.code.startswith("imap.") for f in findings)
        findings += search.conclude(failed=failed, commands=session.command_count)
        findings += search.sending_findings(check)
    if session.plaintext:
        findings.append(make("imap.plaintext", host=endpoint.host, port=endpoint.port))
    return findings


def _sign_in(session: Session, credentials: Credentials, user: str) -> None:
    if credentials.oauth2_token is not None:
        session.login_oauth2(user, credentials.oauth2_token)
    else:
        assert credentials.password is not None
        session.login_password(user, credentials.password)


_APP_PASSWORD_HINT = Text(
    " {provider} no acepta la contraseña normal por IMAP: hace falta una «contraseña de "
    "aplicación» (con la verificación en dos pasos activada).",
    " {provider} does not accept the normal password over IMAP: it needs an 'app password' "
    "(with 2-step verification turned on).",
)
_TOKEN_HINT = Text(
    " El token OAuth2 puede haber caducado o no tener el permiso IMAP.AccessAsUser.All.",
    " The OAuth2 token may have expired or lack the IMAP.AccessAsUser.All permission.",
)
_OAUTH_REQUIREMENT = Text(
    "desde 2024 solo acepta el inicio de sesión de Microsoft (OAuth2): hace falta una "
    "aplicación registrada (opción --ms-client-id) o un token en IESS_DIAG_OAUTH2_TOKEN",
    "since 2024 it only accepts Microsoft sign-in (OAuth2); use --ms-client-id or "
    "IESS_DIAG_OAUTH2_TOKEN",
)


def _failure(failure: SessionFailed, endpoint: Endpoint, credentials: Credentials, user: str,
             provider: providers.Provider) -> Finding:
    details: dict[str, Any] = {"host": endpoint.host, "port": endpoint.port, **failure.details}
    if failure.code != "imap.login_failed":
        return make(failure.code, texts={"reason": failure.reason}, **details)
    password = credentials.password is not None
    if password and provider.auth is providers.Auth.OAUTH2:
        return make("imap.oauth_required", texts={"requirement": _OAUTH_REQUIREMENT},
                    provider=provider.name, user=user, **details)
    hint = Text("", "")
    if password and provider.auth is providers.Auth.APP_PASSWORD:
        hint = _APP_PASSWORD_HINT.format(provider=provider.name)
    elif not password:
        hint = _TOKEN_HINT
    return make("imap.login_failed", texts={"reason": failure.reason, "hint": hint}, user=user,
                auth=credentials.kind, provider=provider.key, **details)


__all__ = ["COMMAND", "MailboxOptions", "WaitTick", "find_reset_mail"]
