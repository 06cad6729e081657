"""Peer typo suites, rewritten as data: (source, typed domain, expected suggestion or None).

Sources: mailcheck (spec/mailcheckSpec.js, the classic suite, and spec/correctness.test.js,
its corrected successor) and ZooTools/email-spell-checker (test/index.spec.ts). Unit tests of
their matchers on bare names (findClosestDomain('tahoo')) are written as whole domains.
`DIFFERENT` names the cases where iess-diag deliberately answers otherwise, and why.
"""

from __future__ import annotations

MAILCHECK = "mailcheck"
CORRECTED = "mailcheck correctness"
ZOOTOOLS = "email-spell-checker"

TYPOS: tuple[tuple[str, str, str], ...] = (
    (CORRECTED, "gmil.con", "gmail.com"),
    (CORRECTED, "gmial.com", "gmail.com"),
    (CORRECTED, "hotmial.com", "hotmail.com"),
    (CORRECTED, "yahooo.cmo", "yahoo.com"),
    (CORRECTED, "randomsmallcompany.cmo", "randomsmallcompany.com"),
    (CORRECTED, "con-artists.con", "con-artists.com"),
    (CORRECTED, "gmail.con", "gmail.com"),
    (CORRECTED, "GMIAL.COM", "gmail.com"),
    (MAILCHECK, "hotmail.co", "hotmail.com"),
    (MAILCHECK, "emaildomain.con", "emaildomain.com"),
    (MAILCHECK, "emaildomain.co", "emaildomain.com"),
    (MAILCHECK, "gnail.con", "gmail.com"),
    (MAILCHECK, "GNAIL.con", "gmail.com"),
    (MAILCHECK, "#gmail.com", "gmail.com"),
    (MAILCHECK, "comcast.com", "comcast.net"),
    (MAILCHECK, "homail.con", "hotmail.com"),
    (MAILCHECK, "fabecook.com", "facebook.com"),
    (MAILCHECK, "yajoo.com", "yahoo.com"),
    (MAILCHECK, "gms.com", "gmx.com"),
    (MAILCHECK, "gmsn.com", "msn.com"),
    (MAILCHECK, "gmaik.com", "gmail.com"),
    (MAILCHECK, "empresa.ogr", "empresa.org"),
    (MAILCHECK, "empresa.ifno", "empresa.info"),
    (MAILCHECK, "empresa.com.uk", "empresa.co.uk"),
    (ZOOTOOLS, "gmail.co", "gmail.com"),
    (ZOOTOOLS, "gmal.com", "gmail.com"),
    (ZOOTOOLS, "yaho.com", "yahoo.com"),
    (ZOOTOOLS, "zopo.com", "zoho.com"),
    (ZOOTOOLS, "tahoo.com", "yahoo.com"),
    (ZOOTOOLS, "livr.com", "live.com"),
    (ZOOTOOLS, "outllok.com", "outlook.com"),
    (ZOOTOOLS, "hotmial.es", "hotmail.es"),
    (ZOOTOOLS, "empresa.cmo", "empresa.com"),
)

LEGITIMATE: tuple[tuple[str, str], ...] = tuple((CORRECTED, d) for d in (
    "gmail.com", "company.ai", "company.io", "company.app", "company.dev", "company.zip",
    "company.co", "company.design", "company.museum", "proton.me", "protonmail.com", "pm.me",
    "hey.com", "fastmail.com", "tuta.com", "gmail.co", "hotmail.co", "gmil.ai",
    "mail.example.com", "example.co.uk", "xn--bcher-kva.de", "yahoo.com.tw", "kicksend.com",
    "company.corp", "cat.com",
    # mailcheck's bundled providers, each left alone
    "yahoo.com", "google.com", "hotmail.com", "me.com", "aol.com", "mac.com", "live.com",
    "comcast.net", "googlemail.com", "msn.com", "hotmail.co.uk", "yahoo.co.uk",
    "facebook.com", "verizon.net", "sbcglobal.net", "att.net", "gmx.com", "mail.com",
    "outlook.com", "icloud.com",
))

# typed domain -> why iess-diag answers otherwise than the peer.
DIFFERENT: dict[str, str] = {
    "emaildomain.co": ".co is Colombia's real ending; the corrected mailcheck agrees",
    "comcast.com": "comcast.com is a real domain; only providers people here use are guessed",
    "fabecook.com": "Facebook gives no mail addresses",
    "gms.com": "gmx is three letters: one slip away lie real, unrelated domains",
    "gmsn.com": "msn is three letters: one slip away lie real, unrelated domains",
    "zopo.com": "a consonant for a consonant in a short name often makes a real word",
    "gmail.co": "for a well-known provider .co is a slip, as classic mailcheck says",
    "hotmail.co": "for a well-known provider .co is a slip, as classic mailcheck says",
}
