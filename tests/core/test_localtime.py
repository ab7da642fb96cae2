"""The local time zone comes from tzlocal, with tzdata behind it: summer time is right wherever
Unknot runs, whether the zone is named by TZ or by the system's settings."""

from __future__ import annotations

import logging
import time
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import tzlocal

from unknot.journal import localtime

BERLIN = "Europe/Berlin"
SUMMER = timedelta(hours=2)
WINTER = timedelta(hours=1)


@pytest.fixture
def zone_from(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str | None], tzinfo]]:
    """Set TZ (None: unset) for this process and its C library, and read the zone again."""

    def use(value: str | None) -> tzinfo:
        if value is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", value)
        if hasattr(time, "tzset"):
            time.tzset()
        localtime.local_zone.cache_clear()
        return localtime.local_zone()

    yield use
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()
    localtime.local_zone.cache_clear()


@pytest.mark.parametrize("value", [BERLIN, f":{BERLIN}"])
def test_a_zone_named_by_tz_is_used(zone_from: Callable[[str | None], tzinfo],
                                    value: str) -> None:
    zone = zone_from(value)
    assert isinstance(zone, ZoneInfo) and zone.key == BERLIN


def test_a_july_date_in_berlin_is_summer_time(zone_from: Callable[[str | None], tzinfo]) -> None:
    """Found: with no IANA zone found, a July entry got +01:00 (a fixed offset) instead of
    +02:00."""
    zone_from(BERLIN)
    july = localtime.parse_datetime("2026-07-14T21:30")
    assert july.utcoffset() == SUMMER
    assert july.isoformat() == "2026-07-14T21:30:00+02:00"
    assert localtime.parse_datetime("2026-01-14T21:30").utcoffset() == WINTER
    assert localtime.start_of_day(localtime.parse_date("2026-07-14")).utcoffset() == SUMMER


def test_a_zone_file_named_by_tz_is_used(zone_from: Callable[[str | None], tzinfo]) -> None:
    path = Path("/usr/share/zoneinfo", BERLIN)
    if not path.is_file():
        pytest.skip("this system has no zone database of its own")
    zone = zone_from(str(path))
    assert datetime(2026, 7, 14, 12, tzinfo=zone).utcoffset() == SUMMER


def test_without_tz_the_systems_setting_is_used(
        zone_from: Callable[[str | None], tzinfo]) -> None:
    zone = zone_from(None)
    assert isinstance(zone, ZoneInfo), "a real zone, never a fixed offset"
    name = tzlocal.get_localzone_name()
    if name is not None:
        assert ZoneInfo(name).utcoffset(datetime(2026, 7, 14)) == zone.utcoffset(
            datetime(2026, 7, 14))


def test_a_posix_rule_in_tz_falls_back_to_the_system_zone_and_says_so(
        zone_from: Callable[[str | None], tzinfo], caplog: pytest.LogCaptureFixture) -> None:
    system = zone_from(None)
    with caplog.at_level(logging.WARNING, logger="unknot.journal.localtime"):
        zone = zone_from("CET-1CEST,M3.5.0,M10.5.0/3")
    assert isinstance(zone, ZoneInfo), "a real zone, never a fixed offset"
    assert zone.utcoffset(datetime(2026, 7, 14)) == system.utcoffset(datetime(2026, 7, 14))
    assert "time zone" in caplog.text


def test_zones_come_from_tzdata_where_the_system_has_none() -> None:
    """Windows and slim containers have no /usr/share/zoneinfo: the tzdata package answers."""
    zoneinfo.reset_tzpath(to=[])
    try:
        zone = ZoneInfo.no_cache(BERLIN)
        assert datetime(2026, 7, 14, 12, tzinfo=zone).utcoffset() == SUMMER
    finally:
        zoneinfo.reset_tzpath()


def test_the_spring_gap_moves_forward_and_the_autumn_hour_takes_the_first() -> None:
    berlin = ZoneInfo(BERLIN)
    gap = localtime.localize(datetime(2026, 3, 29, 2, 30), berlin)
    assert (gap.hour, gap.minute, gap.utcoffset()) == (3, 30, SUMMER)
    repeated = localtime.localize(datetime(2026, 10, 25, 2, 30), berlin)
    assert (repeated.hour, repeated.utcoffset()) == (2, SUMMER)


def test_local_day_is_the_zones_calendar_date() -> None:
    late = datetime.fromisoformat("2026-07-14T23:30+00:00")
    assert localtime.local_day(late, ZoneInfo(BERLIN)).isoformat() == "2026-07-15"
