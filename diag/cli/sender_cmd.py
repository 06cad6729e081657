"""`iess-diag check-sender`: is the sending domain's mail set-up healthy, and is it blocklisted?"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import current
from diag.cli.options import (
    DebugOption,
    DnsTimeoutOption,
    ForceOption,
    FormatOption,
    LangOption,
    NameserverOption,
    OutputOption,
)
from diag.cli.output import emit
from diag.cli.rules_options import SenderDomainOption
from diag.errors import UsageError
from diag.findings import Finding, Report
from diag.i18n import Text

_BAD_IP = Text("«{ip}» no es una dirección IP.", "'{ip}' is not an IP address.")


@app.command(
    "check-sender",
    epilog="Example / Ejemplo: iess-diag check-sender iess.gob.ec --dkim-selector selector1 "
           "--lang es",
)
def check_sender_command(
    ctx: typer.Context,
    domain: Annotated[str | None, typer.Argument(
        metavar="DOMAIN", help="The sending domain. Default: iess.gob.ec.",
        show_default=False)] = None,
    sender_domain: SenderDomainOption = None,
    dkim_selector: Annotated[list[str] | None, typer.Option(
        "--dkim-selector", metavar="SELECTOR",
        help="DKIM selector to check for a public key (the s= of a received mail's "
             "DKIM-Signature); repeatable.")] = None,
    sending_ip: Annotated[list[str] | None, typer.Option(
        "--sending-ip", metavar="IP",
        help="Also check this sending address against the blocklists (e.g. the first external "
             "Received hop of a saved mail); repeatable.")] = None,
    from_mail: Annotated[list[str] | None, typer.Option(
        "--from-mail", metavar="FILE.eml",
        help="A saved mail from the domain: also check the server that delivered it, when its "
             "receiver vouches the mail is the domain's; repeatable.")] = None,
    fmt: FormatOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    debug: DebugOption = False,
) -> None:
    """Check the sending domain: SPF, DMARC, DKIM, its mail servers, and whether its sending
    servers are on a blocklist."""
    import ipaddress

    from diag.sender.check import DEFAULT_SENDER, check_sender

    env = current(ctx)
    for ip in sending_ip or ():
        try:
            ipaddress.ip_address(ip)
        except ValueError:
            raise UsageError(_BAD_IP.format(ip=ip)) from None
    domains = list(dict.fromkeys([*([domain] if domain is not None else []),
                                  *(sender_domain or [])]))
    reports = [_with_mails(d, from_mail or (), lambda d, ips: check_sender(
        d, nameservers=nameserver or (), dns_timeout=dns_timeout, selectors=dkim_selector or (),
        sending_ips=[*(sending_ip or ()), *ips])) for d in domains or [DEFAULT_SENDER]]
    raise typer.Exit(emit(env, reports, fmt, lang, output=output, force=force))


def _with_mails(domain: str, mails: Sequence[str],
                check: Callable[[str, list[str]], Report]) -> Report:
    """check-sender for `domain`, with the servers that delivered its saved mails; what each mail
    says about its server (origin.*) joins the report."""
    from diag.cli.analyze_cmd import read_message_file
    from diag.message.analysis import analyze_message
    from diag.message.lookalike import is_under
    from diag.message.model import SenderRules
    from diag.message.sending import sending_findings
    from diag.sender.check import ascii_domain

    rules = SenderRules(sender_domains=(ascii_domain(domain),))
    found: list[str] = []

    def collect(_: str, address: str) -> list[Finding]:
        found.append(address)
        return []  # check-sender asks the lists about it, with the SPF addresses

    notes: list[Finding] = []
    for name in mails:
        facts = analyze_message(read_message_file(name), rules)
        if is_under(facts.sender_domain, rules.sender_domains):
            notes += [replace(f, details={**f.details, "file": name})
                      for f in sending_findings(facts, collect)]
    report = check(domain, found)
    return replace(report, findings=(*report.findings, *notes))
