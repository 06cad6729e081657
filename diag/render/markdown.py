"""Markdown, to paste into a ticket."""

from __future__ import annotations

import re

from diag.advice.catalog import SOURCE_NAMES
from diag.advice.plan import PlanContext, decide
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
# Ticket systems turn www.host, scheme://host, user@host and even a bare host into a link: a
# host in received text (a subject, a folder name) would be a clickable phishing link. Defanged,
# evil[.]example, it stays readable and links nowhere.
# A local part (ana.perez@) is left alone: with its domain defanged it links nowhere.
_HOST = re.compile(
    r"(?<![\w.-])(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}(?![\w-]|[@＠])")
_WWW = re.compile(r"(?<![\w-])www\.", re.IGNORECASE)


def defang(text: str) -> str:
    """`www.evil.example` -> `www[.]evil[.]example`."""
    text = _HOST.sub(lambda m: m.group().replace(".", "[.]"), text)
    return _WWW.sub(lambda m: m.group()[:3] + "[.]", text)


def _cell(text: str) -> str:
    flat = defang(" ".join(visible(text).split()))
    return flat.translate(_HTML_SPECIAL).translate(_MARKDOWN_SPECIAL)


def render_markdown(report: Report, lang: Lang, context: PlanContext | None = None) -> str:
    title = report.address or report.input
    lines = [
        f"## iess-diag {report.command}: {_cell(title)}",
        "",
        f"**{labels.VERDICT_HEADING.get(lang)}:** {_cell(labels.verdict_text(report).get(lang))}",
    ]
    for section in report.sections:
        verdict = labels.part_verdict(section).get(lang)
        lines += ["", f"### {labels.section_title(section.command).get(lang)} — {verdict}"]
        lines += _findings_table(section, lang)
    if not report.sections:
        lines += _findings_table(report, lang)
    context = context or PlanContext()
    steps = decide(report, context)
    if steps:
        audience = labels.AUDIENCE[context.audience].get(lang)
        lines += ["", f"### {labels.WHAT_TO_DO.get(lang)} ({audience})", ""]
        lines += [f"{n}. {_cell(s.get(lang))} _({SOURCE_NAMES[s.advice.source].get(lang)})_"
                  for n, s in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"


def _findings_table(report: Report, lang: Lang) -> list[str]:
    lines = [
        "",
        f"| {labels.STATUS_HEADING.get(lang)} | {labels.FINDING_HEADING.get(lang)} "
        f"| {labels.CODE_HEADING.get(lang)} |",
        "| --- | --- | --- |",
    ]
    for f in report.findings:
        sign, word, _ = labels.status_label(f)
        status = f"{sign} {word.get(lang)}"
        lines.append(f"| {status} | {_cell(f.message.get(lang))} | `{f.code}` |")
    return lines + _details(report, lang)


def _details(report: Report, lang: Lang) -> list[str]:
    """Below the table, each finding's details as labelled lines (a cell holds no list)."""
    lines: list[str] = []
    for f in report.findings:
        shown = detail_lines(f.details, lang, f.code)
        if shown:
            lines += [f"- `{f.code}`", *(f"  - {_cell(k)}: {_cell(v)}" for k, v in shown)]
    return ["", f"**{labels.DETAILS.get(lang)}**", "", *lines] if lines else []
