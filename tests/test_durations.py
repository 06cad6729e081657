"""Durations typed by people, moments for --since, and durations said back in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from diag.durations import human, human_text, parse_duration, parse_since
from diag.errors import ExitStatus, UsageError
from diag.i18n import Lang

NOW = datetime(2026, 11, 26, 15, 30, tzinfo=UTC)
QUITO = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(("text", "expected"), [
    ("30m", timedelta(minutes=30)),
    ("2h", timedelta(hours=2)),
    ("7d", timedelta(days=7)),
    ("1h30m", timedelta(hours=1, minutes=30)),
    ("1h 30m", timedelta(hours=1, minutes=30)),
    ("90s", timedelta(seconds=90)),
    ("1w", timedelta(weeks=1)),
    ("1.5h", timedelta(minutes=90)),
    ("1,5h", timedelta(minutes=90)),
    ("  15 min ", timedelta(minutes=15)),
    ("2 horas y 30 minutos", timedelta(hours=2, minutes=30)),
    ("3 días", timedelta(days=3)),
    ("3 dias", timedelta(days=3)),
    ("2 Hours", timedelta(hours=2)),
    ("0m", timedelta()),
    ("PT15M", timedelta(minutes=15)),
    ("P1DT2H", timedelta(days=1, hours=2)),
    ("pt30s", timedelta(seconds=30)),
])
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", [
    "", " ", "10", "abc", "5x", "m", "h5", "-5m", "1h 30", "30m ago", "P", "PT", "1 mes",
    "99999999999999h", "P99999999999999D", "4000d",
])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_duration(text)
    assert caught.value.exit_status is ExitStatus.USAGE
    assert caught.value.message.es and caught.value.message.en
    assert "\n" not in caught.value.message.es


def test_parse_duration_names_the_option_in_both_languages() -> None:
    with pytest.raises(UsageError) as caught:
        parse_duration("diez", option="--wait")
    assert caught.value.message.es.startswith("--wait: «diez» no es una duración")
    assert caught.value.message.en.startswith("--wait: 'diez' is not a valid duration")


def test_long_values_are_shortened_in_the_error() -> None:
    with pytest.raises(UsageError) as caught:
        parse_duration("x" * 500)
    assert len(caught.value.message.en) < 200


@pytest.mark.parametrize(("text", "expected"), [
    ("2h", NOW - timedelta(hours=2)),
    ("1h30m", NOW - timedelta(minutes=90)),
    ("hoy", datetime(2026, 11, 26, tzinfo=UTC)),
    ("today", datetime(2026, 11, 26, tzinfo=UTC)),
    ("Ayer", datetime(2026, 11, 25, tzinfo=UTC)),
    ("yesterday", datetime(2026, 11, 25, tzinfo=UTC)),
    ("2026-11-25", datetime(2026, 11, 25, tzinfo=UTC)),
    ("2026-11-25T10:00", datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("2026-11-25 10:00", datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("2026-11-25T10:00Z", datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("2026-11-25T10:00-05:00", datetime(2026, 11, 25, 15, tzinfo=UTC)),
    ("2026-11-26T15:30:00+00:00", NOW),
])
def test_parse_since(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW) == expected


def test_parse_since_reads_a_bare_date_in_nows_zone() -> None:
    now = NOW.astimezone(QUITO)
    assert parse_since("2026-11-25", now) == datetime(2026, 11, 25, tzinfo=QUITO)
    assert parse_since("hoy", now) == datetime(2026, 11, 26, tzinfo=QUITO)


@pytest.mark.parametrize("text", ["2026-11-27", "2027-01-01T00:00", "xx", "2026-13-01",
                                  "2026-11-25T99:00", "10", ""])
def test_parse_since_refuses(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_since(text, NOW, option="--since")
    assert caught.value.message.es.startswith("--since: ")
    assert caught.value.message.en.startswith("--since: ")


def test_future_is_named_as_such() -> None:
    with pytest.raises(UsageError) as caught:
        parse_since("2026-12-01", NOW)
    assert "futuro" in caught.value.message.es and "future" in caught.value.message.en


@pytest.mark.parametrize(("seconds", "es", "en"), [
    (0, "0 s", "0 s"),
    (45, "45 s", "45 s"),
    (44.6, "45 s", "45 s"),
    (60, "1 min", "1 min"),
    (330, "5 min 30 s", "5 min 30 s"),
    (3600, "1 h", "1 h"),
    (7500, "2 h 5 min", "2 h 5 min"),
    (86400, "1 día", "1 day"),
    (90000, "1 día 1 h", "1 day 1 h"),
    (3 * 86400 + 7200, "3 días 2 h", "3 days 2 h"),
    (-300, "-5 min", "-5 min"),
])
def test_human(seconds: float, es: str, en: str) -> None:
    span = timedelta(seconds=seconds)
    assert human(span, Lang.ES) == es
    assert human(span, Lang.EN) == en
    assert human_text(span).es == es and human_text(span).en == en


@pytest.mark.parametrize(("moment", "es", "en"), [
    (datetime(2026, 12, 1, 15, 15, tzinfo=UTC), "hoy 10:15", "today 10:15"),
    (datetime(2026, 12, 1, 4, 30, tzinfo=UTC), "ayer 23:30", "yesterday 23:30"),
    (datetime(2026, 11, 25, 14, 0, tzinfo=UTC), "25/11/2026 09:00", "2026-11-25 09:00"),
])
def test_moments_are_said_in_local_time(monkeypatch: pytest.MonkeyPatch, moment: datetime,
                                        es: str, en: str) -> None:
    import time

    from diag.durations import moment_text

    monkeypatch.setenv("TZ", "ECT+5")  # Ecuador, UTC-5, without a tz database
    time.tzset()
    try:
        said = moment_text(moment, now=datetime(2026, 12, 1, 17, 0, tzinfo=UTC))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (said.es, said.en) == (es, en)
