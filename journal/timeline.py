"""The reflection timeline: entries and check-ins gathered into days, weeks or months.

Everything here works with *local calendar dates* in the user's time zone, never with fixed
24-hour or 7×24-hour steps, so daylight-saving changes and year ends need no special cases:

- an entry belongs to the local day of its ``created`` instant (an entry written at 08:00+09:00
  lands on whatever day that instant was here);
- a check-in belongs to its calendar ``day``;
- buckets are calendar-aligned: a day, a week starting on Monday, or a calendar month. ``start``
  is inclusive and ``end`` exclusive.

A requested range is widened to whole buckets: the first bucket is the one containing ``since``
and the last the one containing ``until``, and each bucket counts everything inside it. So a
week cell always means Monday to Sunday, whatever day the range started on.

Ratings are shown for the person's own reflection (DESIGN §6): averages are per sign, never a
total across signs. This module only aggregates: the signs cards' 30-day comparison and streaks
are in recent.py, the command line's table in cli_table.py, shared wording in wording.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any, Final, Literal

from unknot.journal.content import SIGN_IDS
from unknot.journal.errors import InvalidValueError
from unknot.journal.localtime import local_day, local_zone
from unknot.journal.localtime import now as local_now
from unknot.journal.model import CheckIn, Entry

__all__ = [
    "GRANULARITIES",
    "Bucket",
    "Granularity",
    "Timeline",
    "aggregate",
    "bucket_end",
    "bucket_start",
    "parse_granularity",
    "timeline_json",
]

Granularity = Literal["day", "week", "month"]
GRANULARITIES: Final[tuple[Granularity, ...]] = ("day", "week", "month")

_SIGN_INDEX: Final[dict[str, int]] = {sign: n for n, sign in enumerate(SIGN_IDS)}


def parse_granularity(text: str) -> Granularity:
    """``"day"``, ``"week"`` or ``"month"``; anything else is an :class:`InvalidValueError`."""
    value = text.strip().lower()
    if value not in GRANULARITIES:
        raise InvalidValueError(
            f"{text!r} is not a bucket size; valid values are day, week, month")
    return value


# --- calendar arithmetic on local dates --------------------------------------------------------

def bucket_start(day: date, by: Granularity) -> date:
    """The first day of the bucket that contains ``day``: itself, its Monday, or the 1st."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise InvalidValueError(f"{by!r} is not a bucket size; valid values are day, week, month")


def bucket_end(start: date, by: Granularity) -> date:
    """The first day after the bucket that starts on ``start`` (exclusive end)."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + 1, 1, 1) if start.month == 12 else \
            date(start.year, start.month + 1, 1)
    raise InvalidValueError(f"{by!r} is not a bucket size; valid values are day, week, month")


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


# --- the timeline ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Bucket:
    """One cell of the timeline: a day, a week or a month of local dates, ``[start, end)``.

    ``signs`` has all six sign ids (0 when untagged). ``checkin`` holds the average rating per
    sign over the bucket's check-ins, only for signs that were rated (a skipped item is missing,
    never 0), or is ``None`` when the bucket has no check-in. ``mood`` averages the moods of the
    entries that have one, or is ``None``.
    """

    start: date
    end: date
    entries: int
    signs: dict[str, int]
    checkin: dict[str, float] | None
    mood: float | None

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "entries": self.entries,
            "signs": dict(self.signs),
            "checkin": None if self.checkin is None else dict(self.checkin),
            "mood": self.mood,
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    """Buckets covering ``since``..``until`` (both inclusive), in order, empty ones too.

    ``since`` and ``until`` are ``None`` only for an empty journal asked for no dates, and then
    ``buckets`` is empty.
    """

    by: Granularity
    since: date | None
    until: date | None
    buckets: tuple[Bucket, ...]

    def to_json(self) -> dict[str, Any]:
        """The DESIGN §8 shape: ``{"by", "from", "to", "buckets": [...]}``."""
        return {
            "by": self.by,
            "from": None if self.since is None else self.since.isoformat(),
            "to": None if self.until is None else self.until.isoformat(),
            "buckets": [bucket.to_json() for bucket in self.buckets],
        }


def _resolve_range(entry_days: Sequence[date], checkin_days: Sequence[date],
                   since: date | None, until: date | None,
                   today: date) -> tuple[date, date] | None:
    """Fill in a missing end of the range.

    ``since`` defaults to the earliest record (or to ``until`` if that comes first, or is all
    there is); ``until`` defaults to today, or to the latest record if one is dated later, and is
    never before ``since``. With no records and no dates there is no range: ``None``.
    """
    days = [*entry_days, *checkin_days]
    if since is None:
        candidates = days if until is None else [*days, until]
        if not candidates:
            return None
        since = min(candidates)
    if until is None:
        until = max(today, since, *days)
    if since > until:
        raise InvalidValueError(
            f"the range starts on {since.isoformat()}, after it ends on {until.isoformat()}")
    return since, until


def aggregate(entries: Iterable[Entry], checkins: Iterable[CheckIn] = (),
              by: Granularity = "week", since: date | None = None, until: date | None = None,
              *, zone: tzinfo | None = None, today: date | None = None) -> Timeline:
    """Gather entries and check-ins into calendar buckets of local dates.

    ``since``/``until`` are local dates, both inclusive, and are widened to whole buckets; see
    :func:`_resolve_range` for the defaults. ``zone`` defaults to :func:`local_zone`; ``today``
    to the current local date. Raises :class:`InvalidValueError` if ``since`` is after
    ``until`` or ``by`` is not a bucket size.
    """
    zone = zone or local_zone()
    parse_granularity(by)
    entry_list = list(entries)
    checkin_list = list(checkins)
    # One time-zone conversion per entry; everything after this is integer arithmetic.
    entry_days = [local_day(e.created, zone) for e in entry_list]
    checkin_days = [c.day for c in checkin_list]
    resolved = _resolve_range(entry_days, checkin_days, since, until,
                              today if today is not None else local_now().date())
    if resolved is None:
        return Timeline(by, None, None, ())
    since, until = resolved

    first_start = bucket_start(since, by)
    starts = [first_start]
    stop = bucket_end(bucket_start(until, by), by)
    while (following := bucket_end(starts[-1], by)) < stop:
        starts.append(following)
    count = len(starts)

    if by == "month":
        origin = _month_number(first_start)

        def index_of(day: date) -> int:
            return _month_number(day) - origin
    else:
        origin = first_start.toordinal()
        width = 7 if by == "week" else 1

        def index_of(day: date) -> int:
            return (day.toordinal() - origin) // width

    n_signs = len(SIGN_IDS)
    entry_counts = [0] * count
    sign_counts_flat = [0] * (count * n_signs)
    mood_sum = [0] * count
    mood_n = [0] * count
    for entry, day in zip(entry_list, entry_days, strict=True):
        i = index_of(day)
        if not 0 <= i < count:
            continue
        entry_counts[i] += 1
        base = i * n_signs
        for sign in entry.signs:
            sign_counts_flat[base + _SIGN_INDEX[sign]] += 1
        if entry.mood is not None:
            mood_sum[i] += entry.mood
            mood_n[i] += 1

    rating_sum = [0] * (count * n_signs)
    rating_n = [0] * (count * n_signs)
    has_checkin = [False] * count
    for checkin, day in zip(checkin_list, checkin_days, strict=True):
        i = index_of(day)
        if not 0 <= i < count:
            continue
        has_checkin[i] = True
        base = i * n_signs
        for sign, rating in checkin.ratings.items():
            rating_sum[base + _SIGN_INDEX[sign]] += rating
            rating_n[base + _SIGN_INDEX[sign]] += 1

    buckets = []
    for i, start in enumerate(starts):
        base = i * n_signs
        checkin_avg: dict[str, float] | None = None
        if has_checkin[i]:
            # Integer sum divided once: the correctly rounded average, no drift.
            checkin_avg = {sign: rating_sum[base + k] / rating_n[base + k]
                           for k, sign in enumerate(SIGN_IDS) if rating_n[base + k]}
        buckets.append(Bucket(
            start=start,
            end=starts[i + 1] if i + 1 < count else stop,
            entries=entry_counts[i],
            signs=dict(zip(SIGN_IDS, sign_counts_flat[base:base + n_signs], strict=True)),
            checkin=checkin_avg,
            mood=mood_sum[i] / mood_n[i] if mood_n[i] else None,
        ))
    return Timeline(by, since, until, tuple(buckets))


def timeline_json(entries: Iterable[Entry], checkins: Iterable[CheckIn] = (),
                  by: Granularity = "week", since: date | None = None,
                  until: date | None = None, *, zone: tzinfo | None = None,
                  today: date | None = None) -> dict[str, Any]:
    """The ``unknot-cli timeline --json`` document (DESIGN §8), from the same aggregation."""
    return aggregate(entries, checkins, by, since, until, zone=zone, today=today).to_json()
