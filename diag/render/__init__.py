"""Renderers: pure functions from reports to text, chosen through the Format enum."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from diag.findings import Report
from diag.i18n import Lang

if TYPE_CHECKING:
    from diag.advice.plan import PlanContext


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def render(reports: Sequence[Report], fmt: Format, lang: Lang, *, color: bool = False,
           width: int = 100, now: datetime | None = None,
           context: PlanContext | None = None) -> str:
    """All reports in one format; JSON is one object per line (JSON Lines for several); HTML is
    one page dated `now` (the current time by default). `context` says whom the action plan
    speaks to, how long a link lasts, and the plan's clock."""
    if fmt is Format.HTML:
        from diag.render.html import render_html

        return render_html(reports, lang, now=now, context=context)
    if fmt is Format.JSON:
        from diag.render.json import render_json

        return "".join(render_json(r, lang, context) + "\n" for r in reports)
    if fmt is Format.MARKDOWN:
        from diag.render.markdown import render_markdown

        return "\n".join(render_markdown(r, lang, context) for r in reports)
    from diag.render.table import render_table

    return "\n".join(render_table(r, lang, color=color, width=width, context=context)
                     for r in reports)
