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
total across signs, and changes are worded "higher", "lower" or "about the same".

Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any, Final, Literal

from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.errors import InvalidValueError
from unknot.journal.exchange import REFLECTION_CAPTION
from unknot.journal.localtime import local_day, local_zone
from unknot.journal.localtime import now as local_now
from unknot.journal.model import MOOD_WORDS, RATING_WORDS, CheckIn, Entry

__all__ = [
    "GRANULARITIES",
    "SHORT_HEADS",
    "Bucket",
    "Granularity",
    "SignChange",
    "Streaks",
    "Timeline",
    "aggregate",
    "bucket_end",
    "bucket_start",
    "change_word",
    "compare_recent",
    "describe_change",
    "format_table",
    "local_day",
    "mood_cell",
    "parse_granularity",
    "sign_counts",
    "streaks",
    "timeline_json",
]

Granularity = Literal["day", "week", "month"]
GRANULARITIES: Final[tuple[Granularity, ...]] = ("day", "week", "month")

#: Short column heads for the six signs (tables, narrow lanes). Neutral words, no labels.
SHORT_HEADS: Final[dict[str, str]] = {
    "others-want-you-out": "others",
    "see-it-through": "see-thru",
    "never-good-enough": "enough",
    "addicted": "without",
    "lost-identity": "self",
    "isolated": "friends",
}

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
    entry_days = [e.created.astimezone(zone).date() for e in entry_list]
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


# --- journaling streaks ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Streaks:
    """Runs of consecutive local days with at least one entry.

    ``current`` counts back from today, or from yesterday when today has no entry yet (the day
    is not over). ``longest`` is the longest run ever, including the current one.
    """

    current: int
    longest: int


def streaks(entries: Iterable[Entry], *, zone: tzinfo | None = None,
            today: date | None = None) -> Streaks:
    zone = zone or local_zone()
    today = today if today is not None else local_now().date()
    days = sorted({e.created.astimezone(zone).toordinal() for e in entries})
    longest = run = 0
    previous = None
    for ordinal in days:
        run = run + 1 if previous is not None and ordinal == previous + 1 else 1
        longest = max(longest, run)
        previous = ordinal
    present = set(days)
    anchor = today.toordinal()
    if anchor not in present:
        anchor -= 1
    current = 0
    while anchor - current in present:
        current += 1
    return Streaks(current=current, longest=longest)


# --- the last 30 days against the 30 before ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class SignChange:
    """How often one sign was tagged in a recent window and in the window just before it."""

    sign: str
    recent: int
    before: int
    margin: int = 1

    @property
    def difference(self) -> int:
        return self.recent - self.before

    @property
    def word(self) -> str:
        return change_word(self.recent, self.before, self.margin)


def change_word(recent: float, before: float, margin: float = 1) -> str:
    """``"higher"``, ``"lower"`` or ``"about the same"`` — never better or worse.

    A difference of at most ``margin`` reads "about the same": one entry more or less in a
    month is not a change worth pointing at.
    """
    difference = recent - before
    if abs(difference) <= margin:
        return "about the same"
    return "higher" if difference > 0 else "lower"


def sign_counts(entries: Iterable[Entry], first: date, last: date,
                zone: tzinfo | None = None) -> dict[str, int]:
    """How many entries were tagged with each sign between two local dates (both inclusive)."""
    zone = zone or local_zone()
    counts = dict.fromkeys(SIGN_IDS, 0)
    for entry in entries:
        if entry.signs and first <= entry.created.astimezone(zone).date() <= last:
            for sign in entry.signs:
                counts[sign] += 1
    return counts


def compare_recent(entries: Iterable[Entry], *, days: int = 30, zone: tzinfo | None = None,
                   today: date | None = None, margin: int = 1) -> tuple[SignChange, ...]:
    """Per sign, in the article's order: tags in ``[today-29, today]`` against
    ``[today-59, today-30]`` (for the default 30 days), as local dates."""
    if days < 1:
        raise InvalidValueError(f"a window of {days} days is too short; use 1 or more")
    zone = zone or local_zone()
    today = today if today is not None else local_now().date()
    recent_first = today - timedelta(days=days - 1)
    before_first = recent_first - timedelta(days=days)
    recent = dict.fromkeys(SIGN_IDS, 0)
    before = dict.fromkeys(SIGN_IDS, 0)
    for entry in entries:
        if not entry.signs:
            continue
        day = entry.created.astimezone(zone).date()
        if recent_first <= day <= today:
            target = recent
        elif before_first <= day < recent_first:
            target = before
        else:
            continue
        for sign in entry.signs:
            target[sign] += 1
    return tuple(SignChange(sign, recent[sign], before[sign], margin) for sign in SIGN_IDS)


def _times(count: int) -> str:
    return "not at all" if count == 0 else "once" if count == 1 else f"{count} times"


def describe_change(change: SignChange, days: int = 30) -> str:
    """One plain sentence, for example "Tagged 4 times in the last 30 days and once in the 30
    days before: higher." It describes counts; it does not judge them."""
    if change.recent == 0 and change.before == 0:
        return f"Not tagged in the last {days} days, nor in the {days} days before."
    return (f"Tagged {_times(change.recent)} in the last {days} days and "
            f"{_times(change.before)} in the {days} days before: {change.word}.")


# --- a readable table (unknot-cli timeline without --json) ------------------------------------

def _sign_cell(count: int, rating: float | None) -> str:
    return str(count) if rating is None else f"{count} ({rating:.1f})"


def mood_cell(mood: float | None) -> str:
    if mood is None:
        return "–"
    text = f"{mood:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def format_table(timeline: Timeline) -> str:
    """One row per bucket: start, entries, the six sign counts (with the check-in average for a
    sign in brackets when it was rated), and mood; with the reflection caption and a legend."""
    lines = [REFLECTION_CAPTION, ""]
    if not timeline.buckets:
        lines.append("No entries or check-ins yet.")
        return "\n".join(lines) + "\n"
    heads = ["start", "entries", *(SHORT_HEADS[s] for s in SIGN_IDS), "mood"]
    rows = [heads]
    for bucket in timeline.buckets:
        rated = bucket.checkin or {}
        rows.append([
            bucket.start.isoformat(),
            str(bucket.entries),
            *(_sign_cell(bucket.signs[s], rated.get(s)) for s in SIGN_IDS),
            mood_cell(bucket.mood),
        ])
    widths = [max(len(row[k]) for row in rows) for k in range(len(heads))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                         strict=True)]
        lines.append("  ".join(cells).rstrip())
    titles = {s.id: s.title for s in load_signs()}
    lines += [
        "",
        "Sign columns count the entries tagged with each sign: "
        + "; ".join(f"{SHORT_HEADS[s]} = {titles[s]}" for s in SIGN_IDS) + ".",
        f"In brackets: the average check-in rating for that sign, 0 {RATING_WORDS[0]} to "
        f"4 {RATING_WORDS[4]}; skipped items are left out.",
        f"Mood: the average of the entries' moods, -2 {MOOD_WORDS[-2]} to "
        f"+2 {MOOD_WORDS[2]}.",
    ]
    return "\n".join(lines) + "\n"
