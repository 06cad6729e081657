"""Whose Authentication-Results count (RFC 8601 §5, §7.1) and DMARC/SPF/DKIM alignment."""

from __future__ import annotations

import pytest

from diag.message.authresults import auth_summary
from diag.message.receivers import aligned, receiving_provider

GMAIL = ("received",
         "from a.example by mx.google.com with ESMTPS id 1; Tue, 1 Dec 2026 06:00:00 +0000")
OUTLOOK = ("received", "from a.example by BN8NAM11FT066.mail.protection.outlook.com (10.1.1.1) "
           "with Microsoft SMTP Server; Tue, 1 Dec 2026 06:00:00 +0000")
ROOTS = ("iess.gob.ec",)


@pytest.mark.parametrize(("headers", "provider"), [
    ([GMAIL], "google"), ([OUTLOOK], "microsoft"),
    ([("received", "from x by mx.example.org; Tue, 1 Dec 2026 06:00:00 +0000")], None),
    ([("received", "from mx.google.com by mail.evil.example; x")], None),  # `from`, not `by`
])
def test_receiving_provider(headers: list[tuple[str, str]], provider: str | None) -> None:
    assert receiving_provider(headers) == provider


@pytest.mark.parametrize(("ident", "from_domain", "expected"), [
    ("iess.gob.ec", "iess.gob.ec", True),
    ("bounce.iess.gob.ec", "iess.gob.ec", True),
    ("iess.gob.ec", "notificaciones.iess.gob.ec", True),  # relaxed, under the sender domain
    ("evil.example", "iess.gob.ec", False),
    ("iess.gob.ec.evil.example", "iess.gob.ec", False),
    ("gob.ec", "iess.gob.ec", False),  # a parent above the sender domain is not IESS
    (None, "iess.gob.ec", False),
])
def test_relaxed_alignment(ident: str | None, from_domain: str, expected: bool) -> None:
    assert aligned(ident, from_domain, ROOTS) is expected


@pytest.mark.parametrize(("headers", "expected"), [
    ([GMAIL, ("authentication-results", "mx.google.com; dkim=pass header.i=@iess.gob.ec; "
              "spf=pass smtp.mailfrom=b@iess.gob.ec; dmarc=pass header.from=iess.gob.ec")],
     "dkim spf dmarc"),
    ([GMAIL, ("authentication-results", "mx.google.com; dkim=pass header.d=evil.example; "
              "spf=pass smtp.mailfrom=b@evil.example; dmarc=pass header.from=evil.example")], None),
    ([OUTLOOK, ("authentication-results", "spf=pass (sender IP is 192.0.2.1) "
                "smtp.mailfrom=iess.gob.ec; dkim=pass (signature was verified) "
                "header.d=iess.gob.ec;dmarc=pass action=none header.from=iess.gob.ec;")],
     "spf dkim dmarc"),
    # No known provider in the trace: the top header may be the sender's own, so no pass counts.
    ([("authentication-results", "mx.example; dmarc=pass header.from=iess.gob.ec")], None),
    # Reached Gmail, but the top header is someone else's: nothing is believed.
    ([GMAIL, ("authentication-results", "evil.example; dmarc=pass header.from=iess.gob.ec")],
     None),
    ([GMAIL, ("arc-authentication-results", "i=1; mx.google.com; dmarc=pass "
              "header.from=iess.gob.ec")], None),
])
def test_aligned_methods(headers: list[tuple[str, str]], expected: str | None) -> None:
    assert auth_summary(headers, "iess.gob.ec", ROOTS).get("aligned") == expected
