"""What counts as the IESS recovery mail: options shared by find-reset-mail, diagnose and
analyze-headers, declared once."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from diag.errors import UsageError
from diag.i18n import Text

if TYPE_CHECKING:
    from diag.message.model import SenderRules

_DOMAIN = re.compile(r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]{1,63})+")
_BAD_DOMAIN = Text("«{value}» no es un dominio (por ejemplo iess.gob.ec).",
                   "'{value}' is not a domain (for example iess.gob.ec).")

SenderDomainOption = Annotated[list[str] | None, typer.Option(
    "--sender-domain", metavar="DOMAIN",
    help="Domain the genuine mail comes from, subdomains included; repeatable. "
         "Default: iess.gob.ec.")]
KeywordOption = Annotated[list[str] | None, typer.Option(
    "--keyword", metavar="WORD",
    help="Word that marks a recovery subject (accents and case ignored); repeatable. "
         "Default: clave, contraseña, recuperación, desbloqueo, generación, ...")]
LinkValidityOption = Annotated[str | None, typer.Option(
    "--link-validity", metavar="DURATION",
    help="How long the mail's link works, e.g. 3m, 15m. Default: 15m.")]
DelayThresholdOption = Annotated[str | None, typer.Option(
    "--delay-threshold", metavar="DURATION",
    help="Delivery time above which the mail counts as delayed. Default: 5m.")]


def build_rules(sender_domain: list[str] | None, keyword: list[str] | None,
                link_validity: str | None, delay_threshold: str | None) -> SenderRules:
    from diag.message.model import SenderRules

    default = SenderRules()
    words = tuple(k for k in keyword or () if k.strip())
    return SenderRules(
        sender_domains=_domains(sender_domain) if sender_domain else default.sender_domains,
        keywords=words or default.keywords,
        link_validity=_duration(link_validity, "--link-validity", default.link_validity),
        delay_threshold=_duration(delay_threshold, "--delay-threshold", default.delay_threshold),
    )


def _domains(values: list[str]) -> tuple[str, ...]:
    from diag.message.lookalike import ascii_domain

    chosen = []
    for value in values:
        domain = ascii_domain(value.strip().lstrip("@"))
        if not _DOMAIN.fullmatch(domain):
            raise UsageError(_BAD_DOMAIN.format(value=value))
        chosen.append(domain)
    return tuple(dict.fromkeys(chosen))


def _duration(value: str | None, option: str, default: timedelta) -> timedelta:
    from diag.durations import parse_duration

    return default if value is None else parse_duration(value, option=option)
