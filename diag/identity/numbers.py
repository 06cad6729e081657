"""Ecuadorian cédula and RUC numbers: plain-language findings over the rules in rules.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diag.codes import make
from diag.findings import Finding, Report, Status
from diag.i18n import Text
from diag.identity.rules import (
    KIND_NAMES,
    MAX_INPUT,
    PROVINCES,
    IdKind,
    IdResult,
    Problem,
    Removed,
    classify,
    mod10_check_digit,
    mod11_check_digit,
)

__all__ = ["KIND_NAMES", "MAX_INPUT", "PROVINCES", "IdKind", "IdResult", "Problem", "Removed",
           "check_id", "check_ids", "classify", "mod10_check_digit", "mod11_check_digit"]

COMMAND = "check-id"

_REMOVED_NAMES = {
    Removed.SPACES: Text("espacios", "spaces"),
    Removed.DASHES: Text("guiones", "dashes"),
    Removed.DOTS: Text("puntos", "dots"),
    Removed.INVISIBLE: Text("caracteres invisibles", "invisible characters"),
    Removed.LABEL: Text("las palabras escritas antes del número («C.I.», «RUC»…)",
                        "the words written before the number ('C.I.', 'RUC'...)"),
}
_ZERO_HINT = Text("¿una letra O en lugar de un cero?", "a letter O instead of a zero?")
_ONE_HINT = Text("¿una letra I o l en lugar de un uno?", "a letter I or l instead of a one?")
_LOOKALIKES = {"O": _ZERO_HINT, "o": _ZERO_HINT, "I": _ONE_HINT, "l": _ONE_HINT}


def check_id(number: str) -> Report:
    """Is this a well-formed cédula or RUC? A bad number gives findings, never an exception."""
    result = classify(number)
    findings: list[Finding] = []
    # Only when something is left to have been checked "as" (`--` leaves no digit at all).
    if (result.removed or result.converted) and result.digits:
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
            f"empieza con {d[:2]}, que no es un código de provincia (01 a 24, 30 para "
            "ecuatorianos en el exterior o 50 para extranjeros residentes)",
            f"it starts with {d[:2]}, which is not a province code (01 to 24, 30 for "
            "Ecuadorians abroad or 50 for foreign residents)"),
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
