"""Writing results: one whole JSONL or CSV record per row, in row order."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from diag.batch.layout import Layout
from diag.batch.rows import LINE_BREAK, Row
from diag.batch.settings import COMMAND, OutputFormat
from diag.findings import Report, Status, severity
from diag.i18n import Lang

CSV_COLUMNS = ("iess_row", "iess_address", "iess_verdict", "iess_codes", "iess_message")

# A spreadsheet runs a cell that starts like a formula (OWASP "CSV injection"); full-width forms
# count, as Excel and LibreOffice fold them. A leading ' makes it text and shows nothing extra.
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def neutral(cell: str) -> str:
    """The cell as a spreadsheet will show it but never run it."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class Writer:
    """Turns a checked row into one output record (a whole line, or a whole CSV record)."""

    def __init__(self, layout: Layout, fmt: OutputFormat, lang: Lang, *,
                 keep_formulas: bool = False) -> None:
        self.layout, self.fmt, self.lang = layout, fmt, lang
        self.keep_formulas = keep_formulas
        self._context: Any = None  # the plan's context, with its cache: made on first use

    def header(self) -> str:
        if self.fmt is OutputFormat.JSONL:
            return ""
        return ("\ufeff" if self.layout.bom else "") + self._csv_line(self.header_cells())

    def header_cells(self) -> list[str]:
        return self._cells([*self.layout.header, *CSV_COLUMNS])

    def record(self, row: Row, report: Report) -> str:
        if self.fmt is OutputFormat.JSONL:
            from diag.render.json import report_dict

            if self._context is None:
                from diag.advice.plan import PlanCache, PlanContext

                self._context = PlanContext(cache=PlanCache())
            data = {"row": row.number, **report_dict(report, self.lang, self._context),
                    "columns": self.carried(row)}
            return json.dumps(data, ensure_ascii=True, default=str) + "\n"
        return self._csv_line([*self.carried(row), *self._cells([
            str(row.number), report.address or "", report.verdict.value,
            " ".join(report.codes()), headline(report, self.lang)])])

    def record_start(self, row: Row | None) -> str:
        """What the record of `row` begins with before any check ran (what --resume accepts
        as a cut-short last record); "" after the last row."""
        if row is None:
            return ""
        if self.fmt is OutputFormat.JSONL:
            from diag.render.json import SCHEMA

            start = json.dumps({"row": row.number, "schema": SCHEMA, "command": COMMAND})
            return start.removesuffix("}") + ", "
        line = self._csv_line([*self.carried(row), str(row.number)])
        return line.removesuffix("\r\n") + self.layout.out_delimiter

    def carried(self, row: Row) -> Any:
        """The row's own columns as this format writes them (what --resume compares)."""
        width = len(self.layout.header)
        if self.fmt is OutputFormat.CSV:
            return self._cells([*row.fields[:width], *[""] * (width - len(row.fields))])
        columns: dict[str, Any] = dict(zip(self.layout.keys, row.fields, strict=False))
        if len(row.fields) > width:
            columns["_extra"] = list(row.fields[width:])
        return columns

    def _cells(self, cells: list[str]) -> list[str]:
        return cells if self.keep_formulas else [neutral(c) for c in cells]

    def _csv_line(self, fields: list[str]) -> str:
        sink = io.StringIO()
        csv.writer(sink, delimiter=self.layout.out_delimiter, lineterminator="\r\n").writerow(
            fields)
        return sink.getvalue()


def headline(report: Report, lang: Lang) -> str:
    """The one message that says most: the first worst finding; for a good row, the last ok."""
    if not report.findings:
        return ""
    ranked = [(severity(f.status), i if f.status is Status.OK else -i, f)
              for i, f in enumerate(report.findings)]
    best = max(ranked, key=lambda item: item[:2])[2]
    return LINE_BREAK.sub(" ", best.message.get(lang))
