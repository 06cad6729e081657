"""python-stdnum as the oracle for check-id, and a seeded sample of plausible numbers.

The comparison sorts each number into one of four outcomes; only the documented difference
(stdnum rejects a company or public-entity RUC on its check digit, check-id only doubts it,
stdnum #290 and #497) is allowed. Everything else must agree.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

from stdnum.ec import ci, ruc
from stdnum.exceptions import ValidationError

from diag.findings import Verdict
from diag.identity.numbers import IdKind, check_id, classify

VALID_PROVINCES = [f"{n:02d}" for n in range(1, 25)] + ["30", "50"]


class Outcome(StrEnum):
    AGREE = "agree"
    DOUBTED = "doubted"  # stdnum: bad check digit; check-id: warning (the documented difference)
    FALSE_ALARM = "false_alarm"  # stdnum: valid; check-id: problem or warning
    FALSE_OK = "false_ok"  # stdnum: invalid; check-id: ok


def stdnum_valid(digits: str) -> bool:
    module = ci if len(digits) == 10 else ruc
    try:
        module.validate(digits)
    except ValidationError:
        return False
    return True


def compare(digits: str) -> Outcome:
    """Where check-id stands against python-stdnum on a string of ASCII digits."""
    verdict = check_id(digits).verdict
    if stdnum_valid(digits):
        return Outcome.AGREE if verdict is Verdict.OK else Outcome.FALSE_ALARM
    if verdict is Verdict.OK:
        return Outcome.FALSE_OK
    if verdict is Verdict.WARNING:
        kind = classify(digits).kind
        return Outcome.DOUBTED if kind in (IdKind.RUC_COMPANY, IdKind.RUC_PUBLIC) \
            else Outcome.FALSE_ALARM
    return Outcome.AGREE


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def _mod11(digits: str, weights: tuple[int, ...]) -> str:
    remainder = sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11
    return str((11 - remainder) % 11 % 10)  # remainder 1 has no digit: any will do


def _mod10(nine: str) -> str:
    total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(nine))
    return str(-total % 10)


def plausible(rng: random.Random) -> str:
    """A number as people type them: mostly right shapes, some check digits fixed by a rule."""
    province = rng.choice(VALID_PROVINCES) if rng.random() < 0.85 else f"{rng.randrange(100):02d}"
    body = province + _digits(rng, 8)
    rule = rng.randrange(4)  # 0: none, 1: cédula, 2: company (digit 10), 3: public (digit 9)
    if rule == 1:
        body = body[:9] + _mod10(body[:9])
    elif rule == 2:
        body = body[:9] + _mod11(body[:9], (4, 3, 2, 7, 6, 5, 4, 3, 2))
    elif rule == 3:
        body = body[:8] + _mod11(body[:8], (3, 2, 7, 6, 5, 4, 3, 2)) + body[9]
    if rng.random() < 0.4:
        return body
    tail = rng.choice(["001", "001", "002", "000", "010", _digits(rng, 3)])
    return body + tail


def sample(count: int = 40_000, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [plausible(rng) for _ in range(count)]


def tally(numbers: Iterable[str]) -> Counter[Outcome]:
    return Counter(compare(n) for n in numbers)
