"""The first external Received hop: parsing real and hostile trace lines (see tests/truth)."""

from __future__ import annotations

import pytest

from diag.message.hops import HopState, sending_hop

EDGE = "by mx.google.com with ESMTPS id a1si2; Tue, 01 Dec 2026 06:00:05 +0000"


def hop(*values: str) -> tuple[str, str]:
    headers = [("received", v) for v in values]
    return sending_hop(headers).state, sending_hop(headers).address  # type: ignore[return-value]


@pytest.mark.parametrize(("value", "state", "address"), [
    # Postfix, Sendmail, Exim, Microsoft, qmail and Yahoo-style from clauses.
    (f"from m.iess.gob.ec (m.iess.gob.ec. [186.46.193.25]) {EDGE}", "found", "186.46.193.25"),
    (f"from m.iess.gob.ec ([186.46.193.25] helo=m.iess.gob.ec) {EDGE}", "found",
     "186.46.193.25"),
    (f"from unknown (HELO m.iess.gob.ec) (186.46.193.25) {EDGE}", "found", "186.46.193.25"),
    (f"from 186.46.193.25 (EHLO m.iess.gob.ec) {EDGE}", "found", "186.46.193.25"),
    (f"from m.iess.gob.ec (m.iess.gob.ec [186.46.193.25]) (using TLSv1.3 with cipher "
     f"TLS_AES_256_GCM_SHA384 (256/256 bits)) {EDGE}", "found", "186.46.193.25"),
    # An unclosed comment swallows the by clause: no inbound hop is seen, nothing is guessed.
    (f"from m.iess.gob.ec (m.iess.gob.ec [186.46.193.25] {EDGE}", "no_inbound_hop", None),
    (f"from m.iess.gob.ec (unknown [999.46.193.25]) {EDGE}", "no_address", None),
    (f"from m.iess.gob.ec ((((((( {EDGE}", "no_inbound_hop", None),
    ("from m.iess.gob.ec (m [186.46.193.25]) by MX.GOOGLE.COM.; x", "found", "186.46.193.25"),
])
def test_from_clauses(value: str, state: str, address: str | None) -> None:
    assert hop(value) == (state, address)


def test_a_by_inside_a_comment_is_not_the_by_clause() -> None:
    value = "from x (by mx.google.com [186.46.193.25]) by relay.example; Tue, 1 Dec 2026"
    assert hop(value)[0] is not HopState.FOUND


def test_only_the_first_hundred_lines_are_read() -> None:
    filler = ["from a (a [10.0.0.1]) by mx.google.com; x"] * 100
    assert hop(*filler, f"from m (m [186.46.193.25]) {EDGE}") == ("inside_only", None)


def test_a_huge_line_is_cut() -> None:
    value = "from " + "(" * 200_000 + f" [186.46.193.25]) {EDGE}"
    assert hop(value)[1] is None
