"""Writing results: one whole JSONL or CSV record per row, in row order."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from diag.batch.layout import Layout
from diag.batch.rows import LINE_BREAK, Row
from diag.batch.settings import OutputFormat
from diag.findings import Report, Status, severity
from diag.i18n import Lang

CSV_COLUMNS = ("iess_row", "iess_address", "iess_verdict", "iess_codes", "iess_message")


class Writer:
    """Turns a checked row into one output record (a whole line, or a whole CSV record)."""

    def __init__(self, layout: Layout, fmt: OutputFormat, lang: Lang) -> None:
        self.layout, self.fmt, self.lang = layout, fmt, lang

    def header(self) -> str:
        if self.fmt is OutputFormat.JSONL:
            return ""
        return ("\ufeff" if self.layout.bom else "") + self._csv_line(
            [*self.layout.header, *CSV_COLUMNS])

    def record(self, row: Row, report: Report) -> str:
        if self.fmt is OutputFormat.JSONL:
            from diag.render.json import report_dict

            data = {"row": row.number, **report_dict(report, self.lang),
                    "columns": self.carried(row)}
            return json.dumps(data, ensure_ascii=True, default=str) + "\n"
        return self._csv_line([*self.carried(row), str(row.number), report.address or "",
                               report.verdict.value, " ".join(report.codes()),
                               headline(report, self.lang)])

    def carried(self, row: Row) -> Any:
        """The row's own columns as this format writes them (what --resume compares)."""
        width = len(self.layout.header)
        if self.fmt is OutputFormat.CSV:
            return [*row.fields[:width], *[""] * (width - len(row.fields))]
        columns: dict[str, Any] = dict(zip(self.layout.keys, row.fields, strict=False))
        if len(row.fields) > width:
            columns["_extra"] = list(row.fields[width:])
        return columns

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
