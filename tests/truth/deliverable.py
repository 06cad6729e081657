"""Truth table: is the address deliverable? Rows of (input, must, never, why).

`must` and `never` hold verdicts ("problem", "ok", ...), finding codes, or "code:status".
`world` names the DNS the row is asked against: the standard fixture zone, or a filtering
resolver's view of it (tests/fixtures/zones.py).
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    input: str
    must: tuple[str, ...]
    never: tuple[str, ...]
    why: str
    world: str = "standard"


_FILTERED = ("dns.inconclusive", "inconclusive")
_NO_BLAME = ("problem", "mx.non_public_address", "mx.unresolvable", "domain.no_mail_server")

ROWS: tuple[Row, ...] = (
    # Filtering resolvers (issue 9): the network's DNS lies; the address is not to blame.
    Row("ana@gmail.com", _FILTERED, _NO_BLAME,
        "Pi-hole answers 0.0.0.0 and :: for a blocked name", "filtering"),
    Row("ana@outlook.com", _FILTERED, _NO_BLAME,
        "0.0.0.0 alone, no AAAA: still a filter's answer", "filtering"),
    Row("ana@hotmail.com", _FILTERED, _NO_BLAME,
        "Microsoft's MX hosts never live on 10/8: a company filter's block page", "filtering"),
    Row("ana@yahoo.com", _FILTERED, _NO_BLAME,
        "Yahoo's MX host on 192.168/16 is a redirect, not Yahoo", "filtering"),
    Row("ana@icloud.com", _FILTERED, _NO_BLAME, "AAAA :: only: a filter", "filtering"),
    Row("ana@empresa-andina.com.ec", _FILTERED, _NO_BLAME,
        "a Google Workspace MX host on a private address is a filter's answer", "filtering"),
    Row("ana@bloqueado.com.ec", _FILTERED, _NO_BLAME,
        "an unknown domain's MX host at 0.0.0.0 is blocked, not broken", "filtering"),
    Row("ana@sitio-bloqueado.ec", _FILTERED, _NO_BLAME,
        "no MX and 0.0.0.0 for the domain itself: blocked, not a domain without mail",
        "filtering"),
    Row("ana@mxprivado.com.ec", ("mx.non_public_address:fail", "problem"), ("ok",),
        "an unknown domain whose only MX host is on 10/8 really cannot get mail", "filtering"),
    Row("ana@mxprivado.com.ec", ("mx.non_public_address:fail", "problem"), ("ok",),
        "the same, through an honest resolver"),
    Row("ana@mxmedio.com.ec", ("mx.unresolvable:warn", "warning"), ("problem",),
        "one dead MX host out of two is a warning"),
    Row("ana@mxinexistente.com.ec", ("mx.unresolvable:fail", "problem"), ("ok",),
        "the only MX host does not exist: a complete check, a real problem"),
)
