"""Telling the real iess.gob.ec from names that imitate it (iess-gob.ec, homoglyphs, xn--)."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable

# Letters from other scripts that render like Latin ones (a small subset of Unicode's
# confusables.txt, the ones phishing domains use), and the digits used as letters.
_CONFUSABLE = str.maketrans({
    "а": "a", "е": "e", "і": "i", "ї": "i", "о": "o", "р": "p", "с": "c", "ѕ": "s", "х": "x",
    "у": "y", "ӏ": "l", "ԁ": "d", "ɡ": "g", "ɑ": "a", "ı": "i", "ο": "o", "ι": "i", "ε": "e",
    "α": "a", "ν": "v", "κ": "k", "τ": "t", "ѵ": "v", "ꜱ": "s", "ꮪ": "s",
})
_LEET = str.maketrans({"1": "i", "3": "e", "5": "s", "0": "o", "$": "s"})
_CLAIM = re.compile(r"(?<![a-z])iess(?![a-z])|instituto ecuatoriano de seguridad social")


def fold(text: str) -> str:
    """Case, accents and look-alike letters removed: `CONTRASEÑA` → `contrasena`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_CONFUSABLE)


def unicode_domain(domain: str) -> str:
    """A domain with its `xn--` labels decoded, so that homoglyphs become visible to `fold`."""
    labels = []
    for label in domain.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label[4:].encode("ascii").decode("punycode")
        labels.append(label)
    return ".".join(labels)


def ascii_domain(domain: str) -> str:
    """The wire (IDNA) form of a domain, lower-case; unchanged when it cannot be encoded."""
    domain = domain.strip().rstrip(".").lower()
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def is_under(domain: str | None, domains: Iterable[str]) -> bool:
    """Exact label match: `www.iess.gob.ec` is under `iess.gob.ec`; `iess.gob.ec.x.com` is not."""
    if not domain:
        return False
    name = domain.rstrip(".").lower()
    if not name.isascii():
        return False  # a Unicode name here was not IDNA-encoded: never trust it as genuine
    for parent in domains:
        base = parent.strip().rstrip(".").lower()
        if base and (name == base or name.endswith("." + base)):
            return True
    return False


def domain_imitates_iess(domain: str | None) -> bool:
    """A label or a hyphen-separated piece of one starts with "iess" (after folding homoglyphs
    and digits-as-letters): `iess-gob.ec`, `iessecuador.com`, `iess.gob.ec.verificar.com`,
    `xn--ess-…` (Cyrillic і). `biess.fin.ec` (the IESS bank) does not."""
    if not domain:
        return False
    name = fold(unicode_domain(domain.lower())).translate(_LEET)
    pieces = (piece for label in name.split(".") for piece in re.split(r"[-_]", label))
    return any(piece.startswith("iess") or piece.startswith("ieess") for piece in pieces)


def mentions_iess(text: str) -> bool:
    """The words "IESS" or "Instituto Ecuatoriano de Seguridad Social" in a subject or name."""
    return bool(_CLAIM.search(fold(text)))


def contains_keyword(text: str, keywords: Iterable[str]) -> bool:
    """Accent- and case-insensitive substring match."""
    folded = fold(text)
    return any(fold(word) in folded for word in keywords if word.strip())
