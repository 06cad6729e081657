"""The run's summary: rows by verdict and by finding code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diag.errors import ExitStatus
from diag.findings import Verdict, worst


@dataclass
class Summary:
    rows: int = 0  # rows in the output, including those already there on --resume
    resumed: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)  # rows with each code
    seconds: float = 0.0
    interrupted: bool = False
    undecodable: int = 0  # rows with bytes that are not text in the chosen encoding

    def add(self, verdict: str, codes: Iterable[str]) -> None:
        self.rows += 1
        self.verdicts[verdict] += 1
        self.codes.update(set(codes))

    @property
    def checked(self) -> int:
        return self.rows - self.resumed

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
                "undecodable_rows": self.undecodable,
                "exit_status": int(self.exit_status())}
