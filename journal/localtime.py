"""The user's local time zone, and reading dates and times as a person writes them.

A local time that does not exist (the spring-forward gap) moves forward; an ambiguous one (the
fall-back hour) takes its first occurrence. `TZ` is honoured.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from unknot.journal.errors import InvalidValueError


@cache
def local_zone() -> tzinfo:
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        fallback = datetime.now().astimezone().tzinfo
        assert fallback is not None
        return fallback


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The local calendar date of an instant (the instant's own offset does not matter)."""
    return moment.astimezone(zone or local_zone()).date()


def now() -> datetime:
    return datetime.now(local_zone())


def localize(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """Attach the local zone to a wall-clock time: gaps move forward, repeats take the first."""
    zone = zone or local_zone()
    first = naive.replace(tzinfo=zone, fold=0)
    # A time in the gap does not survive a round trip through UTC: it comes back moved forward.
    return first.astimezone(timezone.utc).astimezone(zone)


def parse_datetime(text: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it means local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidValueError(
            f"{text!r} is not an ISO 8601 date or time (for example 2026-03-14 or "
            "2026-03-14T21:30 or 2026-03-14T21:30+01:00)"
        ) from exc
    if moment.tzinfo is None:
        return localize(moment)
    return moment


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidValueError(
            f"{text!r} is not a calendar date; write it as YYYY-MM-DD, for example 2026-03-14"
        ) from exc


def start_of_day(day: date, zone: tzinfo | None = None) -> datetime:
    return localize(datetime(day.year, day.month, day.day), zone)


def end_of_day(day: date, zone: tzinfo | None = None) -> datetime:
    """The first instant of the next day (exclusive end)."""
    return start_of_day(day + timedelta(days=1), zone)
