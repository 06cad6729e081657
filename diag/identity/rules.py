"""Ecuadorian cédula and RUC rules: which kind a number is, and whether its digits fit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from diag.i18n import Text

MAX_INPUT = 100  # a pasted paragraph is not a number; do not list its every character

PROVINCES: dict[str, Text] = {
    code: Text(name, name) for code, name in {
        "01": "Azuay", "02": "Bolívar", "03": "Cañar", "04": "Carchi", "05": "Cotopaxi",
        "06": "Chimborazo", "07": "El Oro", "08": "Esmeraldas", "09": "Guayas",
        "10": "Imbabura", "11": "Loja", "12": "Los Ríos", "13": "Manabí",
        "14": "Morona Santiago", "15": "Napo", "16": "Pastaza", "17": "Pichincha",
        "18": "Tungurahua", "19": "Zamora Chinchipe", "20": "Galápagos", "21": "Sucumbíos",
        "22": "Orellana", "23": "Santo Domingo de los Tsáchilas", "24": "Santa Elena",
    }.items()
}
PROVINCES["30"] = Text("ecuatorianos en el exterior (código 30)", "Ecuadorians abroad (code 30)")
# Foreign residents; python-stdnum accepts it in both the cédula and the RUC since 2018.
PROVINCES["50"] = Text("extranjeros residentes (código 50)", "foreign residents (code 50)")

_COMPANY_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2)  # over digits 1-9; the check digit is the 10th
_PUBLIC_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)  # over digits 1-8; the check digit is the 9th
_DASHES = "-‐‑‒–—―−﹣－"
_DOTS = ".·．｡"


class IdKind(StrEnum):
    CEDULA = "cedula"
    RUC_NATURAL = "ruc_natural"  # a person's cédula plus a 3-digit establishment
    RUC_COMPANY = "ruc_company"  # third digit 9
    RUC_PUBLIC = "ruc_public"  # third digit 6, check digit in 9th place
    # Third digit 9 in the public format: companies were issued such numbers (stdnum #457).
    RUC_COMPANY_PUBLIC_FORMAT = "ruc_company_public_format"

    @property
    def is_ruc(self) -> bool:
        return self is not IdKind.CEDULA


KIND_NAMES = {
    IdKind.CEDULA: Text("cédula de identidad", "cédula (national ID number)"),
    IdKind.RUC_NATURAL: Text("RUC de persona natural", "RUC of a natural person"),
    IdKind.RUC_COMPANY: Text("RUC de sociedad privada", "RUC of a private company"),
    IdKind.RUC_PUBLIC: Text("RUC de entidad pública", "RUC of a public entity"),
    IdKind.RUC_COMPANY_PUBLIC_FORMAT: Text("RUC de sociedad con el formato de entidad pública",
                                           "RUC of a company, in the public-entity format"),
}


class Problem(StrEnum):
    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    LENGTH = "length"
    PROVINCE = "province"
    THIRD_DIGIT = "third_digit"
    CHECK_DIGIT = "check_digit"
    ESTABLISHMENT = "establishment"


class Removed(StrEnum):
    """Harmless characters a paste brings along, taken out before checking."""

    SPACES = "spaces"
    DASHES = "dashes"
    DOTS = "dots"
    INVISIBLE = "invisible"
    LABEL = "label"  # "C.I.", "Cédula:", "RUC" written before the number


@dataclass(frozen=True)
class IdResult:
    """What a number is; `problems` empty means nothing proves it wrong."""

    input: str
    digits: str  # ASCII digits only, separators removed; what was checked
    kind: IdKind | None
    problems: tuple[Problem, ...]
    removed: tuple[Removed, ...] = ()
    converted: tuple[int, ...] = ()  # 1-based positions of non-ASCII digits read as 0-9
    bad_characters: tuple[tuple[int, str], ...] = ()  # (1-based position, character)
    check_digit: int | None = None
    expected_digit: int | None = None  # None also when no digit can satisfy modulo 11
    # For a cédula or a person's RUC a mismatch is a CHECK_DIGIT problem. For company and
    # public-entity RUCs it is only doubt, not a problem: the SRI states it does not issue all
    # of them with the modulo-11 rule, and active ones fail it (python-stdnum #290, #457, #497).
    check_digit_matches: bool | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def province_code(self) -> str | None:
        code = self.digits[:2]
        return code if len(self.digits) in (10, 13) and code in PROVINCES else None

    @property
    def establishment(self) -> str | None:
        if self.kind is None or not self.kind.is_ruc:
            return None
        return _establishment(self.kind, self.digits)


def mod10_check_digit(nine: str) -> int:
    """Cédula rule: weights 2,1,2,1...; a product over 9 loses 9; the digit rounds up to tens."""
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def mod11_check_digit(digits: str, weights: Sequence[int]) -> int | None:
    """RUC rule for companies and public entities: 11 minus the remainder of the weighted sum.

    Decision on the edge cases: remainder 0 gives check digit 0 (not 11, which is no digit);
    remainder 1 gives 10, which no single digit can hold, so under this rule no number with
    those first digits exists: we return None and report that no check digit fits.
    """
    remainder = sum(int(ch) * w for ch, w in zip(digits, weights, strict=True)) % 11
    if remainder == 0:
        return 0
    return None if remainder == 1 else 11 - remainder


@dataclass(frozen=True)
class _Cleaned:
    text: str  # stripped input
    digits: str
    removed: tuple[Removed, ...]
    converted: tuple[int, ...]
    bad: tuple[tuple[int, str], ...]


# What people write before the number when they copy it from a form or a chat.
_LABEL = re.compile(r"(?:c\.?\s?i\.?|c[eé]d(?:ula)?\.?(?:\s+de\s+identidad)?|r\.?u\.?c\.?"
                    r"|n(?:ro|o|[°º])\.?)\s*[:#]?\s*(?=\d)", re.IGNORECASE)


def _clean(raw: str) -> _Cleaned:
    text = raw.strip()
    digits: list[str] = []
    removed: dict[Removed, None] = {}
    label = _LABEL.match(text)
    start = 0 if label is None else label.end()
    if label is not None:
        removed[Removed.LABEL] = None
    converted: list[int] = []
    bad: list[tuple[int, str]] = []
    for pos, ch in enumerate(text[start:], start + 1):
        if "0" <= ch <= "9":
            digits.append(ch)
        elif ch.isdecimal():  # Arabic-Indic, full-width... : same digit, another script
            digits.append(str(unicodedata.decimal(ch)))
            converted.append(pos)
        elif (kind := _separator(ch)) is not None:
            removed[kind] = None
        else:
            bad.append((pos, ch))
    return _Cleaned(text, "".join(digits), tuple(removed), tuple(converted), tuple(bad))


def _separator(ch: str) -> Removed | None:
    if ch.isspace():
        return Removed.SPACES
    if ch in _DASHES:
        return Removed.DASHES
    if ch in _DOTS:
        return Removed.DOTS
    if unicodedata.category(ch) == "Cf":  # zero-width and direction marks from chats and PDFs
        return Removed.INVISIBLE
    return None


def classify(number: str) -> IdResult:
    """Which kind of number this is and what, if anything, is wrong with it. Never raises."""
    if len(number) > MAX_INPUT:
        return IdResult(number, "", None, (Problem.LENGTH,))
    cleaned = _clean(number)
    base = IdResult(number, cleaned.digits, None, (), cleaned.removed, cleaned.converted,
                    cleaned.bad)
    if cleaned.bad:
        return replace(base, problems=(Problem.NOT_DIGITS,))
    if not cleaned.digits:
        return replace(base, problems=(Problem.EMPTY,))
    if len(cleaned.digits) not in (10, 13):
        return replace(base, problems=(Problem.LENGTH,))
    return _structure(base)


def _structure(base: IdResult) -> IdResult:
    d = base.digits
    province = () if d[:2] in PROVINCES else (Problem.PROVINCE,)
    third = int(d[2])
    # The Registro Civil also issues cédulas whose third digit is 6 (for example to foreign
    # residents), so 6 is accepted for a 10-digit number despite the classic "below 6" rule.
    if (len(d) == 10 and third > 6) or (len(d) == 13 and third in (7, 8)):
        return replace(base, problems=(*province, Problem.THIRD_DIGIT))
    reading = _best(d, _readings(d))
    problems = list(province)
    if reading.kind in (IdKind.CEDULA, IdKind.RUC_NATURAL) and not reading.matches:
        problems.append(Problem.CHECK_DIGIT)
    result = replace(base, kind=reading.kind, check_digit=reading.found,
                     expected_digit=reading.expected, check_digit_matches=reading.matches)
    if result.establishment is not None and not result.establishment.strip("0"):
        problems.append(Problem.ESTABLISHMENT)
    return replace(result, problems=tuple(problems))


@dataclass(frozen=True)
class _Reading:
    """One way to read the digits: a kind, the check digit found and the one its rule expects."""

    kind: IdKind
    found: int
    expected: int | None

    @property
    def matches(self) -> bool:
        return self.found == self.expected


def _readings(d: str) -> list[_Reading]:
    """Every kind the digits may be, the usual one first."""
    natural = mod10_check_digit(d[:9])
    if len(d) == 10:
        return [_Reading(IdKind.CEDULA, int(d[9]), natural)]
    as_natural = _Reading(IdKind.RUC_NATURAL, int(d[9]), natural)
    if int(d[2]) <= 5:
        return [as_natural]
    public = _Reading(IdKind.RUC_PUBLIC, int(d[8]), mod11_check_digit(d[:8], _PUBLIC_WEIGHTS))
    if d[2] == "6":  # a public entity, or a foreign resident's personal RUC
        return [public, as_natural]
    # Third digit 9 is a company, but the SRI has also issued companies numbers in the public
    # format, check digit 9th and four establishment digits (python-stdnum #457).
    company = mod11_check_digit(d[:9], _COMPANY_WEIGHTS)
    return [_Reading(IdKind.RUC_COMPANY, int(d[9]), company),
            replace(public, kind=IdKind.RUC_COMPANY_PUBLIC_FORMAT)]


def _best(d: str, readings: list[_Reading]) -> _Reading:
    """A reading whose rule holds whole, else one whose check digit holds, else the usual one."""
    whole = [r for r in readings if r.matches and _establishment(r.kind, d).strip("0")]
    return next(iter(whole or [r for r in readings if r.matches] or readings))


def _establishment(kind: IdKind, d: str) -> str:
    public_format = kind in (IdKind.RUC_PUBLIC, IdKind.RUC_COMPANY_PUBLIC_FORMAT)
    return d[9:] if public_format else d[10:]
