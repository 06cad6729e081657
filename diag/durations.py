"""Durations and moments typed by people (`30m`, `1h30m`, `2026-11-25`) and said back in words."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from diag.errors import UsageError
from diag.i18n import Lang, Text

MAX_DURATION = timedelta(days=3660)  # ten years: beyond that it is a typo, and dates overflow

_UNITS: dict[str, timedelta] = {}
for _names, _unit in (
    (("s", "sec", "secs", "second", "seconds", "seg", "segundo", "segundos"), timedelta(seconds=1)),
    (("m", "min", "mins", "minute", "minutes", "minuto", "minutos"), timedelta(minutes=1)),
    (("h", "hr", "hrs", "hour", "hours", "hora", "horas"), timedelta(hours=1)),
    (("d", "day", "days", "dia", "dias", "día", "días"), timedelta(days=1)),
    (("w", "week", "weeks", "sem", "semana", "semanas"), timedelta(weeks=1)),
):
    _UNITS.update(dict.fromkeys(_names, _unit))

_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-zí]+)")
_ISO = re.compile(r"p(?:(\d+)w)?(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)?")
_TODAY = {"today": 0, "hoy": 0, "yesterday": 1, "ayer": 1}

_BAD_DURATION = Text(
    "«{value}» no es una duración válida: escriba un número con unidad, por ejemplo 30m, 2h, "
    "7d o 1h30m (s, m, h, d, w).",
    "'{value}' is not a valid duration: write a number with a unit, e.g. 30m, 2h, 7d or 1h30m "
    "(s, m, h, d, w).",
)
_TOO_LONG = Text("la duración «{value}» es demasiado larga (máximo 10 años).",
                 "the duration '{value}' is too long (at most 10 years).")
_BAD_SINCE = Text(
    "«{value}» no es una duración (30m, 2h, 7d) ni una fecha (2026-11-25, 2026-11-25T14:30, "
    "hoy, ayer).",
    "'{value}' is neither a duration (30m, 2h, 7d) nor a date (2026-11-25, 2026-11-25T14:30, "
    "today, yesterday).",
)
_FUTURE = Text("«{value}» está en el futuro.", "'{value}' is in the future.")


def _error(template: Text, value: str, option: str | None) -> UsageError:
    shown = value if len(value) <= 40 else value[:40] + "…"
    text = template.format(value=shown)
    if option:
        text = Text(f"{option}: {text.es}", f"{option}: {text.en}")
    return UsageError(text)


def parse_duration(text: str, *, option: str | None = None) -> timedelta:
    """`30m`, `2h`, `7d`, `1h30m`, `90s`, `1.5h`, `2 horas`, ISO 8601 `PT15M`; never negative.

    A bare number is refused rather than guessed: "10" could mean seconds or minutes.
    """
    value = text.strip().lower()
    compact = value.replace(" ", "")
    iso = _ISO.fullmatch(compact)
    if iso and compact not in ("p", "pt") and not compact.endswith("t"):
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in iso.groups())
        try:
            total = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes,
                              seconds=seconds)
        except OverflowError:
            raise _error(_TOO_LONG, text, option) from None
        return _bounded(total, text, option)
    total = timedelta()
    position = 0
    for part in _PART.finditer(value):
        if value[position:part.start()].strip(" ,y") or part.group(2) not in _UNITS:
            raise _error(_BAD_DURATION, text, option)
        amount = float(part.group(1).replace(",", ".")) * _UNITS[part.group(2)].total_seconds()
        if amount > MAX_DURATION.total_seconds():
            raise _error(_TOO_LONG, text, option)
        total += timedelta(seconds=amount)
        position = part.end()
    if position == 0 or value[position:].strip():
        raise _error(_BAD_DURATION, text, option)
    return _bounded(total, text, option)


def _bounded(total: timedelta, text: str, option: str | None) -> timedelta:
    if total > MAX_DURATION:
        raise _error(_TOO_LONG, text, option)
    return total


def parse_since(text: str, now: datetime, *, option: str | None = None) -> datetime:
    """A moment in the past: a duration back from `now`, `today`/`hoy`, `yesterday`/`ayer`,
    or an ISO date or date-time; without a zone it is read in `now`'s zone."""
    value = text.strip()
    zone = now.tzinfo
    if value.lower() in _TODAY:
        day = now.date() - timedelta(days=_TODAY[value.lower()])
        return datetime.combine(day, time(), tzinfo=zone)
    if value[:1].isdigit() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            moment = datetime.combine(date.fromisoformat(value), time(), tzinfo=zone)
        except ValueError:
            raise _error(_BAD_SINCE, text, option) from None
    elif re.match(r"\d{4}-\d{2}-\d{2}[T ]", value):
        try:
            moment = datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            raise _error(_BAD_SINCE, text, option) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
    else:
        try:
            return now - parse_duration(value)
        except UsageError:
            raise _error(_BAD_SINCE, text, option) from None
    if moment > now:
        raise _error(_FUTURE, text, option)
    return moment


def human(span: timedelta, lang: Lang) -> str:
    """Two units at most, as a person says it: `45 s`, `5 min 30 s`, `2 h 5 min`, `3 días 2 h`."""
    seconds = round(span.total_seconds())
    if seconds < 0:
        return "-" + human(timedelta(seconds=-seconds), lang)
    if seconds < 60:
        return f"{seconds} s"
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {sec} s" if sec else "")
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h" + (f" {mins} min" if mins else "")
    days, hrs = divmod(hours, 24)
    singular, plural = ("día", "días") if lang is Lang.ES else ("day", "days")
    word = singular if days == 1 else plural
    return f"{days} {word}" + (f" {hrs} h" if hrs else "")


def human_text(span: timedelta) -> Text:
    return Text(human(span, Lang.ES), human(span, Lang.EN))


def moment_text(moment: datetime, now: datetime | None = None) -> Text:
    """A moment in the local time zone (TZ, else the system's), as a person says it:
    `hoy 10:15`, `ayer 18:02`, `25/11/2026 09:30`. JSON keeps ISO 8601 with its offset."""
    here = moment.astimezone()
    today = (now or datetime.now(here.tzinfo)).astimezone().date()
    clock = f"{here:%H:%M}"
    days = (today - here.date()).days
    if days == 0:
        return Text(f"hoy {clock}", f"today {clock}")
    if days == 1:
        return Text(f"ayer {clock}", f"yesterday {clock}")
    return Text(f"{here:%d/%m/%Y} {clock}", f"{here:%Y-%m-%d} {clock}")
