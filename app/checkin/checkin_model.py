"""Past check-ins as an item model, newest first. Shows the week each belongs to, in words
("Week of 1 December 2026"); never how many items were answered (a skip is not "incomplete")
and never the note (it may hold private words)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from unknot.app.i18n import date_words
from unknot.app.state import JournalState
from unknot.journal.model import CheckIn

CheckInRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class CheckInListModel(QAbstractListModel):
    """The unlocked journal's check-ins (app/state.py), newest week first."""

    def __init__(self, state: JournalState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._items: list[CheckIn] = []
        for changed in (state.opened, state.reloaded, state.checkins_changed, state.cleared):
            changed.connect(self._reset)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Week of %s") % date_words(item.day)
        if role == CheckInRole:
            return item
        return None

    def _reset(self) -> None:
        self.beginResetModel()
        self._items = self._state.checkins()
        self.endResetModel()

    def items(self) -> list[CheckIn]:
        return list(self._items)
