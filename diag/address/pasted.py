"""What a paste wraps around an address: `mailto:`, a name and `<>`, quotes, a final dot or
comma, a full-width ＠. The person's address is almost certainly what is inside; what was typed
is still not it, so each wrapping is named, to be typed without."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diag.i18n import Text

# Each wrapping as a clause that says what to do about it.
WORDS: dict[str, Text] = {
    "mailto": Text("sobra el «mailto:» del principio (y lo que siga a un «?»)",
                   "the 'mailto:' at the start (and whatever follows a '?') does not belong"),
    "label": Text("sobra la palabra del principio («Correo:», «E-mail:»)",
                  "the word at the start ('Correo:', 'E-mail:') does not belong"),
    "display_name": Text("sobran el nombre y los signos «<» y «>»",
                         "the name and the '<' and '>' signs do not belong"),
    "angle_brackets": Text("sobran los signos «<» y «>»", "the '<' and '>' signs do not belong"),
    "quotes": Text("sobran las comillas", "the quotes do not belong"),
    "quoted_local": Text("sobran las comillas antes de la arroba",
                         "the quotes before the @ sign do not belong"),
    "trailing_dot": Text("sobra el punto final", "the final dot does not belong"),
    "trailing_comma": Text("sobra la coma del final", "the comma at the end does not belong"),
    "trailing_semicolon": Text("sobra el punto y coma del final",
                               "the semicolon at the end does not belong"),
    "wide_at": Text("la arroba «＠» es de ancho completo (de un teclado asiático) y debe ser «@»",
                    "the '＠' is a full-width sign (from an Asian keyboard) and must be '@'"),
}

_MAILTO = re.compile(r"mailto:\s*", re.IGNORECASE)
_LABEL = re.compile(r"(?:correo(?:\s+electr[oó]nico)?|e-?mail|mail)\s*:\s*", re.IGNORECASE)
_NAMED = re.compile(r"(?P<name>[^<>]*)<\s*(?P<inner>[^<>\s]+@[^<>\s]+)\s*>")
_QUOTED = re.compile(r"\"(?P<inner>[^\"\s]+@[^\"\s]+)\"|'(?P<single>[^'\s]+@[^'\s]+)'")
# A quoted local part that needs no quotes (RFC 5321 4.1.2: the same mailbox without them).
_QUOTED_ATOM = re.compile(r"\"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+)\"@(?P<domain>[^@]+)")
_TRAILING = {".": "trailing_dot", ",": "trailing_comma", ";": "trailing_semicolon"}
_WIDE_AT = "\uff20\ufe6b"  # FULLWIDTH COMMERCIAL AT, SMALL COMMERCIAL AT: NFKC makes them @


@dataclass(frozen=True)
class Unwrapped:
    address: str  # what is left inside
    removed: tuple[str, ...]  # slugs of WORDS, in the order they were taken off

    def fixes(self) -> Text:
        return Text.join("; ", [WORDS[slug] for slug in self.removed])


def unwrap(text: str) -> Unwrapped:
    """Take off, again and again, whatever a paste wraps around one address."""
    removed: list[str] = []
    while True:
        slug, inner = _peel(text)
        if slug is None or not inner.strip():
            return Unwrapped(text, tuple(dict.fromkeys(removed)))
        removed.append(slug)  # each step shortens the text, or leaves no ＠ to replace
        text = inner.strip()


def _peel(text: str) -> tuple[str | None, str]:
    if (mailto := _MAILTO.match(text)) is not None and "@" in text[mailto.end():]:
        # And a link's ?subject=... or ?cc=otra@..., whose @ is not the address's: counted
        # before the link is cut, it made `mailto:ana@x?cc=y@z` "several", hence invalid.
        return "mailto", text[mailto.end():].partition("?")[0]
    if text.count("@") + sum(text.count(c) for c in _WIDE_AT) != 1:
        return None, text  # none, or several addresses: not a wrapping of one
    if any(c in text for c in _WIDE_AT):
        return "wide_at", "".join("@" if c in _WIDE_AT else c for c in text)
    if (label := _LABEL.match(text)) is not None:
        return "label", text[label.end():]
    if (named := _NAMED.fullmatch(text)) is not None:
        return ("display_name" if named["name"].strip() else "angle_brackets"), named["inner"]
    if (quoted := _QUOTED.fullmatch(text)) is not None:
        return "quotes", quoted["inner"] or quoted["single"]
    if (atom := _QUOTED_ATOM.fullmatch(text)) is not None and ".." not in atom["local"] \
            and not atom["local"].startswith(".") and not atom["local"].endswith("."):
        return "quoted_local", f"{atom['local']}@{atom['domain']}"
    if text[-1:] in _TRAILING and text[:-1].rpartition("@")[2]:
        return _TRAILING[text[-1]], text[:-1]
    return None, text
