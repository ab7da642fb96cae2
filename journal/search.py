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


def _fold_exact(text: str) -> str:
    """The rule: casefold, decompose (NFKD), drop the combining marks of the BMP."""
    if text.isascii():
        return text.lower()  # the common case, and casefold() of ASCII is lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return _combining_marks().sub("", decomposed)


_ASCII_BYTES = bytes(range(128))


def _fold_one(char: str) -> str:
    """`_fold_exact` of one character."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if c > "\uffff" or not unicodedata.combining(c))


def _fold_char(char: str) -> str | None:
    """One character folded, or None where folding it apart from its neighbours could differ:
    beyond the BMP (whose combining marks are kept, and NFKD could reorder them), or when what
    it folds to would fold again."""
    folded = _fold_one(char)
    if char > "\uffff" or any(c > "\uffff" for c in folded):
        return None
    if folded != char and any(c > "\x7f" and _fold_one(c) != c for c in folded):
        return None
    return folded


Memo = dict[str, str | None]  # characters folded while an index is built, then dropped


def fold(text: str, memo: Memo | None = None) -> str:
    """Case- and accent-insensitive form used for matching: `_fold_exact`, made fast for text
    that is mostly ASCII with a few distinct other characters (most journals).

    casefold works character by character, and so does NFKD once the combining marks are
    dropped (its reordering only moves marks among marks, and ASCII letters are never
    marks), so replacing each distinct non-ASCII character by its own fold gives the same
    text; where that could differ (see `_fold_char`) the exact rule runs instead. `memo`
    keeps the characters already folded (SearchIndex passes one for its build)."""
    if text.isascii():
        return text.lower()
    try:
        raw, codec = text.encode("latin-1"), "latin-1"  # a copy, when nothing is beyond ÿ
    except UnicodeEncodeError:
        try:
            raw, codec = text.encode("utf-8"), "utf-8"
        except UnicodeEncodeError:  # a lone surrogate (from a terminal that is not UTF-8)
            return _fold_exact(text)
    lowered = raw.lower().decode(codec)  # bytes.lower() lowers the ASCII letters only
    memo = {} if memo is None else memo
    for char in set(raw.translate(None, _ASCII_BYTES).decode(codec)):
        folded = memo[char] if char in memo else memo.setdefault(char, _fold_char(char))
        if folded is None:
            return _fold_exact(text)
        if folded != char:
            lowered = lowered.replace(char, folded)
    return lowered


def entry_haystack(entry: Entry, memo: Memo | None = None) -> str:
    return fold("\n".join((entry.title, entry.body, " ".join(entry.tags))), memo)


_VERSIONS = itertools.count(1)  # unique across every index in the process


class SearchIndex:
    """Folded text of each entry, kept in memory while the vault is unlocked, so each keystroke
    is one pass of substring tests. Dropped on lock with everything else."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        memo: Memo = {}  # (dropped with the build: no character of the journal is kept)
        self._text: dict[str, str] = {e.id: entry_haystack(e, memo) for e in entries}
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
        if not rest:  # the usual case while typing: one word so far
            return {entry_id for entry_id, text in self._text.items() if first in text}
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

