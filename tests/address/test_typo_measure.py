"""Typo suggestions measured: peer suites (recall) and real domains (false alarms)."""

from __future__ import annotations

from collections.abc import Callable

from diag.address.typos import Suggestion, suggest
from tests.address.real_domains import REAL_DOMAINS
from tests.address.typo_suites import DIFFERENT, LEGITIMATE, TYPOS

Suggest = Callable[[str], "Suggestion | None"]


def suite_misses(guess: Suggest) -> list[str]:
    """Peer cases answered otherwise than the peer said."""
    misses = [typed for _, typed, want in TYPOS
              if getattr(guess(typed), "domain", None) != want]
    return misses + [typed for _, typed in LEGITIMATE if guess(typed) is not None]


def false_alarms(guess: Suggest) -> list[str]:
    return [domain for domain in REAL_DOMAINS if guess(domain) is not None]


def test_the_real_list_is_big_enough_and_has_no_repeats() -> None:
    assert len(set(REAL_DOMAINS)) >= 200
    assert sum(d.endswith(".ec") for d in set(REAL_DOMAINS)) >= 100


def test_no_false_alarm_on_real_domains() -> None:
    assert false_alarms(suggest) == []


def test_peer_suites_differ_only_where_we_chose_to() -> None:
    # 70 of 78 peer cases (89.7 %); each of the 8 others is a deliberate, explained difference
    assert sorted(suite_misses(suggest)) == sorted(DIFFERENT)


def test_a_suggestion_is_never_itself_a_typo() -> None:
    # the corrected mailcheck suite's stability rule: following a suggestion ends the questions
    for _, typed, _ in TYPOS:
        found = suggest(typed)
        assert found is None or suggest(found.domain) is None, (typed, found)
