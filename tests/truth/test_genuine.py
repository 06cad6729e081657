"""Reads the truth table tests/truth/genuine.py: no false "genuine", ever."""

from __future__ import annotations

import pytest

from diag.message.analysis import analyze_message
from tests.truth.genuine import ROWS


@pytest.mark.parametrize(("name", "raw", "must", "never", "why"), ROWS,
                         ids=[row[0] for row in ROWS])
def test_genuine_truth(name: str, raw: bytes, must: frozenset[str], never: frozenset[str],
                       why: str) -> None:
    kind = analyze_message(raw).kind.value
    assert kind not in never, why
    if must:
        assert kind in must, why


def test_the_corpus_is_big_enough() -> None:
    assert sum(row[0].startswith("corpus ") for row in ROWS) >= 100
