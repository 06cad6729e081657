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


_NOT_A_TYPO = ("address.typo_suspected",)
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
    Row("ana@live.com", _FILTERED, _NO_BLAME,
        "Microsoft's MX host cannot have vanished: NXDOMAIN-mode blocking", "filtering"),
    Row("ana@mxprivado.com.ec", ("mx.non_public_address:fail", "problem"), ("ok",),
        "an unknown domain whose only MX host is on 10/8 really cannot get mail", "filtering"),
    Row("ana@mxprivado.com.ec", ("mx.non_public_address:fail", "problem"), ("ok",),
        "the same, through an honest resolver"),
    Row("ana@mxmedio.com.ec", ("mx.unresolvable:warn", "warning"), ("problem",),
        "one dead MX host out of two is a warning"),
    Row("ana@mxinexistente.com.ec", ("mx.unresolvable:fail", "problem"), ("ok",),
        "the only MX host does not exist: a complete check, a real problem"),
    # Typo suggestions (issue 9): real institutions are not typos.
    Row("ana@mies.gob.ec", (), _NOT_A_TYPO, "the Ministry of Social Inclusion is real"),
    Row("ana@seps.gob.ec", (), _NOT_A_TYPO, "the Superintendency of the Popular Economy"),
    Row("ana@ieps.gob.ec", (), _NOT_A_TYPO, "the Institute of the Popular Economy"),
    Row("ana@iepi.gob.ec", (), _NOT_A_TYPO, "the former intellectual-property institute"),
    Row("ana@protonmail.ch", (), _NOT_A_TYPO, "Proton's Swiss domain gives real addresses"),
    # Missing dots and short forms are typos.
    Row("ana@hotmailcom", ("address.typo_suspected", "address.invalid"), ("ok",),
        "the dot before com was lost"),
    Row("ana@gmailcom", ("address.typo_suspected",), ("ok",), "the dot before com was lost"),
    Row("ana@outlookes", ("address.typo_suspected",), ("ok",), "the dot before es was lost"),
    Row("ana@cntnet.ec", ("address.typo_suspected",), (), "cnt.net.ec with a dot lost"),
    Row("ana@gnail.con", ("address.typo_suspected",), (), "one wrong letter in each part"),
    Row("ana@yahooo.cmo", ("address.typo_suspected",), (), "a doubled letter, swapped ending"),
    Row("ana@gmail.c", ("address.typo_suspected",), (), "the ending cut short"),
    Row("ana@livr.com", ("address.typo_suspected",), (), "r is next to e on the keyboard"),
    Row("ana@lve.com", ("address.typo_suspected",), (), "a letter of live.com dropped"),
    Row("ana@livee.com", ("address.typo_suspected",), (), "a letter of live.com doubled"),
    Row("ana@cntt.net.ec", ("address.typo_suspected",), (), "a letter of cnt.net.ec doubled"),
    Row("ana@cnt.ne.ec", ("address.typo_suspected",), (), "a letter of cnt.net.ec dropped"),
    # RFC 5321 §4.5.3.1.1: at most 64 octets before the @.
    Row("a" * 65 + "@gmail.com", ("address.invalid", "problem"), ("address.valid", "ok"),
        "65 letters before the @ break the limit"),
    Row("ñ" * 33 + "@gmail.com", ("address.invalid",), ("address.valid",),
        "33 ñ are 66 octets: over the limit though only 33 letters"),
    Row("a" * 64 + "@gmail.com", ("address.valid", "ok"), ("address.invalid",),
        "exactly 64 is allowed"),
    # Pasted wrappings (found by review): the address inside is checked, the wrapping is a
    # warning that says what to take off; never a problem that sends the person to a CAU.
    *(Row(typed, ("address.extra_characters:warn", "warning", "address.valid"),
          ("problem", "address.invalid"), why) for typed, why in (
        ("ana@hotmail.com.", "a sentence's final dot after the address"),
        ("mailto:ana@hotmail.com", "copied from a web page's link"),
        ("<ana@hotmail.com>", "copied from a mail's header"),
        ("Ana Pérez <ana@hotmail.com>", "copied from a mail's From line"),
        ('"ana"@hotmail.com', "quotes around a local part that needs none: the same mailbox"),
        ('"ana@hotmail.com"', "quotes around the whole address"),
        ("ana@hotmail.com,", "copied from a list of addresses"),
        ("ana@hotmail.com;", "copied from Outlook's To line"),
        ("ana＠hotmail.com", "a full-width @ from an Asian keyboard layout (NFKC: @)"),
        (" mailto:Ana <ana@hotmail.com>; ", "several wrappings at once"),
        ("Correo: ana@hotmail.com", "copied with the form's label"),
        ("E-mail: ana@hotmail.com", "copied with the label of a contact card"),
        ("mailto:ana@hotmail.com?cc=soporte@iess.gob.ec",
         "a mailto: link whose ?cc= holds a second @ (review1: once a false 'invalid')"))),
    Row('"ana perez"@hotmail.com', ("address.quoted_local:warn", "warning"),
        ("problem", "address.invalid"),
        "a quoted local part is valid RFC 5321; the IESS form may refuse it: a warning"),
    Row("ana@hotmail.com\u00a0", ("address.invisible_characters:warn", "warning"),
        ("problem",), "a no-break space pasted from WhatsApp"),
    Row("\u200bana@hotmail.com", ("address.invisible_characters:warn", "warning"),
        ("problem",), "a zero-width space pasted from a chat"),
    Row("Ana <ana@hotmail.com>, Luis <luis@hotmail.com>",
        ("address.invalid:unknown", "inconclusive"), ("address.valid", "problem"),
        "two addresses are not one: nothing is guessed, and neither is said to be wrong"),
    Row("ana@hotmail.com luis@gmail.com", ("address.invalid:unknown", "inconclusive"),
        ("problem",), "two addresses pasted into one box: which is the person's is not known"),
    Row("mu\ufffdoz@hotmail.com", ("address.invalid:unknown", "inconclusive"), ("problem",),
        "a damaged character (a file read in the wrong encoding) is not the person's typo"),
)
