"""The coverage record: a search is complete only when every planned folder was searched whole,
and `mail.not_found` comes from one place only, which asks the coverage."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from diag.findings import Status
from diag.mailbox.coverage import CoverageLog, Gap
from diag.mailbox.verdicts import absence_finding

SINCE = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def _log(*folders: str) -> CoverageLog:
    log = CoverageLog(SINCE)
    log.plan(list(folders))
    return log


def test_every_folder_searched_is_complete() -> None:
    log = _log("INBOX", "Junk")
    log.searched("INBOX", 3)
    log.searched("Junk")
    coverage = log.result()
    assert coverage.complete and coverage.matches_read == 3
    finding = absence_finding(coverage)
    assert finding.code == "mail.not_found" and finding.status is Status.FAIL
    assert finding.details["matches_read"] == 3


def test_a_folder_never_reached_makes_it_incomplete() -> None:
    log = _log("INBOX", "Junk")
    log.searched("INBOX")  # the session dropped before Junk
    coverage = log.result()
    assert not coverage.complete
    assert [(g.folder, g.why) for g in coverage.left_out] == [("Junk", Gap.STOPPED)]
    finding = absence_finding(coverage)
    assert finding.code == "mail.search_incomplete" and finding.status is Status.UNKNOWN
    assert finding.details["folders_left_out"] == ["Junk"]


@pytest.mark.parametrize("why", list(Gap))
def test_any_gap_is_unknown_never_fail(why: Gap) -> None:
    log = _log("INBOX")
    log.searched("INBOX", 200)
    log.left_out("INBOX", why, 49)
    finding = absence_finding(log.result())
    assert finding.code == "mail.search_incomplete" and finding.status is Status.UNKNOWN
    assert finding.details["matches_left_out"] == 49
    assert finding.details["coverage"]["left_out"][0]["why"] == why.value
    assert "(s)" not in finding.message.es


def test_nothing_listed_is_never_complete() -> None:
    assert not CoverageLog(SINCE).result().complete


def test_spanish_plurals_are_real() -> None:
    log = _log("A", "B")
    log.left_out("A", Gap.FOLDER_CAP)
    log.left_out("B", Gap.FOLDER_CAP)
    es = absence_finding(log.result()).message.es
    assert "2 carpetas" in es and "(s)" not in es


def test_only_the_coverage_check_makes_not_found() -> None:
    root = Path(__file__).resolve().parents[2] / "diag"
    makers = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if re.search(r"make\(\s*\"mail\.not_found\"", p.read_text(encoding="utf-8"))]
    assert makers == ["mailbox/verdicts.py"]
