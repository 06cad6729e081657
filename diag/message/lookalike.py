"""Telling the real iess.gob.ec from names that imitate it (iess-gob.ec, homoglyphs, xn--)."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import re
import unicodedata
from collections.abc import Iterable, Sequence

# UTS #39 confusables (the data of confusable-homoglyphs, derived from Unicode's
# confusables.txt; tests/message/test_lookalike.py pins it): every non-ASCII character that
# Unicode calls confusable with an ASCII letter or digit is read as that letter. Two Greek and
# Cyrillic letters that UTS #39 maps elsewhere (є → ꞓ, ε → ꞓ) but that pass for "e" in a
# domain are added by hand.
_EXTRA_CONFUSABLES = {"є": "e", "ε": "e"}


@functools.cache
def _confusables() -> dict[int, str]:
    from confusable_homoglyphs import confusables

    table: dict[int, str] = {}
    for char, entries in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        targets = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii()
                   and e["c"].isalnum()]
        letters = [t for t in targets if t.isalpha()] or targets
        if letters:
            table[ord(char)] = letters[0].lower()
    table.update({ord(k): v for k, v in _EXTRA_CONFUSABLES.items()})
    return table


_LEET = str.maketrans({"1": "i", "3": "e", "5": "s", "0": "o", "$": "s"})
_CLAIM = re.compile(r"(?<![a-z])iess(?![a-z])|instituto ecuatoriano de seguridad social")


def fold(text: str) -> str:
    """Case, accents and look-alike letters removed: `CONTRASEÑA` → `contrasena`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_confusables())


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
    """The wire form of a domain, lower-case, by IDNA 2008 / UTS #46 as email-validator reads it
    (`faß.de` → `xn--fa-hia.de`, not IDNA 2003's `fass.de`); unchanged when it cannot be encoded."""
    import idna

    domain = domain.strip().rstrip(".").lower()
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return domain


def is_ip_literal(host: str) -> bool:
    """`192.168.1.1`, `::1`, `[::1]`: an address, never a name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


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


def suspicious_hosts(hosts: Iterable[str], sender_domain: str | None, vouched: bool,
                     genuine: Sequence[str], allowed: Sequence[str]) -> list[str]:
    """Link hosts that give a forgery away. From the genuine domains: any host outside `allowed`
    unless a receiver's aligned pass vouches for the mail, and even then IP literals and hosts
    imitating IESS. From anyone else: IP literals and imitations."""
    from_genuine = is_under(sender_domain, genuine)
    found = []
    for host in hosts:
        if is_under(host, genuine):
            continue
        ip_link = from_genuine and is_ip_literal(host)
        elsewhere = from_genuine and not vouched and not is_under(host, allowed)
        if ip_link or elsewhere or domain_imitates_iess(host):
            found.append(host)
    return found
