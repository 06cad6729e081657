"""Typo suggestions for the providers used in Ecuador."""

from __future__ import annotations

import pytest

from diag.address.typos import osa_distance, suggest


@pytest.mark.parametrize(("typed", "expected"), [
    ("gmial.com", "gmail.com"),
    ("gamil.com", "gmail.com"),
    ("gmal.com", "gmail.com"),
    ("gmail.co", "gmail.com"),
    ("gmail.com.ec", "gmail.com"),
    ("gmail.es", "gmail.com"),
    ("hotmial.com", "hotmail.com"),
    ("hotmail.con", "hotmail.com"),
    ("hotmai.com", "hotmail.com"),
    ("hormail.com", "hotmail.com"),
    ("hotmail.cm", "hotmail.com"),
    ("hotmail.com.ec", "hotmail.com"),
    ("outlok.es", "outlook.es"),
    ("outlook.co", "outlook.com"),
    ("yahoo.con", "yahoo.com"),
    ("yaho.es", "yahoo.es"),
    ("live.con", "live.com"),
    ("icloud.co", "icloud.com"),
    ("andinanett.net", "andinanet.net"),
    ("andinanet.ne", "andinanet.net"),
    ("satnet.nte", "satnet.net"),
    ("HOTMIAL.COM", "hotmail.com"),
    # a lost dot, a slip in both parts, a short ending
    ("hotmailcom", "hotmail.com"), ("outlookes", "outlook.es"), ("cntnet.ec", "cnt.net.ec"),
    ("gmailcomec", "gmail.com"), ("gnail.con", "gmail.com"), ("yahooo.cmo", "yahoo.com"),
    ("gmail.c", "gmail.com"), ("#gmail.com", "gmail.com"), ("empresa.con", "empresa.com"),
    # short names: a key slip into a non-word, a dropped, doubled or swapped letter
    ("livr.com", "live.com"), ("lve.com", "live.com"), ("llive.com", "live.com"),
    ("lvie.com", "live.com"), ("cntt.net.ec", "cnt.net.ec"), ("cn.net.ec", "cnt.net.ec"),
    ("cnt.nett.ec", "cnt.net.ec"),
])
def test_suggests_the_intended_provider(typed: str, expected: str) -> None:
    found = suggest(typed)
    assert found is not None and found.domain == expected


@pytest.mark.parametrize("domain", [
    "gmail.com", "hotmail.com", "hotmail.es", "outlook.es", "live.com", "yahoo.es",
    "andinanet.net", "iess.gob.ec",
    # real services one edit away from a known one
    "mail.com", "email.com", "gmx.com", "aol.com", "hotmail.fr",
    # short domains next to short known ones are real, unrelated domains
    "life.com", "line.com", "lime.com",
    # ordinary company and institution domains
    "empresa-andina.com.ec", "puce.edu.ec", "espol.edu.ec", "gmail.cl",
    # real institutions with short names are not typos of iess.gob.ec
    "mies.gob.ec", "seps.gob.ec", "ieps.gob.ec", "iepi.gob.ec", "protonmail.ch",
    # a neighbouring key that keeps a vowel a vowel often makes another real word
    "love.com", "xlive.com", "company.co", "company.corp",
])
def test_leaves_real_domains_alone(domain: str) -> None:
    assert suggest(domain) is None


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("gmial", "gmail", 1), ("gmail", "gmail", 0), ("abc", "", 3), ("ca", "abc", 3),
    ("hotmail", "hotmial", 1), ("kitten", "sitting", 3),
    # issue 12: without a cap, a length gap of three or more was returned as the distance
    ("a", "bcde", 4), ("", "abcd", 4), ("gmail", "g", 4),
])
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b) == distance


@pytest.mark.parametrize("cap", [0, 1, 2])
@pytest.mark.parametrize(("a", "b"), [
    ("gmial.com", "gmail.com"), ("hotmial.com", "hotmail.com"), ("yaho.com", "yahoo.com"),
    ("empresa12.ec", "hotmail.com"), ("ab", "ba"), ("kitten", "sitting"), ("abcdef", "badcfe"),
])
def test_osa_distance_with_a_cap_is_exact_up_to_the_cap(a: str, b: str, cap: int) -> None:
    exact = osa_distance(a, b)
    capped = osa_distance(a, b, cap)
    assert capped == exact if exact <= cap else capped > cap
