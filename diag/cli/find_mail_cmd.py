"""`iess-diag find-reset-mail`: did the IESS recovery mail reach the mailbox, where, and when?"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from diag.cli import app
from diag.cli.environment import current
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
from diag.cli.output import emit
from diag.cli.rules_options import (
    DelayThresholdOption,
    KeywordOption,
    LinkValidityOption,
    SenderDomainOption,
    build_rules,
)


@app.command(
    "find-reset-mail",
    epilog="Example / Ejemplo: IESS_DIAG_IMAP_PASSWORD=... iess-diag find-reset-mail "
           "ana@gmail.com --since 2h --wait 10m",
)
def find_reset_mail_command(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(metavar="ADDRESS", show_default=False,
                                           help="The address registered at IESS.")],
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
    fmt: FormatOption = None,
    lang: LangOption = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = DEFAULT_DNS,
    debug: DebugOption = False,
) -> None:
    """Sign in to the mailbox READ-ONLY and find the IESS recovery mail in every folder."""
    env = current(ctx)
    chosen = env.lang(lang)
    options = build_options(imap_host=imap_host, imap_port=imap_port, starttls=starttls,
                            allow_plaintext=allow_plaintext, ca_file=ca_file, timeout=timeout,
                            since=since, wait=wait, poll=poll, now=datetime.now().astimezone())
    report = search_mailbox(
        env, chosen, address, options,
        rules=build_rules(sender_domain, keyword, link_validity, delay_threshold), user=user,
        ms_client_id=ms_client_id, ms_tenant=ms_tenant, token_cache=token_cache,
        remember_account=remember_account,
        nameservers=nameserver or (), dns_timeout=dns_timeout, debug=debug)
    raise typer.Exit(emit(env, [report], fmt, lang))
