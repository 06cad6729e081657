"""Suspected typing mistakes in the domain of an address, against the providers used in Ecuador."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Fuzzy(Enum):
    """How far a typed name may stray from a known one and still be a slip of the finger."""

    FULL = "full"  # one edit (two from 8 letters): gmial, hotmai, andinanett
    SHORT = "short"  # short names: only a dropped, doubled or swapped letter, or a key slip
    NONE = "none"  # institutions and short names next to real ones: ending mistakes only


# Most used first: ties go to the earlier entry.
_KNOWN: tuple[tuple[str, Fuzzy], ...] = (
    ("hotmail.com", Fuzzy.FULL), ("gmail.com", Fuzzy.FULL), ("yahoo.com", Fuzzy.FULL),
    ("outlook.com", Fuzzy.FULL), ("hotmail.es", Fuzzy.FULL), ("outlook.es", Fuzzy.FULL),
    ("yahoo.es", Fuzzy.FULL), ("live.com", Fuzzy.SHORT), ("icloud.com", Fuzzy.FULL),
    ("msn.com", Fuzzy.NONE), ("me.com", Fuzzy.NONE), ("ymail.com", Fuzzy.FULL),
    ("googlemail.com", Fuzzy.FULL), ("live.com.mx", Fuzzy.SHORT),
    ("protonmail.com", Fuzzy.FULL), ("andinanet.net", Fuzzy.FULL), ("satnet.net", Fuzzy.FULL),
    ("interactive.net.ec", Fuzzy.FULL), ("telconet.net", Fuzzy.FULL),
    ("etapanet.net", Fuzzy.FULL), ("puntonet.ec", Fuzzy.FULL), ("netlife.ec", Fuzzy.FULL),
    ("cnt.net.ec", Fuzzy.SHORT), ("cnt.gob.ec", Fuzzy.NONE), ("iess.gob.ec", Fuzzy.NONE),
    # Foreign services people here also use; short names sit next to real, unrelated domains.
    ("aol.com", Fuzzy.NONE), ("gmx.com", Fuzzy.NONE), ("zoho.com", Fuzzy.SHORT),
)
KNOWN_DOMAINS = frozenset(domain for domain, _ in _KNOWN)

# Real mail services one edit away from a known one (mail.com ~ gmail.com): never a typo.
_REAL_NEIGHBOURS = frozenset({
    "mail.com", "email.com", "gmx.es", "zoho.eu", "proton.me", "protonmail.ch", "pm.me",
    "yandex.com", "hotmail.fr", "hotmail.it", "outlook.fr", "yahoo.fr", "yahoo.it",
    "live.cl", "live.fr", "mac.com", "tutanota.com", "hushmail.com", "inbox.com",
    # Microsoft's and Yahoo's country domains, which people who lived abroad keep using.
    "hotmail.cl", "outlook.cl", "hotmail.com.ar", "outlook.com.ar", "live.com.ar",
    "hotmail.co.uk", "live.co.uk", "outlook.de", "hotmail.de", "hotmail.com.br",
    "outlook.com.br", "yahoo.com.ar", "yahoo.com.mx", "yahoo.co.uk", "yahoo.com.br",
    "yahoo.com.tw",
})

# Domains people type that no provider gives addresses on, with the intended one.
_KNOWN_MISTAKES = {
    "gmail.es": "gmail.com",
    "gmail.com.ec": "gmail.com",
    "gmail.ec": "gmail.com",
    "hotmail.ec": "hotmail.com",
    "outlook.ec": "outlook.com",
    "yahoo.ec": "yahoo.com",
}

# Endings that are no top-level domain at all, for any domain (empresa.con): none of these is
# delegated in the root zone, so the correction cannot hide a real domain.
_ENDING_MISTAKES = {
    "con": "com", "cmo": "com", "ocm": "com", "cpm": "com", "xom": "com", "vom": "com",
    "comm": "com", "coom": "com", "cim": "com", "cmm": "com", "ogr": "org", "rog": "org",
    "orgg": "org", "nte": "net", "ner": "net", "nett": "net", "ifno": "info", "inof": "info",
    "ce": "ec", "ecc": "ec",
}
# Second-level registries open only to real institutions: a name under them is never a typo.
_INSTITUTION_LABELS = frozenset({"gob", "gov", "edu", "mil"})
_KEYBOARD = ("qwertyuiop", "asdfghjklñ", "zxcvbnm")
_VOWELS = frozenset("aeiou")
_NOT_IN_DOMAINS = re.compile(r"[^a-z0-9.\-]")


@dataclass(frozen=True)
class Suggestion:
    domain: str
    distance: int


@lru_cache(maxsize=65536)  # a batch asks about the same few thousand domains over and over
def suggest(domain: str) -> Suggestion | None:
    """The provider domain this one is probably a mistyping of, or None."""
    domain = domain.lower().strip().rstrip(".")
    if domain in KNOWN_DOMAINS or domain in _REAL_NEIGHBOURS:
        return None
    if domain in _KNOWN_MISTAKES:
        return Suggestion(_KNOWN_MISTAKES[domain], 1)
    cleaned = _NOT_IN_DOMAINS.sub("", domain)
    if cleaned != domain:  # #gmail.com, gmail,com
        found = suggest(cleaned)
        return Suggestion(cleaned, 1) if found is None and cleaned in KNOWN_DOMAINS else found
    best: Suggestion | None = None
    for known, fuzzy in _KNOWN:
        distance = _distance_to(domain, known, fuzzy)
        if distance is not None and (best is None or distance < best.distance):
            best = Suggestion(known, distance)
    return best or _ending_fixed(domain)


def _distance_to(domain: str, known: str, fuzzy: Fuzzy) -> int | None:
    # hotmailcom, outlookes, cntnet.ec: the letters are right, a dot went missing.
    squashed, known_squashed = domain.replace(".", ""), known.replace(".", "")
    if squashed in (known_squashed, known_squashed + "ec"):
        return 1
    name, _, suffix = domain.partition(".")
    known_name, _, known_suffix = known.partition(".")
    ending = _suffix_distance(suffix, known_suffix)
    if ending is None:
        return None
    if name == known_name:
        return ending or None
    if _INSTITUTION_LABELS & set(suffix.split(".")):
        return None
    slip = _name_distance(name, known_name, fuzzy)
    if slip is None or (ending and slip > 1):  # two parts wrong: one slip in each at most
        return None
    return slip + ending


def _suffix_distance(suffix: str, known: str) -> int | None:
    """0 for the same ending; 1 for con, cmo, co, c, com.ec against com; None otherwise."""
    if suffix == known:
        return 0
    if not suffix:
        return None
    if suffix == known + ".ec" or known.startswith(suffix) or osa_distance(suffix, known, 1) == 1:
        return 1
    return None


def _name_distance(name: str, known: str, fuzzy: Fuzzy) -> int | None:
    if fuzzy is Fuzzy.NONE:
        return None
    if fuzzy is Fuzzy.SHORT:
        return 1 if _is_slip(name, known) else None
    if len(name) < 4 or len(known) < 5:
        return None
    limit = 2 if len(known) >= 8 else 1
    distance = osa_distance(name, known, limit)
    return distance if 0 < distance <= limit else None


def _is_slip(name: str, known: str) -> bool:
    """A dropped, doubled or swapped letter of a short name, or a key slip into a non-word."""
    if len(name) == len(known) - 1:
        return len(name) >= 2 and any(known[:i] + known[i + 1:] == name for i in range(len(known)))
    if len(name) == len(known) + 1:
        return any(name[:i] + name[i + 1:] == known and name[i] in _beside(name, i)
                   for i in range(len(name)))
    if len(name) != len(known):
        return False
    diff = [i for i in range(len(name)) if name[i] != known[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        return name[diff[0]] == known[diff[1]] and name[diff[1]] == known[diff[0]]
    # live → livr: a neighbouring key. Only one that swaps a vowel for a consonant or back:
    # live → life, love keep the word shape and are real, unrelated domains.
    if len(diff) == 1:
        typed, meant = name[diff[0]], known[diff[0]]
        return _neighbours(typed, meant) and (typed in _VOWELS) != (meant in _VOWELS)
    return False


def _beside(text: str, i: int) -> str:
    return text[i - 1:i] + text[i + 1:i + 2]


def _neighbours(a: str, b: str) -> bool:
    for row, keys in enumerate(_KEYBOARD):
        if a in keys:
            i = keys.index(a)
            near = {keys[i - 1] if i else "", keys[i + 1:i + 2]}
            if row > 0:
                near |= set(_KEYBOARD[row - 1][i:i + 2])
            if row < 2:
                near |= set(_KEYBOARD[row + 1][max(i - 1, 0):i + 1])
            return b in near
    return False


def _ending_fixed(domain: str) -> Suggestion | None:
    """empresa.con → empresa.com: an ending that exists nowhere, whatever the domain."""
    if domain.endswith(".com.uk"):
        return Suggestion(domain.removesuffix(".com.uk") + ".co.uk", 1)
    rest, dot, ending = domain.rpartition(".")
    if dot and rest and ending in _ENDING_MISTAKES:
        return Suggestion(f"{rest}.{_ENDING_MISTAKES[ending]}", 1)
    return None


def osa_distance(a: str, b: str, cap: int | None = None) -> int:
    """Edit distance counting a swap of two neighbours as one edit (gmial → gmail).

    With `cap`, any distance above it may be reported as just "above": cap + 1 or more."""
    if cap is not None and abs(len(a) - len(b)) > cap:  # each edit changes the length by one
        return cap + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        # A swap reaches back two rows, so stop only when both rows are past the cap.
        if cap is not None and min(row) > cap and min(prev) > cap:
            return cap + 1
        prev2, prev = prev, row
    return prev[-1]
