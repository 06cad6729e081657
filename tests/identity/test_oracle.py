"""check-id against python-stdnum: random numbers, and a seeded sample of 40,000."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.identity.oracle import VALID_PROVINCES, Outcome, compare, plausible, sample, tally

_ALLOWED = {Outcome.AGREE, Outcome.DOUBTED}


@given(st.text(alphabet="0123456789", min_size=10, max_size=10)
       | st.text(alphabet="0123456789", min_size=13, max_size=13))
@settings(max_examples=2000, deadline=None)
def test_any_digit_string_agrees_with_stdnum(digits: str) -> None:
    assert compare(digits) in _ALLOWED, digits


@given(st.integers(0, 2**32))
@settings(max_examples=2000, deadline=None)
def test_plausible_numbers_agree_with_stdnum(seed: int) -> None:
    digits = plausible(random.Random(seed))
    assert compare(digits) in _ALLOWED, digits


@given(st.sampled_from(VALID_PROVINCES), st.sampled_from("0123456789"),
       st.text(alphabet="0123456789", min_size=7, max_size=7),
       st.sampled_from(["", "001", "000", "100", "010"]))
@settings(max_examples=2000, deadline=None)
def test_structured_numbers_agree_with_stdnum(province: str, third: str, middle: str,
                                             tail: str) -> None:
    digits = province + third + middle + tail
    if len(digits) in (10, 13):
        assert compare(digits) in _ALLOWED, digits


def test_40000_seeded_numbers_agree_with_stdnum() -> None:
    counts = tally(sample(40_000, seed=9))
    assert counts[Outcome.FALSE_ALARM] == 0 and counts[Outcome.FALSE_OK] == 0, counts
    # The sample does reach every branch that matters: valid, invalid and doubted numbers.
    assert counts[Outcome.AGREE] > 30_000 and counts[Outcome.DOUBTED] > 100
