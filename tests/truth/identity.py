"""Truth table: is this cédula or RUC well formed? Rows of (input, must, never, why).

`must` and `never` hold verdicts ("problem", "ok", ...), finding codes, or "code:status".
The oracle is python-stdnum (`stdnum.ec.ci`, `stdnum.ec.ruc`); where check-id deliberately
differs, the row says so and README.md's check-id section lists the difference with its source.
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    input: str
    must: tuple[str, ...]
    never: tuple[str, ...]
    why: str


_VALID = ("ok", "id.valid:ok")
_NOT_VALID = ("problem", "id.invalid:fail")
_NO_ALARM = ("problem", "warning", "id.invalid", "id.check_digit_unconfirmed")
_DOUBT = ("warning", "id.check_digit_unconfirmed:warn")  # SRI issues some without the rule

ROWS: tuple[Row, ...] = (
    # Issue 9: province code 50, foreign residents (python-stdnum accepts it since 2018).
    Row("5010000007", _VALID, _NO_ALARM, "cédula of a foreign resident, province code 50"),
    Row("5010000007001", _VALID, _NO_ALARM, "a foreign resident's personal RUC, code 50"),
    # Issue 9: third digit 9 in the public-entity format (python-stdnum #457).
    Row("1793221293001", _VALID, _NO_ALARM,
        "a company issued a number in the public format (stdnum #457, active at the SRI)"),
    Row("1790000081000", _VALID, _NO_ALARM,
        "public format with third digit 9: the establishment is the 4 digits 1000, not 000"),
    Row("0590052000001", _VALID, _NO_ALARM, "stdnum's own suite: juridical RUC"),
    # What must stay as it was: the rules that prove a number wrong.
    Row("1714307103", _VALID, _NO_ALARM, "stdnum's documented cédula"),
    Row("0962467429001", _VALID, _NO_ALARM, "third digit 6 with a cédula check (stdnum #267)"),
    Row("1760001550001", _VALID, _NO_ALARM, "stdnum's own suite: public RUC"),
    Row("1714307104", _NOT_VALID, ("ok", "warning"), "cédula check digit off by one"),
    Row("1714307104001", _NOT_VALID, ("ok", "warning"), "natural RUC, wrong cédula check digit"),
    Row("8814307107", _NOT_VALID, ("ok", "warning"), "88 is no province code"),
    Row("5110000006", _NOT_VALID, ("ok", "warning"), "51 is no province code either"),
    Row("1784307108", _NOT_VALID, ("ok", "warning"), "third digit 8 is no cédula"),
    Row("0170000610001", _NOT_VALID, ("ok", "warning"), "third digit 7 is no RUC"),
    Row("0926687856000", _NOT_VALID, ("ok", "warning"), "natural RUC, establishment 000"),
    Row("1760001550000", _NOT_VALID, ("ok", "warning"), "public RUC, establishment 0000"),
    Row("0992397535000", _NOT_VALID, ("ok", "warning"), "company RUC, establishment 000"),
    # Deliberate difference: stdnum rejects these on the check digit; the SRI issues active
    # company RUCs that follow neither modulo-11 rule (stdnum #290, #497), so only a doubt.
    Row("0190115799001", _DOUBT, ("ok", "problem"), "juridical RUC off the modulo-11 rule"),
    Row("1793213150001", _DOUBT, ("ok", "problem"), "CARNADA S.A.S., active (stdnum #497)"),
    Row("0160000610001", _DOUBT, ("ok", "problem"), "public RUC off the modulo-11 rule"),
    Row("1763154690001", _DOUBT, ("ok", "problem"),
        "third digit 6, neither rule: stdnum calls it a natural RUC with a wrong digit"),
    # Pasted with its label (found by review): the number is fine, the label is not a typo.
    Row("C.I. 1714307103", _VALID, _NO_ALARM, "'C.I.' as the card and forms print it"),
    Row("CI: 1714307103", _VALID, _NO_ALARM, "a label with a colon, from a chat"),
    Row("Cédula de identidad: 171430710-3", _VALID, _NO_ALARM, "a form's label, dashed number"),
    Row("RUC 1714307103001", _VALID, _NO_ALARM, "'RUC' before a natural RUC"),
    Row("CIA 1714307103", _NOT_VALID, ("ok",), "letters that are no label are still wrong"),
    # review1: "--" or "C.I.-" kept nothing: "Se revisó como  (se quitaron guiones)" named an
    # empty number. Nothing was checked "as" anything: only the invalid finding.
    Row("--", _NOT_VALID, ("id.normalized",), "only dashes: no number to have checked"),
)
