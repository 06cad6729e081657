"""The rule table of the action plan: when each step applies, what it makes moot, in what order.

Read top to bottom, it is the plan's order. A rule's predicate sees only the typed facts of the
case (diag.advice.case); its step's words, in both voices, are in the advice catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from diag.advice.case import Case, Mail, Mailbox


@dataclass(frozen=True)
class Rule:
    step: str  # the advice id in diag.advice.catalog
    when: Callable[[Case], bool]
    because: tuple[str, ...]  # the finding codes that call for it (a trailing "." is a prefix)
    moots: tuple[str, ...] = ()  # steps that become pointless when this one applies


def _unverified(case: Case) -> bool:
    """A found mail whose sender its own receiver could not verify: a forgery is possible."""
    mail = case.newest
    return case.forged or (mail is not None and mail.dmarc == "fail")


def _usable(case: Case) -> Mail | None:
    """The newest mail, when its link may still work and nothing says it is forged."""
    mail = case.newest
    return None if mail is None or mail.expired or _unverified(case) else mail


def _link_alive(case: Case) -> bool:
    mail = _usable(case)
    return mail is not None and mail.link_left is not None and mail.link_left > timedelta()


def _link_doubtful(case: Case) -> bool:
    mail = _usable(case)
    return mail is not None and not _link_alive(case)


def _expired(case: Case) -> bool:
    mail = case.newest
    return mail is not None and mail.expired and not _unverified(case)


def _in(role: str) -> Callable[[Case], bool]:
    def test(case: Case) -> bool:
        mail = case.newest
        return mail is not None and mail.role == role and not _unverified(case)
    return test


def _failure(*codes: str) -> Callable[[Case], bool]:
    return lambda case: case.mailbox_failure in codes


def _app_password(case: Case) -> bool:
    return case.mailbox_failure == "imap.login_failed" and case.provider in (
        "gmail", "yahoo", "icloud", "zoho")


def _look_by_hand(case: Case) -> bool:
    """Nobody searched the mailbox, and searching it by hand could still find the mail."""
    return (case.mailbox in (Mailbox.NOT_SEARCHED, Mailbox.FAILED, Mailbox.ABSENT)
            and case.command != "analyze-headers" and not case.found and case.can_receive
            and not (case.typo or case.disposable or case.full or case.address_unread))


def _webmail(provider: str | None) -> Callable[[Case], bool]:
    known = ("gmail", "microsoft", "yahoo", "icloud")
    if provider is None:
        return lambda case: _look_by_hand(case) and case.provider not in known
    return lambda case: _look_by_hand(case) and case.provider == provider


def _address_unusable(case: Case) -> bool:
    return not case.can_receive or case.typo or case.disposable


_OPENING = ("step_open_now", "step_open_maybe_expired", "step_use_newest")
_MAIL = ("mail.found_", "message.from_iess")
_IMAP = ("imap.", "mailbox.not_checked")

def _sender_side(case: Case) -> bool:
    """IESS's mail is refused or misrouted, and this person's did not arrive either."""
    return case.sender_problem is not None and not case.found


# Advice that blames the person's address or mailbox: moot when the cause is the sender's.
_BLAMES_THE_ADDRESS = ("step_update_at_cau", "step_connection_not_the_cause", "step_not_found")
_SENDER = ("spf.", "dmarc.", "dkim.", "blocklist.", "sender.")

RULES: tuple[Rule, ...] = (
    # First: when IESS's own mail is being refused, nothing the person does with their address
    # helps (issue 14); their address problems, if any, still get their own steps below.
    Rule("sender_side_not_your_address", _sender_side, _SENDER,
         moots=_BLAMES_THE_ADDRESS),
    Rule("report_sender_to_iess", _sender_side, _SENDER),
    Rule("step_phishing", lambda c: c.phishing > 0, ("mail.lookalike_sender",)),
    Rule("step_forged", _unverified, (*_MAIL, "mail.auth_failed"),
         moots=(*_OPENING, "step_not_spam", "step_promotions_to_primary",
                "step_request_new_link")),
    # Neither genuine nor phishing: where its links lead is unknown, so it is not "open it".
    Rule("step_check_unverified", lambda c: c.unverified and not c.found, ("mail.unverified",),
         moots=(*_OPENING, "step_not_spam", "step_promotions_to_primary")),
    Rule("step_retype_address", lambda c: c.invisible, ("address.invisible_characters",)),
    Rule("step_type_one_address", lambda c: c.address_unread, ("address.invalid",)),
    # "Type it like this: «...»" only when what is inside is a good address: around a typo or
    # an invalid one, the step that says so leads (the finding still names what to drop).
    Rule("step_type_address_clean", lambda c: c.extras and not (c.typo or c.address_invalid),
         ("address.extra_characters",)),
    Rule("step_quoted_local", lambda c: c.quoted_local, ("address.quoted_local",)),
    # A typo means the mailbox searched, if any, is not the person's: nothing found there counts.
    Rule("step_fix_typo", lambda c: c.typo, ("address.typo_suspected",),
         moots=("step_confirm_address", "step_not_found", "step_connection_not_the_cause")),
    Rule("step_confirm_address", lambda c: not c.can_receive,
         ("address.invalid", "domain.", "mx.")),
    Rule("step_avoid_disposable", lambda c: c.disposable, ("address.disposable",)),
    Rule("step_retry_dns", lambda c: c.dns_unknown and not c.found, ("dns.inconclusive",)),
    Rule("step_open_now", _link_alive, _MAIL),
    Rule("step_open_maybe_expired", _link_doubtful, (*_MAIL, "mail.delayed")),
    Rule("step_use_newest", lambda c: len(c.mails) > 1, _MAIL),
    Rule("step_check_delete_rules", _in("trash"), ("mail.found_trash",)),
    Rule("step_free_space", lambda c: c.full, ("mailbox.full",),
         moots=("step_request_new_link", "step_not_found", "step_connection_not_the_cause")),
    Rule("step_request_new_link", _expired, ("mail.expired",)),
    Rule("step_not_spam", lambda c: _in("junk")(c) and (m := c.newest) is not None
         and m.dmarc == "pass", ("mail.found_spam",)),
    Rule("step_promotions_to_primary", _in("promotions"), ("mail.found_promotions",)),
    Rule("step_review_filters", _in("other"), ("mail.found_other",)),
    Rule("step_not_found", lambda c: c.not_found and not c.found, ("mail.not_found",
                                                                    "mail.waited")),
    Rule("step_narrow_search", lambda c: c.incomplete and not c.found,
         ("mail.search_incomplete",)),
    Rule("step_imap_host_unknown", _failure("imap.host_unknown"), ("imap.host_unknown",)),
    Rule("step_microsoft_signin", _failure("imap.oauth_required"), ("imap.oauth_required",)),
    Rule("step_app_password", _app_password, ("imap.login_failed",),
         moots=("step_check_credentials",)),
    Rule("step_check_credentials", _failure("imap.login_failed"), ("imap.login_failed",)),
    Rule("step_retry_server", _failure("imap.unreachable", "imap.server_error"), _IMAP),
    Rule("step_certificate_name", _failure("imap.tls_failed.name"), ("imap.tls_failed",)),
    Rule("step_certificate_untrusted", _failure("imap.tls_failed.untrusted"),
         ("imap.tls_failed",)),
    Rule("step_certificate_expired", _failure("imap.tls_failed.expired"), ("imap.tls_failed",)),
    Rule("step_tls_handshake", _failure("imap.tls_failed.handshake"), ("imap.tls_failed",)),
    Rule("step_webmail_gmail", _webmail("gmail"), ("provider.detected", *_IMAP)),
    Rule("step_webmail_outlook", _webmail("microsoft"), ("provider.detected", *_IMAP)),
    Rule("step_webmail_yahoo", _webmail("yahoo"), ("provider.detected", *_IMAP)),
    Rule("step_webmail_icloud", _webmail("icloud"), ("provider.detected", *_IMAP)),
    Rule("step_webmail_other", _webmail(None), ("provider.detected", *_IMAP)),
    Rule("step_connection_not_the_cause", lambda c: c.not_found and not c.found,
         ("mail.not_found",)),
    Rule("step_free_space_soon", lambda c: c.nearly_full and not c.full,
         ("mailbox.nearly_full",)),
    Rule("step_check_id", lambda c: c.id_invalid, ("id.",)),
    Rule("step_update_at_cau", lambda c: _address_unusable(c) or (
        c.not_found and not c.found and not c.full),
         ("address.", "domain.", "mx.", "mail.not_found")),
)
