"""Reads tests/truth/identity.py: each row through check-id."""

from __future__ import annotations

import pytest

from diag.findings import Report
from diag.identity.numbers import check_id
from tests.truth.identity import ROWS, Row


def outcomes(report: Report) -> set[str]:
    """The verdict, every code, and every code:status of a report."""
    return ({report.verdict.value} | {f.code for f in report.findings}
            | {f"{f.code}:{f.status.value}" for f in report.findings})


@pytest.mark.parametrize("row", ROWS, ids=[r.input for r in ROWS])
def test_row(row: Row) -> None:
    got = outcomes(check_id(row.input))
    assert set(row.must) <= got, (row.why, sorted(got))
    assert not set(row.never) & got, (row.why, sorted(got))
