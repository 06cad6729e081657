"""DMARC tags as a hostile DNS answer may write them."""

from __future__ import annotations

import pytest

from diag.sender.records import Dmarc


@pytest.mark.parametrize(("pct", "percent"), [("50", 50), ("²", 100), ("٣", 100), ("x", 100)])
def test_a_pct_that_is_no_plain_number_is_the_default(pct: str, percent: int) -> None:
    # str.isdigit() is true of '²', which int() refuses: the sender check once crashed on it.
    assert Dmarc("found", tags={"p": "reject", "pct": pct}).percent == percent
