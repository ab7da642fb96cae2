"""The entry list: a real item model over decrypted entries, and a proxy that filters it by the
search text, a sign and a date range. Both are emptied when the journal locks."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from unknot.app.i18n import (
    compact_date_time,
    core_text,
    date_time_words,
    date_words,
    ui_language,
)
from unknot.app.state import JournalState
from unknot.journal import query
from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.model import MOOD_WORDS, Entry
from unknot.journal.search import query_terms

IdRole = Qt.ItemDataRole.UserRole + 2
CreatedRole = Qt.ItemDataRole.UserRole + 3
TitleRole = Qt.ItemDataRole.UserRole + 4  # the row's title as plain text
DateRole = Qt.ItemDataRole.UserRole + 5  # "Tue, 1 Dec 2026, 09:30"
SignsRole = Qt.ItemDataRole.UserRole + 6  # the sign ids, in the signs' own order
MoodRole = Qt.ItemDataRole.UserRole + 7  # -2..+2 or None

_TAG = re.compile(r"<[^>]*>")
_MARKS = re.compile(r"^(?:[-*+>]\s+|\d+[.)]\s+)+")


def row_title(entry: Entry) -> str:
    """The title as a list row shows it: plain words. A title the person typed is kept as typed;
    one taken from the body's first line loses its Markdown marks and any HTML tags."""
    if entry.title.strip():
        return entry.title.strip()
    line = _MARKS.sub("", _TAG.sub("", entry.display_title))
    return line.replace("**", "").replace("__", "").replace("`", "").strip()

Index = QModelIndex | QPersistentModelIndex


class EntryListModel(QAbstractListModel):
    """The unlocked journal's entries (app/state.py), newest first. Roles: DisplayRole (title
    and date), TitleRole, DateRole, SignsRole, MoodRole (what the row's delegate paints),
    AccessibleTextRole, IdRole, CreatedRole, ToolTipRole (date, signs and mood only — never the
    body). No
    role hands out the Entry itself: a Python object in a QVariant can outlive the lock. The
    model keeps only the order of the rows; the entries stay with the state."""

    def __init__(self, state: JournalState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._ids: list[str] = []
        self._keys: list[float] = []  # -created timestamp per row: ascending, for bisect
        self._row_cache: dict[str, int] | None = {}
        self._titles: dict[str, str] = {}
        state.opened.connect(self._reset)
        state.reloaded.connect(self._reset)
        state.cleared.connect(self._reset)
        state.entry_put.connect(self._on_state_entry_put)
        state.entry_removed.connect(self._on_state_entry_removed)

    def _sign_titles(self) -> dict[str, str]:
        if not self._titles:
            self._titles = {sign.id: sign.title for sign in load_signs(ui_language())}
        return self._titles

    @property
    def state(self) -> JournalState:
        return self._state

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, TitleRole):
            title = row_title(entry) or self.tr("Untitled")
            if role == TitleRole:
                return title
            return f"{title}\n{compact_date_time(entry.created)}"
        if role == DateRole:
            return compact_date_time(entry.created)
        if role == SignsRole:
            return tuple(s for s in SIGN_IDS if s in entry.signs)
        if role == MoodRole:
            return entry.mood
        if role == Qt.ItemDataRole.AccessibleTextRole:
            words = [row_title(entry) or self.tr("Untitled"),
                     date_words(entry.created.astimezone().date())]
            signs = [self._sign_titles()[s] for s in SIGN_IDS if s in entry.signs]
            if signs:
                words.append(self.tr("Signs: %s") % "; ".join(signs))
            if entry.mood is not None:
                words.append(self.tr("Mood: %s") % core_text(MOOD_WORDS[entry.mood]))
            return ", ".join(words)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [date_time_words(entry.created)]
            if entry.mood is not None:
                parts.append(self.tr("Mood: %s") % core_text(MOOD_WORDS[entry.mood]))
            return "\n".join(parts)
        if role == IdRole:
            return entry.id
        if role == CreatedRole:
            return entry.created.timestamp()
        return None

    @property
    def _rows(self) -> dict[str, int]:
        """Row of each entry id, rebuilt lazily after inserts and removals."""
        if self._row_cache is None:
            self._row_cache = {entry_id: n for n, entry_id in enumerate(self._ids)}
        return self._row_cache

    def _reset(self) -> None:
        self.beginResetModel()
        entries = sorted(self._state.entries(), key=lambda e: e.created, reverse=True)
        self._ids = [e.id for e in entries]
        self._keys = [-e.created.timestamp() for e in entries]
        self._row_cache = None
        self.endResetModel()

    def entry(self, entry_id: str) -> Entry | None:
        return self._state.entry(entry_id) if entry_id in self._rows else None

    def index_of(self, entry_id: str) -> QModelIndex:
        row = self._rows.get(entry_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def _on_state_entry_put(self, entry_id: str) -> None:
        row = self._rows.get(entry_id)
        if row is not None:
            changed = self.index(row, 0)
            self.dataChanged.emit(changed, changed)
            return
        entry = self._state.entry(entry_id)
        if entry is None:
            return
        key = -entry.created.timestamp()
        position = bisect.bisect_right(self._keys, key)
        self.beginInsertRows(QModelIndex(), position, position)
        self._ids.insert(position, entry_id)
        self._keys.insert(position, key)
        self._row_cache = None
        self.endInsertRows()

    def _on_state_entry_removed(self, entry_id: str) -> None:
        row = self._rows.get(entry_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        del self._keys[row]
        self._row_cache = None
        self.endRemoveRows()

    def entries(self) -> list[Entry]:
        """The entries in the list's order (newest first)."""
        return [e for e in map(self._state.entry, self._ids) if e is not None]

    def entry_at(self, row: int) -> Entry | None:
        return self._state.entry(self._ids[row]) if 0 <= row < len(self._ids) else None


class EntryFilterProxy(QSortFilterProxyModel):
    """Filters by search words (title, body, tags; any case and accent), by sign and by date.
    A filter applies to every entry alike, the one open in the editor included: the list shows
    exactly what matches, and the counts are its own (the controller says when the filter hides
    the open entry; the editor never follows the list's changes).

    Qt asks filterAcceptsRow() about every row, 10,000 times a keystroke at 10,000 entries: the
    entries a filter lets through are found once, as a set of ids, per filter and per change of
    the journal (`JournalState.changes`), and each row's question is one look-up in it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._sign: str | None = None
        self._since: date | None = None
        self._until: date | None = None
        self._accepted: set[str] | None = None  # ids the filters let through, found at once
        self._accepted_for = -1  # the JournalState.changes they were found at

    def _filter_changed(self) -> None:
        self._accepted = None

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = query_terms(text)
        self._filter_changed()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_sign(self, sign_id: str | None) -> None:
        self.beginFilterChange()
        self._sign = sign_id
        self._filter_changed()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_dates(self, since: date | None, until: date | None) -> None:
        self.beginFilterChange()
        self._since, self._until = since, until
        self._filter_changed()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def clear_filters(self) -> None:
        self.beginFilterChange()
        self._terms, self._sign, self._since, self._until = [], None, None, None
        self._filter_changed()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def is_filtering(self) -> bool:
        return bool(self._terms or self._sign or self._since or self._until)

    def _find_accepted(self, state: JournalState) -> set[str]:
        """Every entry the filters let through, in one pass over the journal."""
        matches = state.matching(self._terms) if self._terms else None
        if not (self._sign or self._since or self._until) and matches is not None:
            return matches
        signs = (self._sign,) if self._sign else ()
        return {entry.id for entry in state.entries()
                if (matches is None or entry.id in matches)
                and query.matches(entry, since=self._since, until=self._until, signs=signs)}

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, EntryListModel)
        self._source = model
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not (self._terms or self._sign or self._since or self._until):
            return True
        model = self._source
        state = model.state
        accepted = self._accepted
        if accepted is None or self._accepted_for != state.changes:
            accepted = self._accepted = self._find_accepted(state)
            self._accepted_for = state.changes
        ids = model._ids  # the same module's: this runs for every row, every keystroke
        return source_row < len(ids) and ids[source_row] in accepted
