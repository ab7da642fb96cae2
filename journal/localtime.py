"""The user's local time zone, and reading dates and times as a person writes them.

The zone is the one the computer is set to, found by `tzlocal` on Linux, macOS and Windows: the
`TZ` variable when it names a zone (``TZ=Europe/Berlin``, ``TZ=:Europe/Berlin`` or a path to a
zone file), else the system's setting (``/etc/localtime`` and friends, or Windows' own). Zones
come from the system's database, or from the `tzdata` package where the system has none
(Windows, slim containers), so summer and winter time are always right: there is no fixed-offset
stand-in. A local time that does not exist (the spring-forward gap) moves forward; an ambiguous
one (the fall-back hour) takes its first occurrence.
"""

from __future__ import annotations

import logging
import warnings
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from unknot.journal.errors import InvalidValueError

log = logging.getLogger(__name__)


@cache
def local_zone() -> tzinfo:
    """The computer's time zone, read once (``local_zone.cache_clear()`` reads it again)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        zone = _configured_zone()
    for warning in caught:  # e.g. /etc/timezone and /etc/localtime disagree
        log.warning("time zone: %s", warning.message)
    return zone


def _configured_zone() -> tzinfo:
    try:
        return tzlocal.reload_localzone()
    except ZoneInfoNotFoundError as exc:
        # TZ holds something that is not a zone's name (a POSIX rule such as "CET-1CEST"), or
        # the system's settings contradict each other.
        log.warning("time zone: %s", str(exc.args[0] if exc.args else exc).splitlines()[0])
    return _system_zone()


def _system_zone() -> tzinfo:
    """The zone the system's settings name (tzlocal reads them when TZ names no zone), else
    /etc/localtime as it is; UTC only when nothing is set, as the C library does then."""
    try:
        name = tzlocal.get_localzone_name()
    except ZoneInfoNotFoundError:
        name = None
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        log.warning("time zone: none is set on this computer; using UTC, as the system does")
        return ZoneInfo("UTC")


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
