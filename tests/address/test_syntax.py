"""The address as typed: syntax, invisible characters, normalization, typos, throwaway domains."""

from __future__ import annotations

import pytest

from diag.address.syntax import MAX_INPUT, check_address, explain_syntax_error
from diag.findings import Status


def codes(typed: str) -> list[str]:
    return [f.code for f in check_address(typed).findings]


@pytest.mark.parametrize(("typed", "reason"), [
    ("anagmail.com", "missing_at"),
    ("@gmail.com", "empty_local"),
    ("ana@", "empty_domain"),
    ("ana..perez@gmail.com", "double_dot"),
    ("ana@gmail", "domain_without_dot"),
    ("ana@correo.test", "special_use_domain"),
    ("ana@correo.invalid", "special_use_domain"),
    ("ana pérez@hotmail.com", "bad_local_characters"),
    ("Ana <ana@gmail.com", "display_name"),
    ("ana@gmail.com>", "bad_domain_characters"),
    ("", "empty"),
    ("   ", "empty"),
    ("\u200b", "empty"),
    ("a" * (MAX_INPUT + 1), "too_long"),
    ("ana@" + "x" * 300 + ".com", "too_long"),
    # RFC 5321 §4.5.3.1.1: 64 octets before the @ at most; ñ takes two
    ("a" * 65 + "@gmail.com", "local_too_long"),
    ("ñ" * 33 + "@gmail.com", "local_too_long"),
])
def test_invalid_addresses_say_why(typed: str, reason: str) -> None:
    result = check_address(typed)
    assert not result.valid and result.address is None
    invalid = [f for f in result.findings if f.code == "address.invalid"]
    assert len(invalid) == 1
    assert invalid[0].status is Status.FAIL
    assert invalid[0].details["reason"] == reason
    # the reason is plain words in both languages, not email-validator's English sentence
    assert invalid[0].message.es != invalid[0].message.en
    assert "@-sign" not in invalid[0].message.es


def test_huge_input_is_not_echoed_back_whole() -> None:
    finding = check_address("x" * 10_000_000).findings[-1]
    assert len(finding.message.en) < 300


@pytest.mark.parametrize(("typed", "cleaned", "removed"), [
    ("ana@gmail.com.", "ana@gmail.com", ["trailing_dot"]),
    ("MAILTO:ana@gmail.com", "ana@gmail.com", ["mailto"]),
    ("mailto:ana@gmail.com?subject=Clave%20IESS", "ana@gmail.com", ["mailto"]),
    ("<ana@gmail.com>", "ana@gmail.com", ["angle_brackets"]),
    ("Ana Pérez <ana@gmail.com>", "ana@gmail.com", ["display_name"]),
    ('"Ana" <ana@gmail.com>', "ana@gmail.com", ["display_name"]),
    ('"ana"@gmail.com', "ana@gmail.com", ["quoted_local"]),
    ("'ana@gmail.com'", "ana@gmail.com", ["quotes"]),
    ("ana@gmail.com,", "ana@gmail.com", ["trailing_comma"]),
    ("ana＠gmail.com", "ana@gmail.com", ["wide_at"]),
    ("mailto:<ana@gmail.com>;", "ana@gmail.com", ["mailto", "trailing_semicolon",
                                                  "angle_brackets"]),
])
def test_a_pasted_wrapping_is_named_and_the_address_inside_checked(
        typed: str, cleaned: str, removed: list[str]) -> None:
    result = check_address(typed)
    assert result.address == cleaned
    extra = result.findings[0]
    assert extra.code == "address.extra_characters" and extra.status is Status.WARN
    assert extra.details["removed"] == removed and extra.details["cleaned"] == cleaned
    assert f"«{cleaned}»" in extra.message.es
    assert "address.invalid" not in codes(typed)


@pytest.mark.parametrize(("typed", "reason"), [
    ("ana@gmail.com, luis@gmail.com", "several_addresses"),
    ("ana@gmail.com luis@gmail.com", "several_addresses"),
    ("Ana <ana@gmail.com>; Luis <luis@gmail.com>", "several_addresses"),
    ("mu\ufffdoz@gmail.com", "undecodable"),
    ("mu\udcf1oz@gmail.com", "undecodable"),
])
def test_no_one_readable_address_is_unknown_never_a_fail(typed: str, reason: str) -> None:
    result = check_address(typed)
    invalid = result.findings[-1]
    assert not result.valid and invalid.code == "address.invalid"
    assert invalid.status is Status.UNKNOWN and invalid.details["reason"] == reason


def test_a_quoted_local_part_that_needs_its_quotes_is_a_warning() -> None:
    result = check_address('"ana perez"@gmail.com')
    assert result.address == '"ana perez"@gmail.com'
    assert codes('"ana perez"@gmail.com') == ["address.valid", "address.quoted_local"]


@pytest.mark.parametrize(("typed", "positions", "cleaned"), [
    ("ana\u200b@hotmail.com", [4], "ana@hotmail.com"),
    ("\ufeffana@hotmail.com", [1], "ana@hotmail.com"),
    ("ana@hot\u200dmail.com\u200e", [8, 17], "ana@hotmail.com"),
    ("ana\u00a0@gmail.com", [4], "ana@gmail.com"),
    ("\u202eana@gmail.com", [1], "ana@gmail.com"),
    ("ana@gmail.com\x00", [14], "ana@gmail.com"),
])
def test_invisible_characters_are_located_and_removed(typed: str, positions: list[int],
                                                      cleaned: str) -> None:
    result = check_address(typed)
    found = result.findings[0]
    assert found.code == "address.invisible_characters"
    assert found.details["positions"] == positions
    assert found.details["cleaned"] == cleaned
    assert result.address == cleaned
    assert all(name.startswith("U+") for name in found.details["names"])


@pytest.mark.parametrize(("typed", "normalized", "change"), [
    ("  ana@gmail.com ", "ana@gmail.com", "surrounding spaces were removed"),
    ("Ana.Perez@GMAIL.COM", "Ana.Perez@gmail.com", "the domain was lower-cased"),
    ("ana@n\u0303andu.ec", "ana@ñandu.ec", "the Unicode form was normalized (NFC)"),
])
def test_silent_corrections_are_reported(typed: str, normalized: str, change: str) -> None:
    result = check_address(typed)
    assert result.address == normalized
    finding = next(f for f in result.findings if f.code == "address.normalized")
    assert change in finding.details["changes"]
    assert finding.status is Status.INFO


def test_a_clean_address_has_no_normalization_finding() -> None:
    assert codes("ana.perez@hotmail.com") == ["address.valid"]


def test_idn_domain_is_checked_in_ascii() -> None:
    result = check_address("josé@correo.ñandú.ec")
    assert result.address == "josé@correo.ñandú.ec"
    assert result.ascii_domain == "correo.xn--and-6ma2c.ec"


@pytest.mark.parametrize(("typed", "suggested"), [
    ("ana@gmial.com", "ana@gmail.com"),
    ("ana@hotmail.con", "ana@hotmail.com"),
    ("ana@gmail.com.ec", "ana@gmail.com"),
])
def test_typos_come_with_the_corrected_address(typed: str, suggested: str) -> None:
    finding = next(f for f in check_address(typed).findings if f.code == "address.typo_suspected")
    assert finding.details["suggested_address"] == suggested
    assert suggested.split("@")[1] in finding.message.es


def test_disposable_domains_are_flagged() -> None:
    assert "address.disposable" in codes("ana@mailinator.com")
    assert "address.disposable" in codes("ana@sub.mailinator.com")
    assert "address.disposable" not in codes("ana@hotmail.com")


def test_a_typo_squatted_throwaway_domain_reads_as_a_typo() -> None:
    # gmial.com is on throwaway lists because it catches mistyped mail; the typo is the story.
    found = codes("ana@gmial.com")
    assert "address.typo_suspected" in found and "address.disposable" not in found


def test_unknown_validator_messages_still_get_plain_words() -> None:
    slug, text = explain_syntax_error("Something email-validator never said before.")
    assert slug == "other" and text.es and text.en
