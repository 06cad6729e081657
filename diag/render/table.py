"""The terminal table (rich), rendered to a string so it stays a pure function."""

from __future__ import annotations

import io

from diag.advice.plan import PlanContext, decide
from diag.findings import Report
from diag.i18n import Lang
from diag.render import labels
from diag.render.terminal import visible


def render_table(report: Report, lang: Lang, *, color: bool = False, width: int = 100,
                 context: PlanContext | None = None) -> str:
    from rich.console import Console
    from rich.markup import escape as escape_markup
    from rich.table import Table

    def escape(text: str) -> str:
        return escape_markup(visible(text))

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False)
    verdict = report.verdict
    console.print(
        f"[bold]{escape(report.address or report.input)}[/]  ·  "
        f"{labels.VERDICT_HEADING.get(lang)}: "
        f"[{labels.VERDICT_STYLE[verdict]}]{escape(labels.verdict_text(report).get(lang))}[/]"
    )
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    table.add_column(labels.STATUS_HEADING.get(lang), no_wrap=True)
    table.add_column(labels.FINDING_HEADING.get(lang), overflow="fold")
    table.add_column(labels.CODE_HEADING.get(lang), style="dim", no_wrap=True)
    for section in report.sections or (report,):
        if report.sections:
            title = labels.section_title(section.command).get(lang)
            if labels.section_not_checked(section):
                title += f" — {labels.NOT_CHECKED_PART.get(lang)}"
            table.add_row("", f"[bold]{escape(title)}[/]", "")
        for f in section.findings:
            sign, word, style = labels.status_label(f)
            mark = f"{sign} {word.get(lang)}"
            table.add_row(f"[{style}]{mark}[/]", escape(f.message.get(lang)), f.code)
        if report.sections:
            table.add_section()
    console.print(table)
    context = context or PlanContext()
    steps = decide(report, context)
    if steps:
        audience = labels.AUDIENCE[context.audience].get(lang)
        console.print(f"[bold]{labels.WHAT_TO_DO.get(lang)}[/] ({escape(audience)}):")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(overflow="fold")
        for n, step in enumerate(steps, 1):
            grid.add_row(f"{n}.", escape(step.get(lang)))
        console.print(grid)
    # rich pads every line to the full width; trailing blanks only get in the way of a paste.
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
