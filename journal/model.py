"""The two kinds of record a person keeps in Unknot: journal entries and weekly check-ins.

Both are plain frozen dataclasses. They know how to check their own values and how to turn
themselves into the JSON that is encrypted into a vault record (and back).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from unknot.journal.content import SIGN_IDS
from unknot.journal.errors import InvalidValueError

MOOD_RANGE = range(-2, 3)
MOOD_WORDS = {-2: "Very low", -1: "Low", 0: "Okay", 1: "Good", 2: "Very good"}
RATING_RANGE = range(0, 5)
RATING_WORDS = {0: "Not at all", 1: "A little bit", 2: "Somewhat", 3: "Quite a bit", 4: "Very much"}


def new_record_id() -> str:
    """An opaque random id: 128 bits, hex. It says nothing about the record."""
    return secrets.token_hex(16)


def check_sign(sign_id: str) -> str:
    if sign_id not in SIGN_IDS:
        raise InvalidValueError(
            f"unknown sign id {sign_id!r}; valid ids are: {', '.join(SIGN_IDS)}"
        )
    return sign_id


def check_mood(mood: int | None) -> int | None:
    if mood is not None and (isinstance(mood, bool) or mood not in MOOD_RANGE):
        raise InvalidValueError(
            f"mood {mood!r} is outside -2..+2; valid values are -2, -1, 0, 1, 2"
        )
    return mood


def check_rating(sign_id: str, rating: int) -> int:
    if isinstance(rating, bool) or rating not in RATING_RANGE:
        raise InvalidValueError(
            f"rating {rating!r} for {sign_id} is outside 0-4; valid values are 0, 1, 2, 3, 4"
        )
    return rating


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValueError("a timestamp without a time zone cannot be stored")
    return moment


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = tag.strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def _clean_signs(signs: Iterable[str]) -> tuple[str, ...]:
    chosen = {check_sign(s) for s in signs}
    return tuple(s for s in SIGN_IDS if s in chosen)


@dataclass(frozen=True)
class Entry:
    """One journal entry. Signs are kept in the article's order; tags in the order given."""

    id: str
    created: datetime
    updated: datetime
    title: str = ""
    body: str = ""
    signs: tuple[str, ...] = ()
    mood: int | None = None
    tags: tuple[str, ...] = ()
    prompt: str = ""  # the prompt it was written for ("Write about this…"), kept with it

    def __post_init__(self) -> None:
        _aware(self.created)
        _aware(self.updated)
        object.__setattr__(self, "signs", _clean_signs(self.signs))
        object.__setattr__(self, "tags", _clean_tags(self.tags))
        check_mood(self.mood)

    @classmethod
    def new(cls, now: datetime, **fields: Any) -> Entry:
        return cls(id=new_record_id(), created=now, updated=now, **fields)

    def edited(self, now: datetime, **changes: Any) -> Entry:
        return replace(self, updated=now, **changes)

    @property
    def display_title(self) -> str:
        """The title, or the first line of the body when there is no title."""
        if self.title.strip():
            return self.title.strip()
        for line in self.body.splitlines():
            line = line.strip().lstrip("#").strip()
            if line:
                return line[:80]
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "title": self.title,
            "body": self.body,
            "signs": list(self.signs),
            "mood": self.mood,
            "tags": list(self.tags),
            "prompt": self.prompt,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        mood = data.get("mood")
        return cls(
            id=str(data["id"]),
            created=datetime.fromisoformat(str(data["created"])),
            updated=datetime.fromisoformat(str(data["updated"])),
            title=str(data.get("title", "")),
            body=str(data.get("body", "")),
            signs=tuple(str(s) for s in data.get("signs", ())),
            mood=None if mood is None else int(mood),
            tags=tuple(str(t) for t in data.get("tags", ())),
            prompt=str(data.get("prompt", "") or ""),
        )


@dataclass(frozen=True)
class CheckIn:
    """One weekly check-in: a 0-4 rating per sign that was rated (a skipped sign is absent,
    never 0), and an optional note. `day` is the calendar date it belongs to."""

    id: str
    day: date
    created: datetime
    updated: datetime
    ratings: Mapping[str, int] = field(default_factory=dict)
    note: str = ""

    def __post_init__(self) -> None:
        _aware(self.created)
        _aware(self.updated)
        ratings = {check_sign(s): check_rating(s, r) for s, r in self.ratings.items()}
        object.__setattr__(self, "ratings", {s: ratings[s] for s in SIGN_IDS if s in ratings})

    @classmethod
    def new(cls, day: date, now: datetime, **fields: Any) -> CheckIn:
        return cls(id=new_record_id(), day=day, created=now, updated=now, **fields)

    def edited(self, now: datetime, **changes: Any) -> CheckIn:
        return replace(self, updated=now, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "ratings": dict(self.ratings),
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckIn:
        return cls(
            id=str(data["id"]),
            day=date.fromisoformat(str(data["date"])),
            created=datetime.fromisoformat(str(data["created"])),
            updated=datetime.fromisoformat(str(data["updated"])),
            ratings={str(k): int(v) for k, v in dict(data.get("ratings", {})).items()},
            note=str(data.get("note", "")),
        )


Record = Entry | CheckIn


def record_to_payload(record: Record) -> dict[str, Any]:
    kind = "entry" if isinstance(record, Entry) else "checkin"
    return {"kind": kind, **record.to_json()}


def record_from_payload(payload: Mapping[str, Any]) -> Record:
    kind = payload.get("kind")
    if kind == "entry":
        return Entry.from_json(payload)
    if kind == "checkin":
        return CheckIn.from_json(payload)
    raise ValueError(f"unknown record kind {kind!r}")
