"""The signs cards' comparison: how often each sign was tagged in the last 30 days against the
30 days before. Local calendar dates throughout (see query.py).

Changes are worded "higher", "lower" or "about the same" — never better or worse (DESIGN §6).
Nothing here counts writing as a habit: no streaks, no "days in a row" (someone may write only
when it is safe to).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as dt_time

from unknot.journal import i18n
from unknot.journal.content import SIGN_IDS
from unknot.journal.errors import InvalidValueError
from unknot.journal.localtime import local_day, local_zone
from unknot.journal.localtime import now as local_now
from unknot.journal.model import Entry
from unknot.journal.query import in_range

__all__ = ["SignChange", "change_word", "compare_recent", "describe_change", "sign_counts"]


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
        if entry.signs and in_range(local_day(entry.created, zone), first, last):
            for sign in entry.signs:
                counts[sign] += 1
    return counts


def reach(days: int = 30, *, zone: tzinfo | None = None,
          today: date | None = None) -> tuple[float, float]:
    """The timestamps between which an entry may fall in compare_recent's two windows: their
    local midnights with a day's margin either side, whatever the zone's offsets."""
    zone = zone or local_zone()
    today = today if today is not None else local_now().date()
    before_first = today - timedelta(days=2 * days - 1)
    return ((datetime.combine(before_first, dt_time.min, zone) - timedelta(days=1)).timestamp(),
            (datetime.combine(today, dt_time.max, zone) + timedelta(days=1)).timestamp())


def may_count(entry: Entry, first: float, last: float) -> bool:
    """Whether compare_recent may count `entry` (within `reach()`, with a sign): outside, it
    is out of both windows without working out its local day, which is most of a long journal.
    Timestamps, because aware datetimes of other zones compare several times slower."""
    return bool(entry.signs) and first <= entry.created.timestamp() <= last


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
    first, last = reach(days, zone=zone, today=today)
    for entry in entries:
        if not may_count(entry, first, last):
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


def describe_change(change: SignChange, days: int = 30, language: str = "en") -> str:
    """One plain sentence, for example "In the last 30 days, 4 entries named this sign; in the
    30 days before, 1 entry: higher." It describes counts; it does not judge them. In
    `language` (the window passes its own; see i18n.py)."""
    if change.recent == 0 and change.before == 0:
        return i18n.text("No entry named this sign in the last {days} days, or in the {days} "
                         "days before.", language).format(days=days)
    return i18n.text("In the last {days} days, {recent} named this sign; in the {days} days "
                     "before, {before}: {word}.", language).format(
        days=days, recent=_entries(change.recent, language),
        before=_entries(change.before, language), word=i18n.text(change.word, language))


def _entries(count: int, language: str = "en") -> str:
    if count == 0:
        return i18n.text("no entry", language)
    if count == 1:
        return i18n.text("1 entry", language)
    return i18n.text("{count} entries", language).format(count=count)
