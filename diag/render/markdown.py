"""Markdown, to paste into a ticket."""

from __future__ import annotations

from diag.advice import SOURCE_NAMES, plan
from diag.findings import Report
from diag.i18n import Lang
from diag.render import labels


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, lang: Lang) -> str:
    title = report.address or report.input
    lines = [
        f"## iess-diag {report.command}: `{_cell(title)}`",
        "",
        f"**{labels.VERDICT_HEADING.get(lang)}:** {labels.VERDICT[report.verdict].get(lang)}",
        "",
        f"| {labels.STATUS_HEADING.get(lang)} | {labels.FINDING_HEADING.get(lang)} | |",
        "| --- | --- | --- |",
    ]
    for f in report.findings:
        status = f"{labels.STATUS_MARK[f.status]} {labels.STATUS[f.status].get(lang)}"
        lines.append(f"| {status} | {_cell(f.message.get(lang))} | `{f.code}` |")
    steps = plan(report.findings)
    if steps:
        lines += ["", f"### {labels.WHAT_TO_DO.get(lang)}", ""]
        lines += [f"{n}. {a.get(lang)} _({SOURCE_NAMES[a.source].get(lang)})_"
                  for n, a in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"
