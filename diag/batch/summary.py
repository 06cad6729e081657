"""The run's summary: rows by verdict and by finding code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diag.errors import ExitStatus
from diag.findings import Verdict, worst
from diag.i18n import Text


@dataclass
class Summary:
    rows: int = 0  # rows in the output, including those already there on --resume
    resumed: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)  # rows with each code
    seconds: float = 0.0
    interrupted: bool = False
    undecodable: int = 0  # rows with bytes that are not text in the chosen encoding
    lines: int = 0  # physical lines of the rows checked in this run

    def add(self, verdict: str, codes: Iterable[str]) -> None:
        self.rows += 1
        self.verdicts[verdict] += 1
        self.codes.update(set(codes))

    @property
    def checked(self) -> int:
        return self.rows - self.resumed

    def lines_warning(self) -> Text | None:
        """Far more lines than rows: cells with line breaks, or a quote left open somewhere."""
        extra = self.lines - self.checked
        if self.interrupted or extra < max(_FEW_EXTRA_LINES, self.checked):
            return None
        rows = _ONE_ROW if self.checked == 1 else _ROWS.format(rows=self.checked)
        return Text(_MANY_LINES.es.format(rows=rows.es, lines=self.lines),
                    _MANY_LINES.en.format(rows=rows.en, lines=self.lines))

    def exit_status(self) -> ExitStatus:
        if self.interrupted:
            return ExitStatus.INTERRUPTED
        return ExitStatus.for_verdict(worst(Verdict(v) for v, n in self.verdicts.items() if n))

    def to_dict(self) -> dict[str, Any]:
        rate = self.checked / self.seconds if self.seconds > 0 else 0.0
        return {"schema": "iess-diag-batch-summary/1", "rows": self.rows,
                "resumed_rows": self.resumed, "checked_rows": self.checked,
                "interrupted": self.interrupted, "seconds": round(self.seconds, 3),
                "rows_per_second": round(rate, 1),
                "verdicts": {v.value: self.verdicts[v] for v in Verdict},
                "codes": dict(sorted(self.codes.items())),
                "undecodable_rows": self.undecodable, "input_lines": self.lines,
                "exit_status": int(self.exit_status())}


_FEW_EXTRA_LINES = 10


_MANY_LINES = Text(
    "{rows} {lines} líneas del archivo: hay celdas con saltos de línea. Si no debería haberlos, "
    "puede haber comillas sin cerrar que juntan varias filas en una: revise las celdas de notas "
    "largas.",
    "{rows} {lines} lines of the file: some cells hold line breaks. If they should not, an "
    "unclosed quote may be gluing several rows into one: check the long notes cells.")
_ROWS = Text("las {rows} filas revisadas ocupan", "the {rows} rows checked take")
_ONE_ROW = Text("la única fila revisada ocupa", "the one row checked takes")
