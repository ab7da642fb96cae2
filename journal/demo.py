"""Sample entries and check-ins for trying Unknot without writing anything personal.

``unknot --demo`` opens a temporary vault filled with :func:`demo_records`. Everything it makes is
plainly marked as sample data: every title starts with "Sample:", every entry carries the tag
``sample``, and every check-in note says it is a sample. The sentences are neutral and everyday;
they describe no harm.

The records are deterministic for a given ``today``, ``weeks``, ``seed`` and time zone (record
ids too), so tests and screenshots are repeatable. Over the period some signs are tagged less
often and rated lower as time goes on, some more, and mood drifts gently, so the timeline has
something believable to show.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo

from unknot.journal.content import SIGN_IDS
from unknot.journal.localtime import local_zone, localize
from unknot.journal.model import CheckIn, Entry

__all__ = ["SAMPLE_TAG", "SAMPLE_TITLE_PREFIX", "demo_records"]

SAMPLE_TAG = "sample"
SAMPLE_TITLE_PREFIX = "Sample: "
_SAMPLE_NOTE = "(Sample data for the demo; not written by a person.)"

# How present each sign is over the period, from 0 (the start) to 1 (today): a level in 0..1.
_LEVELS: dict[str, Callable[[float], float]] = {
    # fading
    "others-want-you-out": lambda t: 0.75 - 0.55 * t,
    "see-it-through": lambda t: 0.8 - 0.6 * t * t,
    "never-good-enough": lambda t: 0.65 - 0.35 * t,
    # a rise and a fall
    "addicted": lambda t: 0.35 + 0.4 * math.sin(math.pi * t),
    # rising: noticed more as the person reflects
    "lost-identity": lambda t: 0.2 + 0.5 * t,
    "isolated": lambda t: 0.25 + 0.45 * math.sqrt(t),
}

_SIGN_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    "others-want-you-out": (
        ("A talk with my sister", "My sister asked how things are at home. I changed the subject."),
        ("Coffee with a friend", "A friend said she worries about me. I said I was fine."),
    ),
    "see-it-through": (
        ("Thinking it over", "Thought about how long things have felt like this."),
        ("Holding on", "Told myself it will settle down if I wait a bit longer."),
    ),
    "never-good-enough": (
        ("Going over the day", "Spent the evening going over what I could have done differently."),
        ("Trying again", "Made an effort with dinner tonight. It did not seem to count."),
    ),
    "addicted": (
        ("Checking the phone", "Kept checking my phone for a message most of the afternoon."),
        ("A quiet evening", "Could not settle to anything until we had talked."),
    ),
    "lost-identity": (
        ("Old hobbies", "Tried to remember what I used to enjoy on weekends."),
        ("Music", "Found an old playlist and did not recognise half of it as mine."),
    ),
    "isolated": (
        ("An old friend", "Thought about calling an old friend, then didn't."),
        ("Group chat", "Scrolled past the group chat; it has been weeks since I wrote there."),
    ),
}

_EVERYDAY_LINES: tuple[tuple[str, str], ...] = (
    ("Walk after work", "Went for a walk after work and noticed the trees changing."),
    ("Soup", "Made soup and listened to the radio."),
    ("Errands", "Did the shopping and sorted the post."),
    ("Rainy day", "It rained all day. Read a few chapters of a book."),
    ("Early night", "Went to bed early and slept well."),
    ("Work", "A busy day at work. Glad to be home."),
    ("The park", "Sat in the park for a while at lunch."),
    ("Cleaning", "Cleaned the kitchen and opened the windows."),
)


def _record_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _mood_base(t: float) -> float:
    return -0.6 + 1.2 * t


def demo_records(today: date, weeks: int = 52, seed: int = 7, *,
                 zone: tzinfo | None = None) -> tuple[list[Entry], list[CheckIn]]:
    """``weeks`` weeks of sample entries and weekly check-ins, the last ones on ``today``.

    Entries are in date order (oldest first), 0–2 on most days and none on some; check-ins fall
    every 7 days ending on ``today``, with an item skipped now and then. Times are local to
    ``zone`` (default :func:`local_zone`).
    """
    if weeks < 1:
        raise ValueError("weeks must be 1 or more")
    zone = zone or local_zone()
    rng = random.Random(seed)
    days = weeks * 7
    first = today - timedelta(days=days - 1)

    def moment(day: date, hour: int, minute: int) -> datetime:
        return localize(datetime(day.year, day.month, day.day, hour, minute), zone)

    entries: list[Entry] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        t = offset / max(days - 1, 1)
        count = rng.choices((0, 1, 2), weights=(3, 6, 1))[0]
        hours = sorted(rng.sample(range(7, 23), count))
        for hour in hours:
            signs = tuple(s for s in SIGN_IDS if rng.random() < 0.45 * _LEVELS[s](t))
            if signs:
                title, line = rng.choice(_SIGN_LINES[rng.choice(signs)])
            else:
                title, line = rng.choice(_EVERYDAY_LINES)
            mood = None
            if rng.random() < 0.8:
                mood = _clamp(round(_mood_base(t) + rng.gauss(0.0, 0.9)), -2, 2)
            created = moment(day, hour, rng.randrange(60))
            entries.append(Entry(
                id=_record_id(rng), created=created, updated=created,
                title=SAMPLE_TITLE_PREFIX + title,
                body=f"{line}\n\n{_SAMPLE_NOTE}\n",
                signs=signs, mood=mood, tags=(SAMPLE_TAG,),
            ))

    checkins: list[CheckIn] = []
    for week in range(weeks - 1, -1, -1):
        day = today - timedelta(days=7 * week)
        t = (day - first).days / max(days - 1, 1)
        ratings = {}
        for sign in SIGN_IDS:
            if rng.random() < 0.12:
                continue  # skipped: missing, never 0
            level = _LEVELS[sign](t)
            ratings[sign] = _clamp(round(4 * level + rng.gauss(0.0, 0.6)), 0, 4)
        created = moment(day, 20, rng.randrange(60))
        checkins.append(CheckIn(
            id=_record_id(rng), day=day, created=created, updated=created,
            ratings=ratings, note=_SAMPLE_NOTE,
        ))
    return entries, checkins
