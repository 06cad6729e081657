"""The action plan: the advice of a report's findings, each once, moot advice left out, in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diag.findings import Finding
from diag.advice.catalog import CATALOG, Advice

_FOUND = ("check_spam_folders", "wait_then_retry", "verify_address_active")


# Advice that another finding makes pointless: once the mail is found nobody needs to look for
# it, and an expired link's advice already says to open the new one at once.
MOOT_WHEN: dict[str, tuple[str, ...]] = {
    "mail.found_inbox": _FOUND,
    "mail.found_spam": _FOUND,
    "mail.found_promotions": _FOUND,
    "mail.found_trash": _FOUND,
    "mail.found_other": _FOUND,
    "mail.expired": ("open_link_quickly",),
    # The tool has just searched spam and promotions itself: telling the person to look there
    # would send them after what is known not to be there.
    "mail.not_found": ("check_spam_folders",),
    "mail.folders_searched": ("check_spam_folders",),
}


@dataclass(frozen=True)
class Step:
    """One step of an action plan: the advice, and the finding codes that call for it."""

    advice: Advice
    because: tuple[str, ...]


def steps(findings: Iterable[Finding]) -> list[Step]:
    """The advice of all findings, each once, moot advice left out, in the order to act on it."""
    found = list(findings)
    moot = {advice_id for f in found for advice_id in MOOT_WHEN.get(f.code, ())}
    because: dict[str, list[str]] = {}
    for finding in found:
        for advice_id in finding.advice:
            codes = because.setdefault(advice_id, [])
            if finding.code not in codes:
                codes.append(finding.code)
    ids = sorted((i for i in because if i not in moot), key=lambda i: CATALOG[i].priority)
    return [Step(CATALOG[i], tuple(because[i])) for i in ids]


def plan(findings: Iterable[Finding]) -> list[Advice]:
    """The advice of all findings, each once, in the order a person should act on it."""
    return [step.advice for step in steps(findings)]
