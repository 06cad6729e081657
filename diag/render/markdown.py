"""Markdown, to paste into a ticket."""

from __future__ import annotations

from diag.advice.catalog import SOURCE_NAMES
from diag.advice.plan import plan
from diag.findings import Report
from diag.i18n import Lang
from diag.render import labels
from diag.render.details import detail_lines
from diag.render.terminal import visible

# Messages quote what was typed or received (addresses, subjects): hostile text must stay text
# in a ticket system, whether it renders Markdown, raw HTML, or both.
# Emphasis (* _) is harmless and common in masked addresses; links, code and cells are not.
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`[]|"})
_HTML_SPECIAL = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _cell(text: str) -> str:
    flat = " ".join(visible(text).split())
    return flat.translate(_HTML_SPECIAL).translate(_MARKDOWN_SPECIAL)


def render_markdown(report: Report, lang: Lang) -> str:
    title = report.address or report.input
    lines = [
        f"## iess-diag {report.command}: {_cell(title)}",
        "",
        f"**{labels.VERDICT_HEADING.get(lang)}:** {labels.VERDICT[report.verdict].get(lang)}",
    ]
    for section in report.sections:
        verdict = labels.VERDICT[section.verdict].get(lang)
        lines += ["", f"### {labels.section_title(section.command).get(lang)} — {verdict}"]
        lines += _findings_table(section, lang)
    if not report.sections:
        lines += _findings_table(report, lang)
    steps = plan(report.findings)
    if steps:
        lines += ["", f"### {labels.WHAT_TO_DO.get(lang)}", ""]
        lines += [f"{n}. {a.get(lang)} _({SOURCE_NAMES[a.source].get(lang)})_"
                  for n, a in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"


def _findings_table(report: Report, lang: Lang) -> list[str]:
    lines = [
        "",
        f"| {labels.STATUS_HEADING.get(lang)} | {labels.FINDING_HEADING.get(lang)} "
        f"| {labels.CODE_HEADING.get(lang)} |",
        "| --- | --- | --- |",
    ]
    for f in report.findings:
        status = f"{labels.STATUS_MARK[f.status]} {labels.STATUS[f.status].get(lang)}"
        lines.append(f"| {status} | {_cell(f.message.get(lang))} | `{f.code}` |")
    return lines + _details(report, lang)


def _details(report: Report, lang: Lang) -> list[str]:
    """Below the table, each finding's details as labelled lines (a cell holds no list)."""
    lines: list[str] = []
    for f in report.findings:
        shown = detail_lines(f.details, lang)
        if shown:
            lines += [f"- `{f.code}`", *(f"  - {_cell(k)}: {_cell(v)}" for k, v in shown)]
    return ["", f"**{labels.DETAILS.get(lang)}**", "", *lines] if lines else []
