"""Sample data for `unknot --demo` (journal/demo.py): deterministic, valid, plainly marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from unknot.journal.content import SIGN_IDS
from unknot.journal.demo import SAMPLE_TAG, SAMPLE_TITLE_PREFIX, demo_records
from unknot.journal.localtime import local_day
from unknot.journal.model import CheckIn, Entry, record_from_payload, record_to_payload
from unknot.journal.timeline import Bucket, aggregate

TODAY = date(2026, 5, 10)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def year() -> tuple[list[Entry], list[CheckIn]]:
    return demo_records(TODAY, zone=BERLIN)


def test_deterministic_for_a_seed(year: tuple[list[Entry], list[CheckIn]]) -> None:
    assert demo_records(TODAY, zone=BERLIN) == year
    other_entries, _ = demo_records(TODAY, seed=8, zone=BERLIN)
    assert [e.title for e in other_entries] != [e.title for e in year[0]]


def test_ids_are_valid_and_unique(year: tuple[list[Entry], list[CheckIn]]) -> None:
    entries, checkins = year
    records: list[Entry | CheckIn] = [*entries, *checkins]
    ids = [r.id for r in records]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_values_are_in_range(year: tuple[list[Entry], list[CheckIn]]) -> None:
    entries, checkins = year
    assert all(e.mood is None or -2 <= e.mood <= 2 for e in entries)
    assert all(set(e.signs) <= set(SIGN_IDS) for e in entries)
    assert all(0 <= r <= 4 for c in checkins for r in c.ratings.values())
    assert all(set(c.ratings) <= set(SIGN_IDS) for c in checkins)
    assert {e.mood for e in entries} == {None, -2, -1, 0, 1, 2}
    # every record survives the vault's own encoding unchanged
    sample: list[Entry | CheckIn] = [*entries[:20], *checkins[:5]]
    for record in sample:
        assert record_from_payload(record_to_payload(record)) == record


def test_everything_is_marked_as_sample(year: tuple[list[Entry], list[CheckIn]]) -> None:
    entries, checkins = year
    assert all(e.title.startswith(SAMPLE_TITLE_PREFIX) for e in entries)
    assert SAMPLE_TITLE_PREFIX == "Sample: "
    assert all(SAMPLE_TAG in e.tags for e in entries) and SAMPLE_TAG == "sample"
    assert all("Sample" in e.body for e in entries)
    assert all("Sample" in c.note for c in checkins)


def test_spans_the_weeks_ending_today(year: tuple[list[Entry], list[CheckIn]]) -> None:
    entries, checkins = year
    first = TODAY - timedelta(days=52 * 7 - 1)
    days = [local_day(e.created, BERLIN) for e in entries]
    assert min(days) >= first and max(days) <= TODAY
    assert days == sorted(days)
    assert 200 <= len(entries) <= 500
    assert len(checkins) == 52
    assert checkins[-1].day == TODAY
    assert [c.day for c in checkins] == [TODAY - timedelta(days=7 * k) for k in range(51, -1, -1)]
    short, weekly = demo_records(TODAY, weeks=4, zone=BERLIN)
    assert len(weekly) == 4 and all(local_day(e.created, BERLIN) >= TODAY - timedelta(days=27)
                                    for e in short)


def test_some_items_are_skipped(year: tuple[list[Entry], list[CheckIn]]) -> None:
    _, checkins = year
    skipped = sum(len(SIGN_IDS) - len(c.ratings) for c in checkins)
    assert 0 < skipped < len(checkins) * len(SIGN_IDS) // 3


def test_signs_and_mood_change_over_the_year(year: tuple[list[Entry], list[CheckIn]]) -> None:
    entries, checkins = year
    months = aggregate(entries, checkins, "month", zone=BERLIN, today=TODAY).buckets
    early, late = months[1:5], months[-5:-1]

    def tagged(buckets: Sequence[Bucket], sign: str) -> int:
        return sum(b.signs[sign] for b in buckets)

    fading = [s for s in SIGN_IDS if tagged(late, s) < tagged(early, s)]
    rising = [s for s in SIGN_IDS if tagged(late, s) > tagged(early, s)]
    assert "others-want-you-out" in fading and "lost-identity" in rising

    def mood(buckets: Sequence[Bucket]) -> float:
        values = [b.mood for b in buckets if b.mood is not None]
        return sum(values) / len(values)

    assert mood(late) > mood(early)


def test_times_are_local_and_valid_across_dst() -> None:
    new_york = ZoneInfo("America/New_York")
    entries, checkins = demo_records(date(2026, 3, 20), weeks=3, zone=new_york)
    for e in entries:
        local = e.created.astimezone(new_york)
        assert local.utcoffset() == e.created.utcoffset()
        assert 7 <= local.hour <= 23
    fixed = timezone(timedelta(hours=5, minutes=30))
    assert demo_records(TODAY, weeks=2, zone=fixed)[0][0].created.utcoffset() == \
        timedelta(hours=5, minutes=30)


def test_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError):
        demo_records(TODAY, weeks=0)
