"""Look-alike letters (UTS #39 confusables) and domains read by IDNA 2008 / UTS #46."""

from __future__ import annotations

import hashlib
import unicodedata
from importlib import metadata, resources

import pytest

from diag.message.lookalike import ascii_domain, domain_imitates_iess, fold
from tests.truth.genuine import HOMOGLYPHS

# The data is confusable-homoglyphs' confusables.json, built from Unicode's confusables.txt.
# The package does not record which Unicode release; this hash pins the file we reviewed, so an
# update fails here until someone reads what changed and updates the pin.
CONFUSABLES_SHA256 = "2d8b4774cd9dc6f233a18681bc00423ae270037437f276fc6a8b80630941fe7d"


def test_the_confusables_data_is_the_reviewed_one() -> None:
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_bytes()
    assert metadata.version("confusable-homoglyphs") == "3.3.1"
    assert hashlib.sha256(data).hexdigest() == CONFUSABLES_SHA256


def test_the_data_has_no_character_newer_than_unicode_14() -> None:
    from confusable_homoglyphs import confusables

    assert unicodedata.unidata_version >= "14.0.0"
    assert all(unicodedata.name(c, None) for c in confusables.confusables_data if len(c) == 1)


@pytest.mark.parametrize(("glyph", "letter"), [
    (glyph, letter) for letter, glyphs in HOMOGLYPHS.items() for glyph in glyphs])
def test_every_common_look_alike_folds_to_its_letter(glyph: str, letter: str) -> None:
    assert fold(glyph) == letter


def test_cherokee_lower_case_is_folded_after_case_folding() -> None:
    # casefold() turns Cherokee small letters into capitals: a table keyed by the small letter
    # (ꮪ) could never match.
    assert fold("ꮪ") == "s"
    assert domain_imitates_iess("ieꮪs.gob.ec")


@pytest.mark.parametrize("domain", ["biess.fin.ec", "mies.gob.ec", "seps.gob.ec", "sri.gob.ec"])
def test_real_neighbours_are_not_imitations(domain: str) -> None:
    assert not domain_imitates_iess(domain)


@pytest.mark.parametrize("domain", ["faß.de", "ÉXAMPLE.ec", "señal.ec", "ɩess.gob.ec"])
def test_the_address_check_and_the_message_check_agree_on_the_domain(domain: str) -> None:
    from diag.address.syntax import check_address

    assert check_address(f"ana@{domain}").ascii_domain == ascii_domain(domain)


def test_fass_de_is_idna_2008() -> None:
    assert ascii_domain("faß.de") == "xn--fa-hia.de"  # IDNA 2003 would say fass.de
