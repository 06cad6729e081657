"""Ecuadorian cédula and RUC numbers: which kind a number is, and whether its digits fit."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from diag.codes import make
from diag.findings import Finding, Report, Status
from diag.i18n import Text

COMMAND = "check-id"
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

_COMPANY_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2)  # over digits 1-9; the check digit is the 10th
_PUBLIC_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)  # over digits 1-8; the check digit is the 9th
_DASHES = "-‐‑‒–—―−﹣－"
_DOTS = ".·．｡"


class IdKind(StrEnum):
    CEDULA = "cedula"
    RUC_NATURAL = "ruc_natural"  # a person's cédula plus a 3-digit establishment
    RUC_COMPANY = "ruc_company"  # third digit 9
    RUC_PUBLIC = "ruc_public"  # third digit 6, check digit in 9th place

    @property
    def is_ruc(self) -> bool:
        return self is not IdKind.CEDULA


KIND_NAMES = {
    IdKind.CEDULA: Text("cédula de identidad", "cédula (national ID number)"),
    IdKind.RUC_NATURAL: Text("RUC de persona natural", "RUC of a natural person"),
    IdKind.RUC_COMPANY: Text("RUC de sociedad privada", "RUC of a private company"),
    IdKind.RUC_PUBLIC: Text("RUC de entidad pública", "RUC of a public entity"),
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
        return self.digits[9:] if self.kind is IdKind.RUC_PUBLIC else self.digits[10:]


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


def _clean(raw: str) -> _Cleaned:
    text = raw.strip()
    digits: list[str] = []
    removed: dict[Removed, None] = {}
    converted: list[int] = []
    bad: list[tuple[int, str]] = []
    for pos, ch in enumerate(text, 1):
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
    kind, found, expected, matches = _check_digit(d)
    problems = list(province)
    if kind in (IdKind.CEDULA, IdKind.RUC_NATURAL) and not matches:
        problems.append(Problem.CHECK_DIGIT)
    result = replace(base, kind=kind, check_digit=found, expected_digit=expected,
                   check_digit_matches=matches)
    if result.establishment is not None and not result.establishment.strip("0"):
        problems.append(Problem.ESTABLISHMENT)
    return replace(result, problems=tuple(problems))


def _check_digit(d: str) -> tuple[IdKind, int, int | None, bool]:
    """The kind, the check digit found, the one expected, and whether they agree."""
    natural = mod10_check_digit(d[:9])
    if len(d) == 10:
        return IdKind.CEDULA, int(d[9]), natural, natural == int(d[9])
    third = int(d[2])
    if third <= 5:
        return IdKind.RUC_NATURAL, int(d[9]), natural, natural == int(d[9])
    if third == 9:
        company = mod11_check_digit(d[:9], _COMPANY_WEIGHTS)
        return IdKind.RUC_COMPANY, int(d[9]), company, company == int(d[9])
    public = mod11_check_digit(d[:8], _PUBLIC_WEIGHTS)
    if public != int(d[8]) and natural == int(d[9]):
        # Third digit 6 and a cédula check that holds: a foreign resident's personal RUC.
        return IdKind.RUC_NATURAL, int(d[9]), natural, True
    return IdKind.RUC_PUBLIC, int(d[8]), public, public == int(d[8])


# ---------------------------------------------------------------------------------------------
# The report: plain-language findings over an IdResult.

_REMOVED_NAMES = {
    Removed.SPACES: Text("espacios", "spaces"),
    Removed.DASHES: Text("guiones", "dashes"),
    Removed.DOTS: Text("puntos", "dots"),
    Removed.INVISIBLE: Text("caracteres invisibles", "invisible characters"),
}
_ZERO_HINT = Text("¿una letra O en lugar de un cero?", "a letter O instead of a zero?")
_ONE_HINT = Text("¿una letra I o l en lugar de un uno?", "a letter I or l instead of a one?")
_LOOKALIKES = {"O": _ZERO_HINT, "o": _ZERO_HINT, "I": _ONE_HINT, "l": _ONE_HINT}


def check_id(number: str) -> Report:
    """Is this a well-formed cédula or RUC? A bad number gives findings, never an exception."""
    result = classify(number)
    findings: list[Finding] = []
    if result.removed or result.converted:
        findings.append(_normalized(result))
    if result.problems:
        findings.append(_invalid(result))
    elif result.check_digit_matches is False:
        findings.append(_unconfirmed(result))
    else:
        findings.append(_valid(result))
    return Report(COMMAND, number, None, tuple(findings))


def check_ids(numbers: Sequence[str]) -> list[Report]:
    return [check_id(n) for n in numbers]


def _normalized(result: IdResult) -> Finding:
    changes = []
    if result.removed:
        names = Text.join(", ", [_REMOVED_NAMES[r] for r in result.removed])
        changes.append(Text(f"se quitaron {names.es}", f"removed {names.en}"))
    if result.converted:
        at = _ranges(result.converted)
        changes.append(Text(
            "{n|el dígito de la posición|los dígitos de las posiciones} {at} {n|era|eran} de "
            "otro alfabeto o de ancho completo y se {n|leyó|leyeron} como 0-9",
            "the {n|digit at position|digits at positions} {at} {n|was|were} from another "
            "script or full-width and {n|was|were} read as 0-9").format(
                n=len(result.converted), at=at))
    # Converted digits look right to the eye, but the portal may refuse them.
    status = Status.WARN if result.converted else None
    return make("id.normalized", status, texts={"changes": Text.join("; ", changes)},
                number=result.digits, removed=[r.value for r in result.removed],
                converted_positions=list(result.converted))


def _details(result: IdResult) -> dict[str, Any]:
    details: dict[str, Any] = {
        "number": result.digits if not result.bad_characters else result.input.strip(),
        "kind": result.kind.value if result.kind else None,
        "digit_count": len(result.digits),
    }
    if result.province_code is not None:
        details["province_code"] = result.province_code
        details["province"] = PROVINCES[result.province_code].es
    if result.establishment is not None:
        details["establishment"] = result.establishment
    if result.check_digit is not None:
        details["check_digit"] = result.check_digit
        details["expected_digit"] = result.expected_digit
    return details


def _description(result: IdResult) -> Text:
    assert result.kind is not None and result.province_code is not None
    kind, province = KIND_NAMES[result.kind], PROVINCES[result.province_code]
    es = f"{kind.es}; provincia: {province.es}"
    en = f"{kind.en}; province: {province.en}"
    if result.establishment is not None:
        es += f"; establecimiento {result.establishment}"
        en += f"; establishment {result.establishment}"
    return Text(es, en)


def _ruc_advice(result: IdResult, base: tuple[str, ...] = ()) -> tuple[str, ...]:
    return (*base, "employer_module") if result.kind and result.kind.is_ruc else base


def _valid(result: IdResult) -> Finding:
    return make("id.valid", texts={"description": _description(result)},
                advice=_ruc_advice(result), **_details(result))


def _unconfirmed(result: IdResult) -> Finding:
    if result.expected_digit is None:
        rule = Text("ningún dígito verificador cumple la regla del módulo 11 con estos dígitos",
                    "no check digit can satisfy the modulo-11 rule with these digits")
    else:
        rule = Text(f"la regla del módulo 11 daría {result.expected_digit}",
                    f"the modulo-11 rule would give {result.expected_digit}")
    return make("id.check_digit_unconfirmed",
                texts={"description": _description(result), "rule": rule},
                advice=_ruc_advice(result, ("verify_ruc_at_sri",)), **_details(result))


def _invalid(result: IdResult) -> Finding:
    reasons = Text.join("; ", [_reason(result, p) for p in result.problems])
    details = _details(result)
    details["problems"] = [p.value for p in result.problems]
    # The number as typed may hold control characters: the sentence shows them as U+FFFD.
    shown = "".join(ch if ch.isprintable() else "\ufffd" for ch in details["number"])
    texts = {"reason": Text.join("", [reasons, Text(".", ".")]), "number": Text(shown, shown)}
    return make("id.invalid", texts=texts, **details)


def _reason(result: IdResult, problem: Problem) -> Text:
    d, found, expected = result.digits, result.check_digit, result.expected_digit
    if problem is Problem.NOT_DIGITS:
        return _bad_characters(result.bad_characters)
    if problem is Problem.LENGTH and len(result.input) > MAX_INPUT:
        return Text("es demasiado largo para ser un número de identificación",
                    "it is far too long to be an identity number")
    if problem is Problem.THIRD_DIGIT:
        return _third_digit(d)
    return {
        Problem.EMPTY: Text("no contiene ningún dígito", "it contains no digits"),
        Problem.LENGTH: Text("tiene {n} {n|dígito|dígitos}; una cédula tiene 10 y un RUC 13",
                             "it has {n} {n|digit|digits}; a cédula has 10 and a RUC 13"
                             ).format(n=len(d)),
        Problem.PROVINCE: Text(
            f"empieza con {d[:2]}, que no es un código de provincia (01 a 24, o 30 para "
            "ecuatorianos en el exterior)",
            f"it starts with {d[:2]}, which is not a province code (01 to 24, or 30 for "
            "Ecuadorians abroad)"),
        Problem.CHECK_DIGIT: Text(
            f"el dígito verificador (el décimo) es {found}, pero según los nueve primeros "
            f"debería ser {expected}: probablemente hay un dígito mal escrito o dos cambiados de "
            "lugar",
            f"the check digit (the tenth) is {found}, but the nine before it call for "
            f"{expected}: probably a digit was mistyped or two were swapped"),
        Problem.ESTABLISHMENT: Text(
            f"el número de establecimiento es {result.establishment}, y nunca es cero (el "
            "principal es 001)",
            f"the establishment number is {result.establishment}, which is never zero (the main "
            "one is 001)"),
    }[problem]


def _third_digit(d: str) -> Text:
    if len(d) == 10 and d[2] == "9":
        return Text("su tercer dígito, 9, es el de los RUC de sociedades, que tienen 13 dígitos "
                    "(¿faltan los tres del establecimiento, 001?)",
                    "its third digit, 9, is that of company RUCs, which have 13 digits (are the "
                    "three of the establishment, 001, missing?)")
    if len(d) == 10:
        return Text(f"su tercer dígito es {d[2]}, y en una cédula va de 0 a 6",
                    f"its third digit is {d[2]}, and a cédula's is 0 to 6")
    return Text(f"su tercer dígito es {d[2]}, que ningún RUC usa (0 a 5: persona natural; 6: "
                "entidad pública; 9: sociedad)",
                f"its third digit is {d[2]}, which no RUC uses (0 to 5: natural person; 6: "
                "public entity; 9: company)")


def _bad_characters(bad: Sequence[tuple[int, str]]) -> Text:
    extra = len(bad) - 5
    more_es, more_en = (f" y {extra} más", f" and {extra} more") if extra > 0 else ("", "")
    es = ", ".join(f"{_shown(ch, '«', '»')} en la posición {pos}" for pos, ch in bad[:5])
    en = ", ".join(f"{_shown(ch, QUOTE, QUOTE)} at position {pos}" for pos, ch in bad[:5])
    hints = list(dict.fromkeys(_LOOKALIKES[ch] for _, ch in bad if ch in _LOOKALIKES))
    hint = Text.join(" ", hints) if hints else Text("", "")
    return Text(f"tiene caracteres que no son dígitos: {es}{more_es}{_bracket(hint.es)}",
                f"it has characters that are not digits: {en}{more_en}{_bracket(hint.en)}")


QUOTE = "'"


def _shown(ch: str, opening: str, closing: str) -> str:
    return f"{opening}{ch}{closing}" if ch.isprintable() else f"U+{ord(ch):04X}"


def _bracket(text: str) -> str:
    return f" ({text})" if text else ""


def _ranges(positions: Sequence[int]) -> str:
    """1, 2, 3, 7 -> '1-3, 7': a full-width paste would otherwise list every position."""
    runs: list[list[int]] = []
    for pos in positions:
        if runs and pos == runs[-1][-1] + 1:
            runs[-1].append(pos)
        else:
            runs.append([pos])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
