"""Search runs over decrypted entries in memory: there is no plaintext index on disk."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from unknot.journal.model import Entry
from unknot.journal.query import matches


@cache
def _combining_marks() -> re.Pattern[str]:
    """A pattern matching the combining marks (accents) of the Basic Multilingual Plane, built
    once as a character class of ranges, so removing them runs in C."""
    marks = [cp for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))]
    ranges: list[tuple[int, int]] = []
    for cp in marks:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile(f"[{body}]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for matching."""
    if text.isascii():
        return text.lower()  # the common case, and casefold() of ASCII is lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return _combining_marks().sub("", decomposed)


def entry_haystack(entry: Entry) -> str:
    return fold("\n".join((entry.title, entry.body, " ".join(entry.tags))))


_VERSIONS = itertools.count(1)  # unique across every index in the process


class SearchIndex:
    """Folded text of each entry, kept in memory while the vault is unlocked, so each keystroke
    is one pass of substring tests. Dropped on lock with everything else."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._text: dict[str, str] = {e.id: entry_haystack(e) for e in entries}
        self.version = next(_VERSIONS)  # new on every change: cached results can tell they are old

    def update(self, entry: Entry) -> None:
        self._text[entry.id] = entry_haystack(entry)
        self.version = next(_VERSIONS)

    def remove(self, entry_id: str) -> None:
        self._text.pop(entry_id, None)
        self.version = next(_VERSIONS)

    def clear(self) -> None:
        self._text.clear()
        self.version = next(_VERSIONS)

    def matching(self, terms: Sequence[str]) -> set[str]:
        """Ids of the entries that contain every term: one pass over the folded texts."""
        if not terms:
            return set(self._text)
        first, *rest = terms
        return {entry_id for entry_id, text in self._text.items()
                if first in text and all(term in text for term in rest)}

    def matches(self, entry_id: str, terms: Sequence[str]) -> bool:
        text = self._text.get(entry_id, "")
        return all(term in text for term in terms)


def query_terms(query: str) -> list[str]:
    return [fold(t) for t in query.split() if t.strip()]


def search(entries: Iterable[Entry], query: str, *, signs: Iterable[str] = (),
           since: date | None = None, until: date | None = None) -> list[Entry]:
    """Entries whose title, body or tags contain every word of `query` (any case and accent),
    tagged with every sign in `signs`, and created within [since, until] (local dates)."""
    terms = query_terms(query)
    wanted = frozenset(signs)
    found = []
    for entry in entries:
        if not matches(entry, since=since, until=until, signs=wanted):
            continue
        if terms:
            text = entry_haystack(entry)
            if not all(t in text for t in terms):
                continue
        found.append(entry)
    return found

