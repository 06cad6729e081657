"""A realistic batch workload: a DNS zone of N domains and addresses drawn over them.

Most addresses sit on a few big providers (Gmail, Hotmail, Outlook, Yahoo...), the rest on a long
tail of small domains (Zipf-like weights), with a few implicit-MX, null-MX, missing and mistyped
domains and about 1 % of malformed addresses, as in a real export of the IESS affiliates.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from tests.fixtures.zones import STANDARD_ZONE

# Big providers (all in STANDARD_ZONE) and their share of all addresses.
PROVIDERS: dict[str, float] = {
    "gmail.com": 0.30, "hotmail.com": 0.16, "outlook.com": 0.05, "yahoo.com": 0.05,
    "hotmail.es": 0.03, "yahoo.es": 0.02, "outlook.es": 0.02, "live.com": 0.02,
    "icloud.com": 0.01, "andinanet.net": 0.01, "iess.gob.ec": 0.005, "me.com": 0.005,
}
TAIL_SHARE = 1.0 - sum(PROVIDERS.values())  # what the long tail gets, about 30 %
MALFORMED_SHARE = 0.01
# Also in STANDARD_ZONE: typos and odd domains that real exports contain.
ODD_DOMAINS = ("gmial.com", "hotmail.con", "hotmial.com", "tiendaquito.ec", "sinmail.com.ec",
               "mailinator.com")
_MALFORMED = ("ana perez@gmail.com", "ana@@hotmail.com", "ana.gmail.com", "ana@", "@yahoo.com",
              "ana..b@gmail.com", "ana@gmail")
_NAMES = ("ana", "jose", "maria", "luis", "carmen", "jorge", "rosa", "pedro", "lucia", "diego")


@dataclass(frozen=True)
class Workload:
    domains: tuple[str, ...]  # every domain addresses are drawn from
    weights: tuple[float, ...]
    zone: str
    seed: int

    def addresses(self, count: int, seed: int | None = None) -> Iterator[str]:
        """`count` addresses; the first len(domains) cover every domain once, so a run of at
        least that many rows asks about every domain."""
        rng = random.Random(self.seed if seed is None else seed)
        order = list(self.domains)
        rng.shuffle(order)
        for i in range(count):
            if rng.random() < MALFORMED_SHARE:
                yield rng.choice(_MALFORMED)
                continue
            domain = (order[i] if i < len(order)
                      else rng.choices(self.domains, self.weights)[0])
            yield f"{rng.choice(_NAMES)}.{i}@{domain}"


def tail_zone(count: int, seed: int) -> tuple[list[str], str]:
    """`count` small domains: 85 % with their own MX host, 8 % implicit MX (A only), 4 % null
    MX, 3 % absent (NXDOMAIN)."""
    rng = random.Random(seed)
    names, lines = [], []
    for i in range(count):
        domain = f"{rng.choice(('empresa', 'clinica', 'colegio', 'ferreteria', 'estudio'))}{i}." \
                 f"{rng.choice(('com.ec', 'ec', 'com', 'net.ec', 'org.ec'))}"
        names.append(domain)
        roll = rng.random()
        ip = f"190.{152 + i // 62500}.{i // 250 % 250}.{i % 250 + 1}"
        if roll < 0.85:
            lines += [f"{domain}. 300 IN MX 10 mail.{domain}.", f"mail.{domain}. 300 IN A {ip}"]
        elif roll < 0.93:
            lines.append(f"{domain}. 300 IN A {ip}")
        elif roll < 0.97:
            lines += [f"{domain}. 300 IN MX 0 .", f"{domain}. 300 IN A {ip}"]
        # else: nothing at all, NXDOMAIN
    return names, "\n".join(lines)


def make_workload(domains: int = 1000, seed: int = 1) -> Workload:
    """`domains` domains in all: the big providers, a few odd ones, the rest a long tail."""
    fixed = [*PROVIDERS, *ODD_DOMAINS]
    tail_names, tail_text = tail_zone(max(domains - len(fixed), 0), seed)
    # Zipf-like tail: the k-th small domain is 1/k as common as the first.
    harmonic = sum(1 / k for k in range(1, len(tail_names) + 1)) or 1.0
    tail_weights = [TAIL_SHARE * 0.95 / (k * harmonic) for k in range(1, len(tail_names) + 1)]
    odd_weights = [TAIL_SHARE * 0.05 / len(ODD_DOMAINS)] * len(ODD_DOMAINS)
    all_domains = (*fixed, *tail_names)[:domains]
    weights = (*PROVIDERS.values(), *odd_weights, *tail_weights)[:domains]
    return Workload(tuple(all_domains), tuple(weights), STANDARD_ZONE + "\n" + tail_text, seed)


def write_addresses(path: str, workload: Workload, count: int, seed: int | None = None) -> None:
    """A plain list with a header line, as an export with one column."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("correo\n")
        for address in workload.addresses(count, seed):
            out.write(address + "\n")
