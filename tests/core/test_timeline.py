"""The reflection timeline's aggregation (journal/timeline.py): buckets and 30 against 30.

The property tests compare `aggregate` with a deliberately naive reference that converts each
entry with `datetime.fromtimestamp` and scans every bucket, and compute averages with Fraction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.journal.cli_table import format_table
from unknot.journal.content import SIGN_IDS
from unknot.journal.errors import InvalidValueError
from unknot.journal.localtime import local_day
from unknot.journal.model import CheckIn, Entry
from unknot.journal.recent import (
    SignChange,
    change_word,
    compare_recent,
    describe_change,
    sign_counts,
)
from unknot.journal.timeline import (
    GRANULARITIES,
    Bucket,
    Granularity,
    aggregate,
    bucket_end,
    bucket_start,
    parse_granularity,
    timeline_json,
)

UTC = timezone.utc
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
ZONES: list[tzinfo] = [UTC, NEW_YORK, BERLIN, ZoneInfo("Asia/Kathmandu"),
                       ZoneInfo("Australia/Lord_Howe"), ZoneInfo("Pacific/Chatham"),
                       timezone(timedelta(hours=-3, minutes=-30))]
WRITTEN_IN: list[tzinfo] = [UTC, NEW_YORK, BERLIN, timezone(timedelta(hours=9)),
                            timezone(timedelta(hours=-11)), ZoneInfo("Pacific/Kiritimati")]
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def entry(created: datetime, signs: tuple[str, ...] = (), mood: int | None = None) -> Entry:
    return Entry.new(created, body="x", signs=signs, mood=mood)


def checkin(day: date, ratings: dict[str, int]) -> CheckIn:
    return CheckIn.new(day, STAMP, ratings=ratings)


def wall(zone: tzinfo, year: int, month: int, day: int, hour: int = 0,
         minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def bucket_of(entries: list[Entry], by: Granularity, zone: tzinfo, created: datetime,
              since: date | None = None, until: date | None = None) -> Bucket:
    timeline = aggregate(entries, (), by, since, until, zone=zone, today=date(2027, 6, 1))
    day = local_day(created, zone)
    (found,) = [b for b in timeline.buckets if b.contains(day)]
    return found


# --- strategies --------------------------------------------------------------------------------

LOW, HIGH = datetime(2025, 11, 1), datetime(2027, 2, 28)
signs_st = st.lists(st.sampled_from(SIGN_IDS), max_size=4).map(tuple)
mood_st = st.none() | st.integers(-2, 2)
created_st = st.datetimes(min_value=LOW, max_value=HIGH, timezones=st.sampled_from(WRITTEN_IN),
                          allow_imaginary=False)
entries_st = st.lists(st.builds(entry, created_st, signs_st, mood_st), max_size=40)
ratings_st = st.dictionaries(st.sampled_from(SIGN_IDS), st.integers(0, 4))
checkins_st = st.lists(st.builds(checkin, st.dates(LOW.date(), HIGH.date()), ratings_st),
                       max_size=12)
optional_day = st.none() | st.dates(date(2025, 10, 1), date(2027, 3, 31))


def reference_day(created: datetime, zone: tzinfo) -> date:
    return datetime.fromtimestamp(created.timestamp(), zone).date()


def reference_bucket(bucket: Bucket, entries: list[Entry], checkins: list[CheckIn],
                     zone: tzinfo) -> dict[str, object]:
    inside = [e for e in entries if bucket.start <= reference_day(e.created, zone) < bucket.end]
    moods = [e.mood for e in inside if e.mood is not None]
    rated = [c for c in checkins if bucket.start <= c.day < bucket.end]
    averages: dict[str, float] | None = None
    if rated:
        averages = {}
        for sign in SIGN_IDS:
            given_ratings = [c.ratings[sign] for c in rated if sign in c.ratings]
            if given_ratings:
                averages[sign] = float(Fraction(sum(given_ratings), len(given_ratings)))
    return {
        "start": bucket.start.isoformat(), "end": bucket.end.isoformat(),
        "entries": len(inside),
        "signs": {s: sum(s in e.signs for e in inside) for s in SIGN_IDS},
        "checkin": averages,
        "mood": float(Fraction(sum(moods), len(moods))) if moods else None,
    }


# --- property tests ----------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(entries=entries_st, checkins=checkins_st, by=st.sampled_from(GRANULARITIES),
       zone=st.sampled_from(ZONES))
def test_every_entry_and_checkin_is_counted_exactly_once(
        entries: list[Entry], checkins: list[CheckIn], by: Granularity, zone: tzinfo) -> None:
    timeline = aggregate(entries, checkins, by, zone=zone, today=date(2026, 6, 1))
    assert sum(b.entries for b in timeline.buckets) == len(entries)
    for sign in SIGN_IDS:
        assert sum(b.signs[sign] for b in timeline.buckets) == sum(sign in e.signs
                                                                   for e in entries)
    for e in entries:
        day = reference_day(e.created, zone)
        assert sum(b.contains(day) for b in timeline.buckets) == 1
    for c in checkins:
        assert sum(b.contains(c.day) for b in timeline.buckets) == 1
    assert sum(b.checkin is not None for b in timeline.buckets) == len(
        {b.start for b in timeline.buckets for c in checkins if b.contains(c.day)})


@settings(max_examples=150, deadline=None)
@given(entries=entries_st, checkins=checkins_st, by=st.sampled_from(GRANULARITIES),
       zone=st.sampled_from(ZONES), first=optional_day, second=optional_day)
def test_buckets_agree_with_a_naive_reference(
        entries: list[Entry], checkins: list[CheckIn], by: Granularity, zone: tzinfo,
        first: date | None, second: date | None) -> None:
    if first is not None and second is not None and first > second:
        first, second = second, first
    timeline = aggregate(entries, checkins, by, first, second, zone=zone,
                         today=date(2026, 6, 1))
    document = timeline.to_json()
    for bucket, shown in zip(timeline.buckets, document["buckets"], strict=True):
        assert shown == reference_bucket(bucket, entries, checkins, zone)


@settings(max_examples=200, deadline=None)
@given(by=st.sampled_from(GRANULARITIES), first=st.dates(date(1999, 1, 1), date(2040, 1, 1)),
       length=st.integers(0, 800))
def test_buckets_are_contiguous_and_calendar_aligned(by: Granularity, first: date,
                                                     length: int) -> None:
    last = first + timedelta(days=length)
    timeline = aggregate([], [], by, first, last, zone=BERLIN)
    buckets = timeline.buckets
    assert buckets[0].contains(first) and buckets[-1].contains(last)
    assert timeline.since == first and timeline.until == last
    for previous, following in zip(buckets, buckets[1:], strict=False):
        assert previous.end == following.start
    for b in buckets:
        assert b.start < b.end
        assert b.start == bucket_start(b.start, by) and b.end == bucket_end(b.start, by)
        if by == "day":
            assert b.end - b.start == timedelta(days=1)
        elif by == "week":
            assert b.start.weekday() == 0 and b.end - b.start == timedelta(days=7)
        else:
            assert b.start.day == 1 and b.end.day == 1
            assert (b.end.year * 12 + b.end.month) - (b.start.year * 12 + b.start.month) == 1
        assert (b.entries, b.checkin, b.mood) == (0, None, None)
        assert b.signs == dict.fromkeys(SIGN_IDS, 0)


@given(day=st.dates(date(1990, 1, 1), date(2060, 12, 31)))
def test_week_starts_on_monday(day: date) -> None:
    start = bucket_start(day, "week")
    assert start.weekday() == 0 and start <= day < start + timedelta(days=7)
    assert bucket_start(day, "month") == date(day.year, day.month, 1)
    assert bucket_start(day, "day") == day


@settings(max_examples=50, deadline=None)
@given(checkins=st.lists(st.builds(checkin, st.just(date(2026, 3, 4)), ratings_st),
                         min_size=1, max_size=8))
def test_checkin_averages_are_exact_and_skipped_items_are_absent(
        checkins: list[CheckIn]) -> None:
    (bucket,) = aggregate([], checkins, "week", date(2026, 3, 2), date(2026, 3, 8),
                          zone=UTC).buckets
    assert bucket.checkin is not None
    rated = {s for c in checkins for s in c.ratings}
    assert set(bucket.checkin) == rated
    for sign in rated:
        values = [c.ratings[sign] for c in checkins if sign in c.ratings]
        assert bucket.checkin[sign] == float(Fraction(sum(values), len(values)))


# --- examples ----------------------------------------------------------------------------------

def test_skipped_items_are_missing_never_zero() -> None:
    checkins = [checkin(date(2026, 3, 3), {"isolated": 4, "addicted": 0}),
                checkin(date(2026, 3, 6), {"isolated": 1})]
    (bucket,) = aggregate([], checkins, "week", date(2026, 3, 2), date(2026, 3, 2),
                          zone=UTC).buckets
    assert bucket.checkin == {"addicted": 0.0, "isolated": 2.5}


def test_a_checkin_where_every_item_was_skipped_gives_an_empty_average() -> None:
    (bucket,) = aggregate([], [checkin(date(2026, 3, 3), {})], "week", date(2026, 3, 2),
                          date(2026, 3, 2), zone=UTC).buckets
    assert bucket.checkin == {}


def test_mood_ignores_entries_without_one() -> None:
    entries = [entry(utc(2026, 3, 3, 12), mood=2), entry(utc(2026, 3, 3, 13), mood=None),
               entry(utc(2026, 3, 3, 14), mood=-1)]
    (bucket,) = aggregate(entries, [], "day", zone=UTC, today=date(2026, 3, 3)).buckets
    assert bucket.mood == 0.5 and bucket.entries == 3
    (bucket,) = aggregate(entries[1:2], [], "day", zone=UTC, today=date(2026, 3, 3)).buckets
    assert bucket.mood is None


def test_an_empty_journal_without_dates_has_no_buckets() -> None:
    timeline = aggregate([], [], "week", zone=UTC, today=date(2026, 3, 3))
    assert timeline.buckets == ()
    assert timeline.to_json() == {"by": "week", "from": None, "to": None, "buckets": []}


def test_an_empty_journal_with_dates_lists_every_bucket_empty() -> None:
    document = timeline_json([], [], "month", date(2026, 1, 15), date(2026, 3, 2), zone=UTC)
    assert [b["start"] for b in document["buckets"]] == ["2026-01-01", "2026-02-01",
                                                          "2026-03-01"]
    assert document["buckets"][-1]["end"] == "2026-04-01"
    assert all(b["entries"] == 0 and b["checkin"] is None and b["mood"] is None
               for b in document["buckets"])


def test_only_from_on_an_empty_journal_runs_to_today() -> None:
    timeline = aggregate([], [], "week", date(2026, 3, 4), zone=UTC, today=date(2026, 3, 20))
    assert timeline.until == date(2026, 3, 20)
    assert [b.start for b in timeline.buckets] == [date(2026, 3, 2), date(2026, 3, 9),
                                                   date(2026, 3, 16)]


def test_defaults_run_from_the_earliest_record_to_today_or_the_latest() -> None:
    entries = [entry(utc(2026, 2, 11, 12)), entry(utc(2026, 2, 20, 12))]
    checkins = [checkin(date(2026, 2, 5), {"isolated": 1})]
    timeline = aggregate(entries, checkins, "week", zone=UTC, today=date(2026, 2, 25))
    assert (timeline.since, timeline.until) == (date(2026, 2, 5), date(2026, 2, 25))
    assert timeline.buckets[0].start == date(2026, 2, 2)
    assert timeline.buckets[-1].start == date(2026, 2, 23)
    # a record dated after today extends the range instead of being dropped
    later = aggregate(entries, checkins, "week", zone=UTC, today=date(2026, 2, 12))
    assert later.until == date(2026, 2, 20)
    assert sum(b.entries for b in later.buckets) == 2


def test_records_outside_the_range_are_left_out() -> None:
    entries = [entry(utc(2026, 2, 27, 12)), entry(utc(2026, 3, 2, 12)),
               entry(utc(2026, 3, 16, 12))]
    timeline = aggregate(entries, [], "week", date(2026, 3, 4), date(2026, 3, 10), zone=UTC)
    assert [(b.start, b.entries) for b in timeline.buckets] == [
        (date(2026, 3, 2), 1), (date(2026, 3, 9), 0)]
    # the range is widened to whole buckets: the Monday entry counts although --from is Wednesday
    assert timeline.since == date(2026, 3, 4)


def test_from_after_to_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="after it ends"):
        aggregate([], [], "day", date(2026, 3, 5), date(2026, 3, 4), zone=UTC)


def test_only_to_before_every_record_gives_the_bucket_of_to() -> None:
    entries = [entry(utc(2026, 5, 5, 12))]
    timeline = aggregate(entries, [], "month", None, date(2026, 3, 4), zone=UTC)
    assert [b.start for b in timeline.buckets] == [date(2026, 3, 1)]
    assert timeline.buckets[0].entries == 0


def test_granularity_is_checked() -> None:
    assert parse_granularity(" Week ") == "week"
    with pytest.raises(InvalidValueError, match="day, week, month"):
        parse_granularity("year")
    with pytest.raises(InvalidValueError):
        aggregate([], [], "year", zone=UTC)  # type: ignore[arg-type]


def test_json_shape_is_exactly_design_section_8() -> None:
    entries = [entry(utc(2026, 1, 6, 12), ("isolated", "addicted"), 1),
               entry(utc(2026, 1, 7, 12), ("isolated",), 0),
               entry(utc(2026, 1, 8, 12), (), None)]
    checkins = [checkin(date(2026, 1, 11), {"isolated": 3})]
    document = timeline_json(entries, checkins, "week", date(2026, 1, 5), date(2026, 1, 18),
                             zone=UTC)
    assert list(document) == ["by", "from", "to", "buckets"]
    assert document["by"] == "week"
    assert (document["from"], document["to"]) == ("2026-01-05", "2026-01-18")
    first, second = document["buckets"]
    assert list(first) == ["start", "end", "entries", "signs", "checkin", "mood"]
    assert first == {"start": "2026-01-05", "end": "2026-01-12", "entries": 3,
                     "signs": {"others-want-you-out": 0, "see-it-through": 0,
                               "never-good-enough": 0, "addicted": 1, "lost-identity": 0,
                               "isolated": 2},
                     "checkin": {"isolated": 3.0}, "mood": 0.5}
    assert list(first["signs"]) == list(SIGN_IDS)
    assert second == {"start": "2026-01-12", "end": "2026-01-19", "entries": 0,
                      "signs": dict.fromkeys(SIGN_IDS, 0), "checkin": None, "mood": None}


# --- time zones: DST, year end, other offsets --------------------------------------------------

# (zone, UTC instant, expected local wall time, expected local day, expected Monday)
DST_CASES = [
    # New York springs forward on Sunday 2026-03-08 (02:00 EST -> 03:00 EDT): a 23-hour day.
    (NEW_YORK, utc(2026, 3, 8, 4, 30), (2026, 3, 7, 23, 30), date(2026, 3, 7), date(2026, 3, 2)),
    (NEW_YORK, utc(2026, 3, 8, 5, 30), (2026, 3, 8, 0, 30), date(2026, 3, 8), date(2026, 3, 2)),
    (NEW_YORK, utc(2026, 3, 8, 6, 59), (2026, 3, 8, 1, 59), date(2026, 3, 8), date(2026, 3, 2)),
    (NEW_YORK, utc(2026, 3, 8, 7, 0), (2026, 3, 8, 3, 0), date(2026, 3, 8), date(2026, 3, 2)),
    (NEW_YORK, utc(2026, 3, 9, 3, 59), (2026, 3, 8, 23, 59), date(2026, 3, 8), date(2026, 3, 2)),
    # Monday 00:30 EDT: a fixed 7x24h week from Monday 2 March 00:00 EST would still be open.
    (NEW_YORK, utc(2026, 3, 9, 4, 30), (2026, 3, 9, 0, 30), date(2026, 3, 9), date(2026, 3, 9)),
    # New York falls back on Sunday 2026-11-01 (02:00 EDT -> 01:00 EST): a 25-hour day.
    (NEW_YORK, utc(2026, 11, 1, 5, 30), (2026, 11, 1, 1, 30), date(2026, 11, 1),
     date(2026, 10, 26)),  # first 01:30 (EDT)
    (NEW_YORK, utc(2026, 11, 1, 6, 30), (2026, 11, 1, 1, 30), date(2026, 11, 1),
     date(2026, 10, 26)),  # second 01:30 (EST)
    # Sunday 23:30 EST: a fixed 7x24h week from Monday 26 October 00:00 EDT has already closed.
    (NEW_YORK, utc(2026, 11, 2, 4, 30), (2026, 11, 1, 23, 30), date(2026, 11, 1),
     date(2026, 10, 26)),
    (NEW_YORK, utc(2026, 11, 2, 5, 30), (2026, 11, 2, 0, 30), date(2026, 11, 2),
     date(2026, 11, 2)),
    # Berlin springs forward on Sunday 2026-03-29 (02:00 CET -> 03:00 CEST).
    (BERLIN, utc(2026, 3, 28, 23, 30), (2026, 3, 29, 0, 30), date(2026, 3, 29),
     date(2026, 3, 23)),
    (BERLIN, utc(2026, 3, 29, 0, 59), (2026, 3, 29, 1, 59), date(2026, 3, 29), date(2026, 3, 23)),
    (BERLIN, utc(2026, 3, 29, 1, 0), (2026, 3, 29, 3, 0), date(2026, 3, 29), date(2026, 3, 23)),
    (BERLIN, utc(2026, 3, 29, 21, 59), (2026, 3, 29, 23, 59), date(2026, 3, 29),
     date(2026, 3, 23)),
    (BERLIN, utc(2026, 3, 29, 22, 30), (2026, 3, 30, 0, 30), date(2026, 3, 30),
     date(2026, 3, 30)),
    # Berlin falls back on Sunday 2026-10-25 (03:00 CEST -> 02:00 CET).
    (BERLIN, utc(2026, 10, 25, 0, 30), (2026, 10, 25, 2, 30), date(2026, 10, 25),
     date(2026, 10, 19)),  # first 02:30 (CEST)
    (BERLIN, utc(2026, 10, 25, 1, 30), (2026, 10, 25, 2, 30), date(2026, 10, 25),
     date(2026, 10, 19)),  # second 02:30 (CET)
    (BERLIN, utc(2026, 10, 25, 22, 30), (2026, 10, 25, 23, 30), date(2026, 10, 25),
     date(2026, 10, 19)),
    (BERLIN, utc(2026, 10, 25, 23, 30), (2026, 10, 26, 0, 30), date(2026, 10, 26),
     date(2026, 10, 26)),
]


@pytest.mark.parametrize("zone, instant, wall_time, day, monday", DST_CASES)
def test_entries_around_dst_changes_land_in_the_right_local_day_and_week(
        zone: tzinfo, instant: datetime, wall_time: tuple[int, ...], day: date,
        monday: date) -> None:
    local = instant.astimezone(zone)
    assert (local.year, local.month, local.day, local.hour, local.minute) == wall_time
    # the same instant, however it was written down, lands in the same buckets
    for written in (instant, local, instant.astimezone(timezone(timedelta(hours=9)))):
        entries = [entry(written)]
        assert bucket_of(entries, "day", zone, written).start == day
        assert bucket_of(entries, "day", zone, written).entries == 1
        week = bucket_of(entries, "week", zone, written, date(2026, 1, 1), date(2026, 12, 31))
        assert (week.start, week.end, week.entries) == (monday, monday + timedelta(days=7), 1)


def test_a_dst_week_around_both_neighbours() -> None:
    # Sunday 23:30 before and Monday 00:30 after the New York spring-forward week boundary
    entries = [entry(wall(NEW_YORK, 2026, 3, 8, 23, 30)), entry(wall(NEW_YORK, 2026, 3, 9, 0, 30))]
    weeks = aggregate(entries, [], "week", date(2026, 3, 2), date(2026, 3, 15),
                      zone=NEW_YORK).buckets
    assert [(b.start, b.entries) for b in weeks] == [(date(2026, 3, 2), 1), (date(2026, 3, 9), 1)]
    days = aggregate(entries, [], "day", date(2026, 3, 8), date(2026, 3, 9), zone=NEW_YORK)
    assert [b.entries for b in days.buckets] == [1, 1]


def test_year_end() -> None:
    late = entry(wall(BERLIN, 2026, 12, 31, 23, 30))
    early = entry(wall(BERLIN, 2027, 1, 1, 0, 30))
    entries = [late, early]
    days = aggregate(entries, [], "day", zone=BERLIN, today=date(2027, 1, 1)).buckets
    assert [(b.start, b.end, b.entries) for b in days] == [
        (date(2026, 12, 31), date(2027, 1, 1), 1), (date(2027, 1, 1), date(2027, 1, 2), 1)]
    months = aggregate(entries, [], "month", zone=BERLIN, today=date(2027, 1, 1)).buckets
    assert [(b.start, b.end, b.entries) for b in months] == [
        (date(2026, 12, 1), date(2027, 1, 1), 1), (date(2027, 1, 1), date(2027, 2, 1), 1)]
    weeks = aggregate(entries, [], "week", zone=BERLIN, today=date(2027, 1, 1)).buckets
    assert [(b.start, b.end, b.entries) for b in weeks] == [
        (date(2026, 12, 28), date(2027, 1, 4), 2)]
    # the same two instants written in UTC still land on the Berlin days
    as_utc = [entry(e.created.astimezone(UTC)) for e in entries]
    assert [b.entries for b in aggregate(as_utc, [], "day", zone=BERLIN,
                                         today=date(2027, 1, 1)).buckets] == [1, 1]


def test_an_entry_written_at_plus_nine_lands_on_the_local_day_of_that_instant() -> None:
    # 08:00 on 10 March in Tokyo is 19:00 on 9 March in New York
    tokyo_morning = datetime(2026, 3, 10, 8, 0, tzinfo=timezone(timedelta(hours=9)))
    timeline = aggregate([entry(tokyo_morning)], [], "day", zone=NEW_YORK,
                         today=date(2026, 3, 10))
    assert timeline.since == date(2026, 3, 9)
    assert [(b.start, b.entries) for b in timeline.buckets] == [(date(2026, 3, 9), 1),
                                                                (date(2026, 3, 10), 0)]
    assert local_day(tokyo_morning, NEW_YORK) == date(2026, 3, 9)
    assert local_day(tokyo_morning, ZoneInfo("Asia/Tokyo")) == date(2026, 3, 10)


def test_the_zone_defaults_to_the_local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    from unknot.journal import localtime

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    localtime.local_zone.cache_clear()
    try:
        timeline = aggregate([entry(utc(2026, 3, 9, 23, 0))], [], "day", today=date(2026, 3, 10))
    finally:
        localtime.local_zone.cache_clear()
    assert [b.start for b in timeline.buckets] == [date(2026, 3, 10)]


# --- the last 30 days against the 30 before ----------------------------------------------------

def test_thirty_against_thirty_windows_are_local_dates_inclusive() -> None:
    today = date(2026, 3, 31)

    def on(days_ago: int, *signs: str) -> Entry:
        d = today - timedelta(days=days_ago)
        return entry(wall(BERLIN, d.year, d.month, d.day, 0, 15), signs)

    entries = [on(0, "isolated"), on(29, "isolated"), on(29, "addicted"),   # recent
               on(30, "isolated"), on(59, "addicted"), on(59, "addicted"),  # before
               on(60, "isolated"), on(-1, "isolated")]                       # neither
    changes = {c.sign: c for c in compare_recent(entries, zone=BERLIN, today=today)}
    assert list(changes) == list(SIGN_IDS)
    assert (changes["isolated"].recent, changes["isolated"].before) == (2, 1)
    assert (changes["addicted"].recent, changes["addicted"].before) == (1, 2)
    assert changes["addicted"].difference == -1
    assert changes["lost-identity"] == SignChange("lost-identity", 0, 0)
    # 00:15 in Berlin is still the previous day in UTC, so every entry moves a day back:
    # tomorrow's comes into the recent window, day 29's into the one before, day 60's drops out
    in_utc = {c.sign: c for c in compare_recent(entries, zone=UTC, today=today)}
    assert (in_utc["isolated"].recent, in_utc["isolated"].before) == (2, 2)
    assert (in_utc["addicted"].recent, in_utc["addicted"].before) == (0, 1)
    assert sign_counts(entries, today - timedelta(days=29), today, BERLIN)["isolated"] == 2


def test_change_words_are_higher_lower_or_about_the_same() -> None:
    assert change_word(5, 2) == "higher"
    assert change_word(2, 5) == "lower"
    assert change_word(3, 3) == "about the same"
    assert change_word(4, 3) == "about the same"
    assert change_word(4, 3, margin=0) == "higher"
    assert describe_change(SignChange("isolated", 4, 1)) == (
        "In the last 30 days, 4 entries named this sign; in the 30 days before, 1 entry: "
        "higher.")


@given(st.integers(0, 60), st.integers(0, 60), st.integers(0, 3))
def test_change_wording_never_judges(recent: int, before: int, margin: int) -> None:
    change = SignChange("isolated", recent, before, margin)
    text = describe_change(change).lower()
    assert change.word in {"higher", "lower", "about the same"}
    for judging in ("better", "worse", "improv", "good", "bad", "score"):
        assert judging not in text


def test_a_window_must_be_at_least_a_day() -> None:
    with pytest.raises(InvalidValueError):
        compare_recent([], days=0, zone=UTC, today=date(2026, 3, 3))


# --- the readable table ------------------------------------------------------------------------

def test_table_has_a_row_per_bucket_and_the_caption() -> None:
    entries = [entry(utc(2026, 1, 6, 12), ("isolated",), 1)]
    checkins = [checkin(date(2026, 1, 11), {"isolated": 3, "addicted": 1})]
    text = format_table(aggregate(entries, checkins, "week", date(2026, 1, 5),
                                  date(2026, 1, 18), zone=UTC))
    lines = text.splitlines()
    assert "for your own reflection" in lines[0] and "not from a tested questionnaire" in lines[0]
    rows = [line for line in lines if line[:4] == "2026"]
    assert [r.split()[0] for r in rows] == ["2026-01-05", "2026-01-12"]
    assert rows[0].split()[1] == "1" and "1 (3.0)" in rows[0] and "0 (1.0)" in rows[0]
    assert rows[0].endswith("+1.0") and rows[1].endswith("–")
    assert "total" not in text.lower() and "score" not in text.lower()


def test_table_for_an_empty_journal() -> None:
    text = format_table(aggregate([], [], "week", zone=UTC, today=date(2026, 1, 1)))
    assert "No entries or check-ins yet." in text
