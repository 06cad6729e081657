"""classify() and check_id(): numbers are built here from the published rules, not copied."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diag.findings import Status, Verdict
from diag.i18n import Lang
from diag.identity.numbers import (
    PROVINCES,
    IdKind,
    Problem,
    Removed,
    check_id,
    classify,
    mod10_check_digit,
    mod11_check_digit,
)
from diag.render import Format, render

PROVINCE_CODES = [f"{n:02d}" for n in range(1, 25)] + ["30", "50"]
COMPANY = (4, 3, 2, 7, 6, 5, 4, 3, 2)
PUBLIC = (3, 2, 7, 6, 5, 4, 3, 2)


# Reference implementations, written from the rules independently of diag.identity.
def luhn_like(nine: str) -> int:
    total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(nine))
    return -total % 10


def mod11_remainder(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11


def cedula(province: str = "17", third: int = 1, middle: str = "430710") -> str:
    nine = f"{province}{third}{middle}"
    return nine + str(luhn_like(nine))


def company_base(remainder: int, province: str = "17") -> str:
    """Nine digits (third digit 9) whose weighted sum leaves `remainder` modulo 11."""
    for n in range(1_000_000):
        base = f"{province}9{n:06d}"
        if mod11_remainder(base, COMPANY) == remainder:
            return base
    raise AssertionError(remainder)


def public_base(remainder: int, province: str = "17") -> str:
    for n in range(100_000):
        base = f"{province}6{n:05d}"
        if mod11_remainder(base, PUBLIC) == remainder:
            return base
    raise AssertionError(remainder)


def expected_mod11(remainder: int) -> int | None:
    return {0: 0, 1: None}.get(remainder, 11 - remainder)


# --- cédulas ---------------------------------------------------------------------------------

@pytest.mark.parametrize("province", PROVINCE_CODES)
def test_every_province_code_gives_a_valid_cedula(province: str) -> None:
    result = classify(cedula(province))
    assert result.valid and result.kind is IdKind.CEDULA
    assert result.province_code == province
    finding = check_id(cedula(province)).findings[-1]
    assert finding.code == "id.valid"
    assert finding.details["province"] == PROVINCES[province].es
    assert PROVINCES[province].en in finding.message.en


def test_province_names() -> None:
    assert len(PROVINCES) == 26
    assert PROVINCES["17"].es == "Pichincha" and PROVINCES["09"].es == "Guayas"
    assert PROVINCES["24"].es == "Santa Elena" and "exterior" in PROVINCES["30"].es
    assert "abroad" in PROVINCES["30"].en and "foreign residents" in PROVINCES["50"].en


@pytest.mark.parametrize("province", ["00", "25", "26", "29", "31", "49", "51", "99"])
def test_a_code_outside_the_provinces_is_invalid(province: str) -> None:
    result = classify(cedula(province))
    assert result.problems == (Problem.PROVINCE,)
    report = check_id(cedula(province))
    assert report.verdict is Verdict.PROBLEM
    assert f"empieza con {province}" in report.findings[-1].message.es
    assert f"starts with {province}" in report.findings[-1].message.en


@pytest.mark.parametrize("digit", range(10))
def test_every_check_digit_is_reachable_and_only_the_right_one_passes(digit: int) -> None:
    middle = next(f"43071{n}" for n in range(10) if luhn_like(f"17143071{n}") == digit)
    good = cedula("17", 1, middle)
    assert good[-1] == str(digit) and classify(good).valid
    for wrong in set(range(10)) - {digit}:
        result = classify(good[:-1] + str(wrong))
        assert result.problems == (Problem.CHECK_DIGIT,)
        assert (result.check_digit, result.expected_digit) == (wrong, digit)


def test_the_check_digit_message_names_found_and_expected_digits() -> None:
    message = check_id("1714307104").findings[-1].message
    assert "es 4" in message.es and "debería ser 3" in message.es
    assert "is 4" in message.en and "call for 3" in message.en


@pytest.mark.parametrize("third", range(7))
def test_third_digits_0_to_6_make_a_cedula(third: int) -> None:
    # 6 is outside the classic "below 6" rule, but the Registro Civil issues such cédulas.
    assert classify(cedula("09", third)).kind is IdKind.CEDULA
    assert classify(cedula("09", third)).valid


@pytest.mark.parametrize("third", [7, 8, 9])
def test_third_digits_7_to_9_are_no_cedula(third: int) -> None:
    result = classify(cedula("17", third))
    assert result.problems == (Problem.THIRD_DIGIT,) and result.kind is None


def test_a_10_digit_number_with_third_digit_9_suggests_a_truncated_ruc() -> None:
    message = check_id(cedula("17", 9)).findings[-1].message
    assert "001" in message.es and "13" in message.en


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_mod10_matches_the_reference(nine: str) -> None:
    assert mod10_check_digit(nine) == luhn_like(nine)


def test_known_public_example() -> None:
    # The example of python-stdnum's documentation.
    assert classify("1714307103").valid


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), st.sampled_from(PROVINCE_CODES),
       st.integers(0, 5), st.integers(0, 9), st.integers(0, 8))
@settings(max_examples=300, deadline=None)
def test_any_single_digit_change_is_caught(middle: str, province: str, third: int,
                                           new: int, position: int) -> None:
    good = cedula(province, third, middle)
    assert classify(good).valid
    changed = good[:position] + str(new) + good[position + 1:]
    if changed[position] != good[position]:
        assert not classify(changed).valid


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_classify_and_check_id_never_raise(text: str) -> None:
    report = check_id(text)
    assert report.findings and report.command == "check-id"
    json.loads(render([report], Format.JSON, Lang.ES))


# --- RUCs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("province", PROVINCE_CODES)
def test_natural_person_ruc_is_a_cedula_plus_establishment(province: str) -> None:
    result = classify(cedula(province) + "001")
    assert result.valid and result.kind is IdKind.RUC_NATURAL
    assert result.establishment == "001"


def test_natural_person_ruc_with_a_wrong_cedula_digit_is_invalid() -> None:
    number = cedula()[:-1] + str((int(cedula()[-1]) + 1) % 10) + "001"
    assert classify(number).problems == (Problem.CHECK_DIGIT,)


@pytest.mark.parametrize("remainder", range(11))
def test_company_ruc_modulo_11_for_every_remainder(remainder: int) -> None:
    base = company_base(remainder)
    expected = expected_mod11(remainder)
    assert mod11_check_digit(base, COMPANY) == expected
    for digit in range(10):
        result = classify(f"{base}{digit}001")
        if digit != expected and mod11_check_digit(base[:8], PUBLIC) == int(base[8]):
            # The public format holds whole (check digit 9th, establishment {digit}001): a
            # company issued a number in that format (python-stdnum #457).
            assert result.kind is IdKind.RUC_COMPANY_PUBLIC_FORMAT and result.valid
            assert result.check_digit_matches and result.establishment == f"{digit}001"
            continue
        assert result.kind is IdKind.RUC_COMPANY and result.valid
        assert result.expected_digit == expected
        assert result.check_digit_matches is (digit == expected)


def test_company_ruc_remainder_0_means_check_digit_0() -> None:
    result = classify(company_base(0) + "0001")
    assert result.check_digit_matches and result.expected_digit == 0
    assert check_id(company_base(0) + "0001").findings[-1].code == "id.valid"


def test_company_ruc_remainder_1_has_no_fitting_digit() -> None:
    report = check_id(company_base(1) + "0001")
    finding = report.findings[-1]
    assert finding.code == "id.check_digit_unconfirmed" and finding.status is Status.WARN
    assert finding.details["expected_digit"] is None
    assert "ningún dígito" in finding.message.es and "no check digit" in finding.message.en


@pytest.mark.parametrize("remainder", range(11))
def test_public_entity_ruc_modulo_11_on_digit_9(remainder: int) -> None:
    base = public_base(remainder)
    expected = expected_mod11(remainder)
    assert mod11_check_digit(base, PUBLIC) == expected
    if expected is not None:
        result = classify(f"{base}{expected}0001")
        assert result.kind is IdKind.RUC_PUBLIC and result.check_digit_matches
        assert result.establishment == "0001"


def test_public_entity_with_a_wrong_digit_is_unconfirmed_not_invalid() -> None:
    base = public_base(5)  # expected digit 6
    number = f"{base}2" + "0001"
    result = classify(number)
    if result.kind is IdKind.RUC_NATURAL:  # the cédula rule happened to fit: pick another
        number = f"{base}3" + "0001"
        result = classify(number)
    assert result.kind is IdKind.RUC_PUBLIC and result.valid
    assert result.check_digit_matches is False and result.expected_digit == 6
    finding = check_id(number).findings[-1]
    assert finding.code == "id.check_digit_unconfirmed"
    assert finding.advice == ("verify_ruc_at_sri", "employer_module")


def test_third_digit_6_with_a_cedula_check_is_a_natural_person() -> None:
    number = cedula("09", 6, "246742") + "001"
    assert mod11_check_digit(number[:8], PUBLIC) != int(number[8])  # not a public entity
    result = classify(number)
    assert result.kind is IdKind.RUC_NATURAL and result.valid and result.check_digit_matches


@pytest.mark.parametrize(("number", "kind"), [
    ("1792060346001", IdKind.RUC_COMPANY),  # python-stdnum's documented company example
    ("1760013210001", IdKind.RUC_PUBLIC),
    ("0962467429001", IdKind.RUC_NATURAL),  # a cédula with third digit 6 (stdnum issue #267)
    ("1714307103001", IdKind.RUC_NATURAL),
    ("1793221293001", IdKind.RUC_COMPANY_PUBLIC_FORMAT),  # python-stdnum #457
])
def test_known_rucs(number: str, kind: IdKind) -> None:
    result = classify(number)
    assert result.kind is kind and result.valid and result.check_digit_matches


@pytest.mark.parametrize(("number", "establishment"), [
    (cedula() + "000", "000"),
    (company_base(3) + "8000", "000"),
    (public_base(3) + "80000", "0000"),
])
def test_establishment_zero_is_invalid(number: str, establishment: str) -> None:
    result = classify(number)
    assert Problem.ESTABLISHMENT in result.problems
    message = check_id(number).findings[-1].message
    assert establishment in message.es and "001" in message.en


@pytest.mark.parametrize("third", [7, 8])
def test_third_digits_7_and_8_are_no_ruc(third: int) -> None:
    number = f"17{third}1234567001"
    assert classify(number).problems == (Problem.THIRD_DIGIT,)


def test_a_ruc_gets_the_employer_advice_and_a_cedula_none() -> None:
    assert check_id("1792060346001").findings[-1].advice == ("employer_module",)
    assert check_id("1714307103001").findings[-1].advice == ("employer_module",)
    assert check_id("1714307103").findings[-1].advice == ()
    assert check_id("1714307104").findings[-1].advice == ("check_id_digits",)


def test_valid_ruc_message_names_kind_province_and_establishment() -> None:
    message = check_id("1792060346001").findings[-1].message
    assert "sociedad" in message.es and "Pichincha" in message.es and "001" in message.es
    assert "company" in message.en and "establishment 001" in message.en


# --- what was typed --------------------------------------------------------------------------

@pytest.mark.parametrize("length", [n for n in range(0, 21) if n not in (10, 13)])
def test_wrong_lengths(length: int) -> None:
    number = ("1714307103001" * 2)[:length]
    result = classify(number)
    assert result.problems == ((Problem.EMPTY,) if length == 0 else (Problem.LENGTH,))
    if length:
        assert f"{length} dígito" in check_id(number).findings[-1].message.es


def test_a_huge_input_is_refused_without_listing_it() -> None:
    report = check_id("1" * 10_000)
    assert report.findings[-1].code == "id.invalid"
    assert len(report.findings[-1].message.en) < 200


@pytest.mark.parametrize(("typed", "bad", "hint_en"), [
    ("17143071O3", [(9, "O")], "letter O"),
    ("17143o7103", [(6, "o")], "letter O"),
    ("l714307103", [(1, "l")], "letter I or l"),
    ("1714307103a", [(11, "a")], None),
    ("17/14307103", [(3, "/")], None),
    ("1714307103²", [(11, "²")], None),  # a superscript is a digit to Python, not to the portal
])
def test_letters_and_symbols_are_reported_with_their_position(
        typed: str, bad: list[tuple[int, str]], hint_en: str | None) -> None:
    result = classify(typed)
    assert result.problems == (Problem.NOT_DIGITS,)
    assert list(result.bad_characters) == bad
    message = check_id(typed).findings[-1].message
    assert f"position {bad[0][0]}" in message.en and f"posición {bad[0][0]}" in message.es
    if hint_en:
        assert hint_en in message.en


def test_control_characters_are_not_echoed_raw() -> None:
    finding = check_id("17143\x0007103").findings[-1]
    assert "\x00" not in finding.message.es and "U+0000" in finding.message.en
    assert finding.details["number"] == "17143\x0007103"


@pytest.mark.parametrize(("typed", "removed"), [
    ("171430710-3", (Removed.DASHES,)),
    ("17 1430 7103", (Removed.SPACES,)),
    ("17.143.071.03", (Removed.DOTS,)),
    ("1792060346-001", (Removed.DASHES,)),
    ("  1714307103\t", ()),  # surrounding blanks are not worth a word
    ("1714\u00a0307103", (Removed.SPACES,)),
    ("171430710\u20133", (Removed.DASHES,)),  # en dash from a word processor
    ("\u200b1714307103\u200e", (Removed.INVISIBLE,)),
    ("17-14.30 7103", (Removed.DASHES, Removed.DOTS, Removed.SPACES)),
])
def test_pasted_separators_are_tolerated_and_reported(
        typed: str, removed: tuple[Removed, ...]) -> None:
    result = classify(typed)
    assert result.valid and result.removed == removed
    report = check_id(typed)
    codes = [(f.code, f.status) for f in report.findings]
    if removed:
        assert codes[0] == ("id.normalized", Status.INFO)
        assert report.findings[0].advice == ("type_id_digits_only",)
        assert result.digits in report.findings[0].message.es
    assert codes[-1][0] == "id.valid" and report.verdict is Verdict.OK


@pytest.mark.parametrize("typed", [
    "١٧١٤٣٠٧١٠٣",  # Arabic-Indic
    "۱۷۱۴۳۰۷۱۰۳",  # Extended Arabic-Indic (Persian)
    "１７１４３０７１０３",  # full-width
    "१७१४३०७१०३",  # Devanagari
    "17143071０3",  # one full-width digit among ASCII ones
])
def test_unicode_digits_are_read_as_digits_with_a_warning(typed: str) -> None:
    # Decision: normalise, not reject. They look like digits to the agent, so "not a digit"
    # would confuse; the warning says the portal may refuse them and to type them by hand.
    result = classify(typed)
    assert result.valid and result.digits == "1714307103" and result.converted
    report = check_id(typed)
    assert report.findings[0].code == "id.normalized"
    assert report.findings[0].status is Status.WARN
    assert report.verdict is Verdict.WARNING


def test_full_width_positions_are_summarised_as_a_range() -> None:
    finding = check_id("１７１４３０７１０３").findings[0]
    assert "1-10" in finding.message.en and "1-10" in finding.message.es


def test_report_is_json_serialisable_in_every_format() -> None:
    reports = [check_id(n) for n in ("1714307103", "17-14307104", "1793213150001", "x")]
    for fmt in Format:
        for lang in Lang:
            assert render(reports, fmt, lang)
    lines = render(reports, Format.JSON, Lang.EN).splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == [
        "ok", "problem", "warning", "problem"]
