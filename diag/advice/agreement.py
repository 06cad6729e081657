"""A finding's generic advice, kept only where the plan for the same report does not overrule it.

Each finding carries its code's advice from the catalog, written without the case in view:
`mail.found_spam` says "mark it as not spam", `mail.not_found` says "go to a CAU". The plan
decides over the whole case and may rule such a step out: the mail may be forged, the mailbox
full, IESS's own mail refused. A report must not say both, so advice the plan left out is
dropped from the finding (JSON `findings[].advice`).
"""

from __future__ import annotations

from collections.abc import Iterable

from diag.findings import Finding

# Generic advice → the plan steps that say the same thing for a given case: the advice stays
# only while one of them is in the plan. Advice not listed is background no step contradicts.
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    "mark_not_spam": ("step_not_spam", "step_promotions_to_primary"),
    "open_link_quickly": ("step_open_now", "step_open_maybe_expired", "step_use_newest"),
    "request_new_link": ("step_request_new_link", "step_open_maybe_expired", "step_forged"),
    "restore_from_trash": ("step_check_delete_rules",),
    "review_filters": ("step_review_filters",),
    "update_address_at_cau": ("step_update_at_cau",),
    "wait_then_retry": ("step_not_found",),
    "connection_not_the_cause": ("step_connection_not_the_cause",),
    "free_mailbox_space": ("step_free_space", "step_free_space_soon"),
    "check_spam_folders": ("step_webmail_gmail", "step_webmail_outlook", "step_webmail_yahoo",
                           "step_webmail_icloud", "step_webmail_other", "step_not_found"),
    "fix_typo": ("step_fix_typo", "step_confirm_address"),
    "use_another_address": ("step_confirm_address", "step_update_at_cau"),
}
# Background advice that only a step made moot overrules ("check that the address is active"
# holds in most cases; not when the plan says the address is not the cause).
MOOT_ONLY: dict[str, tuple[str, ...]] = {
    "verify_address_active": ("step_update_at_cau",),
}
def agreed_advice(finding: Finding, planned: Iterable[str], moot: Iterable[str]
                  ) -> tuple[str, ...]:
    """`finding.advice` without what the plan (`planned` steps; `moot`: steps made moot)
    ruled out for this finding."""
    planned, moot = set(planned), set(moot)
    return tuple(a for a in finding.advice if not _overruled(a, planned, moot))


def _overruled(advice: str, planned: set[str], moot: set[str]) -> bool:
    if advice in COUNTERPARTS:
        return not planned & set(COUNTERPARTS[advice])
    steps = set(MOOT_ONLY.get(advice, ()))
    return bool(steps & moot) and not steps & planned
