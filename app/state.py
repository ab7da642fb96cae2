"""The unlocked journal: its entries, its check-ins and its search index, with one owner.

Item models and features read the journal from here; none of them keeps decrypted records of its
own, and none fetches them from another feature. Locking empties it (clear()).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the search index comes with the first unlock: the first screen needs none
    from unknot.journal.model import CheckIn, Entry
    from unknot.journal.search import SearchIndex


def _new_index(entries: Iterable[Entry] = ()) -> SearchIndex:
    from unknot.journal.search import SearchIndex

    return SearchIndex(entries)


class JournalState(QObject):
    """Signals:
        opened(): the journal was unlocked; every entry and check-in is new.
        reloaded(): the journal was read again (after a merge); the entry open in the editor
            may have a newer version.
        entry_put(str): an entry was added or changed (its id).
        entry_removed(str): an entry was deleted (its id).
        checkins_changed(): a check-in was added or changed.
        cleared(): the journal locked; nothing decrypted is left here.
    """

    opened = Signal()
    reloaded = Signal()
    entry_put = Signal(str)
    entry_removed = Signal(str)
    checkins_changed = Signal()
    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[str, Entry] = {}
        self._checkins: dict[str, CheckIn] = {}
        self._index: SearchIndex | None = None
        self._damaged: tuple[str, ...] = ()
        self.is_open = False
        #: Counts every change of the entries (open, lock, put, remove): whoever keeps
        #: something worked out from them can tell it is old with one comparison.
        self.changes = 0

    # --- opening and locking ---------------------------------------------------------------

    def open(self, entries: Iterable[Entry], checkins: Iterable[CheckIn],
             index: SearchIndex | None = None, damaged: Sequence[str] = (), *,
             again: bool = False) -> None:
        """Take what the vault gave. `index`, when given, was built off the GUI thread."""
        self._entries = {e.id: e for e in entries}
        self._checkins = {c.id: c for c in checkins}
        self._index = index if index is not None else _new_index(self._entries.values())
        self._damaged = tuple(damaged)
        self.is_open = True
        self.changes += 1
        (self.reloaded if again else self.opened).emit()

    def clear(self) -> None:
        """Drop every decrypted record (the journal locked)."""
        self._entries = {}
        self._checkins = {}
        self._index = None
        self._damaged = ()
        self.is_open = False
        self.changes += 1
        self.cleared.emit()

    # --- entries -----------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def entry(self, entry_id: str) -> Entry | None:
        return self._entries.get(entry_id)

    def put_entry(self, entry: Entry) -> None:
        if not self.is_open:
            return
        self._entries[entry.id] = entry
        self._search.update(entry)
        self.changes += 1
        self.entry_put.emit(entry.id)

    def remove_entry(self, entry_id: str) -> None:
        if self._entries.pop(entry_id, None) is None:
            return
        self._search.remove(entry_id)
        self.changes += 1
        self.entry_removed.emit(entry_id)

    @property
    def damaged(self) -> tuple[str, ...]:
        """Ids of records that could not be read when the journal opened."""
        return self._damaged

    # --- search ------------------------------------------------------------------------------

    @property
    def _search(self) -> SearchIndex:
        if self._index is None:
            self._index = _new_index()
        return self._index

    @property
    def search_version(self) -> int:
        """Changes whenever an entry changes: a cached search result can tell it is old."""
        return self._search.version

    def matching(self, terms: Sequence[str]) -> set[str]:
        """Ids of the entries that contain every search term."""
        return self._search.matching(terms)

    # --- check-ins ---------------------------------------------------------------------------

    def checkins(self) -> list[CheckIn]:
        """Newest week first."""
        return sorted(self._checkins.values(), key=lambda c: (c.day, c.updated), reverse=True)

    def put_checkin(self, checkin: CheckIn) -> None:
        if not self.is_open:
            return
        self._checkins[checkin.id] = checkin
        self.checkins_changed.emit()
