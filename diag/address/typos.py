"""Suspected typing mistakes in the domain of an address, against the providers used in Ecuador."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Most used first: ties go to the earlier entry. `fuzzy` is off for short domains, where one
# edit away lies a real, unrelated domain (live.com ~ life.com); those get only TLD checks.
_KNOWN: tuple[tuple[str, bool], ...] = (
    ("hotmail.com", True), ("gmail.com", True), ("yahoo.com", True), ("outlook.com", True),
    ("hotmail.es", True), ("outlook.es", True), ("yahoo.es", True), ("live.com", False),
    ("icloud.com", True), ("msn.com", False), ("me.com", False), ("ymail.com", True),
    ("googlemail.com", True), ("live.com.mx", True), ("protonmail.com", True),
    ("andinanet.net", True), ("satnet.net", True), ("interactive.net.ec", True),
    ("telconet.net", True), ("etapanet.net", True), ("puntonet.ec", True), ("netlife.ec", True),
    ("cnt.gob.ec", False), ("iess.gob.ec", True),
)
KNOWN_DOMAINS = frozenset(domain for domain, _ in _KNOWN)

# Real mail services one edit away from a known one (mail.com ~ gmail.com): never a typo.
_REAL_NEIGHBOURS = frozenset({
    "mail.com", "email.com", "gmx.com", "gmx.es", "aol.com", "zoho.com", "proton.me",
    "yandex.com", "hotmail.fr", "hotmail.it", "outlook.fr", "yahoo.fr", "yahoo.it",
    "live.cl", "live.fr", "mac.com", "tutanota.com", "hushmail.com", "inbox.com",
    # Microsoft's and Yahoo's country domains, which people who lived abroad keep using.
    "hotmail.cl", "outlook.cl", "hotmail.com.ar", "outlook.com.ar", "live.com.ar",
    "hotmail.co.uk", "live.co.uk", "outlook.de", "hotmail.de", "hotmail.com.br",
    "outlook.com.br", "yahoo.com.ar", "yahoo.com.mx", "yahoo.co.uk", "yahoo.com.br",
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


@dataclass(frozen=True)
class Suggestion:
    domain: str
    distance: int


@lru_cache(maxsize=65536)  # a batch asks about the same few thousand domains over and over
def suggest(domain: str) -> Suggestion | None:
    """The provider domain this one is probably a mistyping of, or None."""
    domain = domain.lower().rstrip(".")
    if domain in KNOWN_DOMAINS or domain in _REAL_NEIGHBOURS:
        return None
    if domain in _KNOWN_MISTAKES:
        return Suggestion(_KNOWN_MISTAKES[domain], 1)
    best: Suggestion | None = None
    for known, fuzzy in _KNOWN:
        distance = _distance_to(domain, known, fuzzy)
        if distance is not None and (best is None or distance < best.distance):
            best = Suggestion(known, distance)
    return best


def _distance_to(domain: str, known: str, fuzzy: bool) -> int | None:
    name, _, suffix = domain.partition(".")
    known_name, _, known_suffix = known.partition(".")
    # hotmail.con, gmail.com.ec, yahoo.co: the provider's name is right, the ending is not.
    if name == known_name and suffix and (
        suffix == known_suffix + ".ec" or osa_distance(suffix, known_suffix) == 1
    ):
        return 1
    if not fuzzy or len(domain) < 7:
        return None
    limit = 2 if len(known) >= 11 else 1
    if abs(len(domain) - len(known)) > limit:  # each edit changes the length by one at most
        return None
    distance = osa_distance(domain, known, limit)
    return distance if 0 < distance <= limit else None


def osa_distance(a: str, b: str, cap: int | None = None) -> int:
    """Edit distance counting a swap of two neighbours as one edit (gmial → gmail).

    With `cap`, any distance above it may be reported as just "above": cap + 1 or more."""
    if abs(len(a) - len(b)) > 2:
        return abs(len(a) - len(b))
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
