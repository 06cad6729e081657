"""Every finding code: its default status, what it means, its message and its advice ids.

One table, kept in one file per area so each package's codes sit together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diag.codes import address, batch, case, domain, identity, mailbox, sender
from diag.codes.model import CodeInfo
from diag.findings import Finding, Status
from diag.i18n import Lang, Text, fill

CODES: dict[str, CodeInfo] = {
    info.code: info
    for area in (address, domain, mailbox, identity, case, batch, sender)
    for info in area.CODES
}


def make(code: str, status: Status | None = None, *, texts: Mapping[str, Text] | None = None,
         advice: tuple[str, ...] | None = None, **details: Any) -> Finding:
    """Build a finding from the catalog; `texts` are already-bilingual pieces of the message."""
    info = CODES[code]
    chosen = info.status if status is None else status
    template = info.template(chosen)
    pieces = dict(texts or {})
    message = Text(
        _fill(template.es, details, pieces, Lang.ES), _fill(template.en, details, pieces, Lang.EN)
    )
    return Finding(code, chosen, message, details, info.advice if advice is None else advice)


def _fill(template: str, details: Mapping[str, Any], texts: Mapping[str, Text],
          lang: Lang) -> str:
    return fill(template, details, {key: text.get(lang) for key, text in texts.items()}, lang)
