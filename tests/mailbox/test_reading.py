"""diag.mailbox.reading: when a whole-message fetch left the rest of a message unread."""

from __future__ import annotations

import pytest

from diag.mailbox.options import BODY_CAP, Fetched
from diag.mailbox.reading import _cut_short


@pytest.mark.parametrize(("received", "size", "full", "cut"), [
    (BODY_CAP, BODY_CAP + 40_000, True, True),  # the server stopped at the cap
    (5_000, 5_300, True, False),  # a size that differs from what was sent: not cut
    (BODY_CAP + 40_000, BODY_CAP + 40_000, True, False),  # the range ignored, all of it sent
    (BODY_CAP, BODY_CAP, True, False),  # exactly the cap, and that is all of it
    (3_000, BODY_CAP * 4, False, False),  # a header fetch is headers_only, not "cut"
])
def test_cut_short(received: int, size: int, full: bool, cut: bool) -> None:
    item = Fetched(uid=1, internaldate=None, size=size, raw=b"x" * received, complete=full)
    assert _cut_short(item) is cut
