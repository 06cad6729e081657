"""Truth table: is the mailbox search complete? Only a search that covered every folder and read
every match since --since may say `mail.not_found`; anything less is `mail.search_incomplete`.

Each row: (id, input, verdicts that must come out, verdicts that must NEVER come out, why).
A verdict is a finding code, `code:status`, or `code#2` (the code came out a second time).
Inputs name a mailbox built by tests/truth/test_search_complete.py: `dovecot:<scenario>` on the
private Dovecot, `fake:<name>` on a named fake (tests/servers/fake_limits.py, fake_imap.py), and
the MailboxOptions changed for the row.
"""

from __future__ import annotations

from typing import Any

Row = tuple[str, dict[str, Any], frozenset[str], frozenset[str], str]


def _row(id_: str, mailbox: str, must: set[str], never: set[str], why: str,
         **options: Any) -> Row:
    return id_, {"mailbox": mailbox, "options": options}, frozenset(must), frozenset(never), why


NOT_FOUND = "mail.not_found"
INCOMPLETE = "mail.search_incomplete"

ROWS: list[Row] = [
    # -- folder cap ------------------------------------------------------------------------
    _row("folder-101-mail-in-last", "dovecot:folders101", {"mail.found_other"}, {NOT_FOUND},
         "a filter rule left the mail in the 101st other folder: it must be opened"),
    _row("folder-cap-reached", "dovecot:folders101", {INCOMPLETE},
         {NOT_FOUND, "mail.found_other"},
         "folders past the cap were never opened: unknown, never 'not found'",
         max_other_folders=100),
    _row("folder-cap-reached-no-mail", "dovecot:folders101none", {INCOMPLETE}, {NOT_FOUND},
         "nothing found in the first 100, the 101st never opened", max_other_folders=100),
    _row("folder-101-no-mail-complete", "dovecot:folders101none", {NOT_FOUND},
         {INCOMPLETE}, "every folder opened and every match read: 'not found' is earned"),
    # -- match cap -------------------------------------------------------------------------
    _row("match-249-lookalikes-genuine-low", "dovecot:crowded", {"mail.found_inbox"},
         {NOT_FOUND}, "249 'Cambie su password' newsletters after the genuine mail bury it"),
    _row("match-cap-narrow-first", "dovecot:crowded", {"mail.found_inbox"}, {NOT_FOUND},
         "the sender's domain is searched first, so a cap cannot crowd the mail out",
         max_matches=100),
    _row("match-cap-no-genuine", "dovecot:crowdednone", {INCOMPLETE}, {NOT_FOUND},
         "149 matches never read: they could hold the mail", max_matches=100),
    _row("match-249-no-genuine-complete", "dovecot:crowdednone", {NOT_FOUND}, {INCOMPLETE},
         "all 249 matches read, none genuine: 'not found' is earned"),
    _row("forged-iess-sender-crowd", "dovecot:spoofed", {"mail.found_inbox",
                                                         "mail.lookalike_sender"}, {NOT_FOUND},
         "11 newer forgeries with the IESS From look genuine by header: only the newest 5 were "
         "read whole, so the genuine one never was"),
    _row("time-budget-spent", "dovecot:crowded", {INCOMPLETE}, {NOT_FOUND},
         "a search out of time before any folder covers nothing", search_budget=0.0),
    # -- a message larger than a whole-message fetch reads (found by the final review) -------
    _row("too-large-evil-link-past-the-cap", "dovecot:toolarge", {"mail.unverified"},
         {"mail.found_inbox", NOT_FOUND, INCOMPLETE},
         "its links past 256 KiB were never read: it is there, but not known genuine"),
    _row("too-large-all-iess", "dovecot:toolargeiess", {"mail.unverified"},
         {"mail.found_inbox", "mail.lookalike_sender", NOT_FOUND},
         "a large genuine mail is not called phishing either: unknown, and it is there"),
    # -- Gmail (X-GM-RAW) shares the cap ---------------------------------------------------
    _row("gmail-249-lookalikes-genuine-low", "fake:gmail_crowded", {"mail.found_inbox"},
         {NOT_FOUND}, "Gmail's All Mail: the same crowding, the same paging"),
    _row("gmail-match-cap-no-genuine", "fake:gmail_crowdednone", {INCOMPLETE}, {NOT_FOUND},
         "Gmail matches left unread: unknown", max_matches=100),
    _row("gmail-complete-no-genuine", "fake:gmail_crowdednone", {NOT_FOUND}, {INCOMPLETE},
         "Gmail's All Mail, spam and trash read whole: 'not found' is earned"),
    # -- refused commands and short answers -------------------------------------------------
    _row("examine-refused", "fake:examine_refused", {INCOMPLETE}, {NOT_FOUND},
         "a folder the server would not open may hold the mail"),
    _row("search-refused", "fake:search_refused", {INCOMPLETE}, {NOT_FOUND},
         "a folder the server would not search may hold the mail"),
    _row("fetch-short", "fake:fetch_short", {INCOMPLETE}, {NOT_FOUND},
         "a FETCH answered with fewer messages than asked left some unread"),
    _row("connection-dropped", "fake:dropped", {"imap.unreachable"}, {NOT_FOUND},
         "a session that ends mid-search leaves folders unread: the failure is said, not absence"),
    # -- Courier-IMAP: no UIDNEXT in EXAMINE -------------------------------------------------
    _row("courier-old-mail-not-new", "fake:courier_old", {"mail.found_inbox", "mail.waited:info"},
         {"mail.waited:ok", "mail.found_inbox#2"},
         "without UIDNEXT every old message looked new: the old one was 'a new IESS mail'",
         wait=1.0),
    _row("courier-no-uidnext-anywhere", "fake:courier_old_nostatus",
         {"mail.found_inbox", "mail.waited:info"}, {"mail.waited:ok", "mail.found_inbox#2"},
         "STATUS leaves it out too: the highest UID plus one marks what is new", wait=1.0),
    _row("courier-new-mail-arrives", "fake:courier_new", {"mail.waited:ok", "mail.found_inbox"},
         {"mail.found_inbox#3", NOT_FOUND},
         "a new mail is announced once, the old one still listed once", wait=5.0),
]
