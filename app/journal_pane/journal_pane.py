"""The Journal pane's layout: search and filters above the entry list, the editor beside it.

The pane's widgets are private. Its controller (journal_pane/controller.py) hears what the person
did through the pane's signals and tells it what to show through its methods; tests find the
widgets by their objectName, as a person finds them by their names (tests/driving.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import ui_language
from unknot.app.journal_pane.editor import EntryEditor, EntryFields
from unknot.app.journal_pane.entry_delegate import EntryRowDelegate
from unknot.app.journal_pane.entry_model import IdRole
from unknot.app.widgets import style
from unknot.journal.content import load_signs

#: How many entries the list shows when the window has room (1280×800 and up).
ROWS_SHOWN = 8

DATE_PRESETS = (("any", QT_TRANSLATE_NOOP("JournalPane", "Any time")),
                ("7", QT_TRANSLATE_NOOP("JournalPane", "Past 7 days")),
                ("30", QT_TRANSLATE_NOOP("JournalPane", "Past 30 days")),
                ("365", QT_TRANSLATE_NOOP("JournalPane", "Past year")))


@dataclass(frozen=True)
class Filters:
    """What the filter menus say: a sign id (None: all signs) and a date preset ("any", or a
    number of past days as text: "7", "30", "365")."""

    sign: str | None = None
    dates: str = "any"

    @property
    def days(self) -> int | None:
        """How many past days the date preset shows; None for any time."""
        return None if self.dates == "any" else int(self.dates)


class EntryListView(QListView):
    """The entry list. Qt makes the first row current when a list without a current row gets
    the focus; that is not the person choosing an entry, and `focus_moving` says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.focus_moving = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focus_moving = True
        try:
            super().focusInEvent(event)
        finally:
            self.focus_moving = False


class JournalPane(QWidget):
    """The list of entries with its filters, and the editor. Layout only.

    Signals:
        new_requested(): the person pressed New entry.
        search_changed(str): the search text changed (as the person types, or cleared).
        filters_changed(): a filter menu changed (see current_filters()).
        clear_filters_requested(): the person pressed Show all.
        entry_chosen(str): the list's current row moved to this entry id ("" for no row);
            moves Qt makes as the list takes the focus come as row_picked_by_focus instead.
        row_picked_by_focus(): Qt made a row current because the list got the focus.
        text_edited(): the person changed a field of the editor.
        delete_requested(): the person pressed Delete entry.
    """

    new_requested = Signal()
    search_changed = Signal(str)
    filters_changed = Signal()
    clear_filters_requested = Signal()
    entry_chosen = Signal(str)
    row_picked_by_focus = Signal()
    text_edited = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._new_button = QPushButton(self.tr("New entry"), self)
        self._new_button.setObjectName("newEntryButton")
        self._new_button.setAccessibleName(self.tr("New entry"))
        self._new_button.setToolTip(self.tr("New entry (Ctrl+N)"))
        self._search = QLineEdit(self)
        self._search.setObjectName("searchEntries")
        self._search.setPlaceholderText(self.tr("Search entries (Ctrl+F)"))
        self._search.setAccessibleName(self.tr("Search entries"))
        self._search.setClearButtonEnabled(True)

        self._sign_filter = QComboBox(self)
        self._sign_filter.setObjectName("signFilter")
        self._sign_filter.setAccessibleName(self.tr("Filter by sign"))
        self._sign_filter.addItem(self.tr("All signs"), None)
        for sign in load_signs(ui_language()):
            self._sign_filter.addItem(sign.title, sign.id)
        self._date_filter = QComboBox(self)
        self._date_filter.setObjectName("dateFilter")
        self._date_filter.setAccessibleName(self.tr("Filter by date"))
        for key, label in DATE_PRESETS:
            self._date_filter.addItem(QCoreApplication.translate("JournalPane", str(label)), key)

        self._filter_note = QLabel(self)
        self._filter_note.setObjectName("filterNote")
        self._filter_note.setWordWrap(True)
        self._filter_note.setAccessibleName(self.tr("Active filter"))
        self._clear_filter_button = QPushButton(self.tr("Show all"), self)
        self._clear_filter_button.setObjectName("clearFiltersButton")
        self._clear_filter_button.setAccessibleName(self.tr("Clear filters"))
        self._clear_filter_button.setVisible(False)
        self._filter_note.setVisible(False)

        self._list_view = EntryListView(self)
        self._list_view.setObjectName("entryList")
        self._list_view.setAccessibleName(self.tr("Entries"))
        self._list_view.setUniformItemSizes(True)
        self._list_view.setItemDelegate(EntryRowDelegate(self._list_view))
        self._list_view.setAlternatingRowColors(True)
        self._list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for two rows however small the window; the splitter gives it more.
        self._list_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self._empty_note = QLabel(self)
        self._empty_note.setObjectName("emptyNote")
        self._empty_note.setWordWrap(True)
        self._empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_note.setMargin(style.spacing(self, style.STEP_S))
        self._hidden_note = QLabel(self.tr("The entry you are writing is hidden by the filter. "
                                          "“Show all” brings it back into the list."), self)
        self._hidden_note.setObjectName("hiddenNote")
        self._hidden_note.setWordWrap(True)
        self._hidden_note.setAccessibleName(self.tr("Open entry hidden by the filter"))
        self._hidden_note.setVisible(False)

        # While saving fails (a full disk, a folder that became read-only): one calm notice,
        # in place above the pane, until a save works again. Never a box per keystroke.
        self._save_notice = QLabel(self)
        self._save_notice.setObjectName("saveNotice")
        self._save_notice.setWordWrap(True)
        self._save_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self._save_notice.setMargin(6)
        self._save_notice.setAccessibleName(self.tr("Saving problem"))
        self._save_notice.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self._save_notice.setVisible(False)

        self._editor = EntryEditor(self)
        self._editor.setObjectName("entryEditor")
        self._editor.edited.connect(self.text_edited)
        self._editor.delete_requested.connect(self.delete_requested)
        self._new_button.clicked.connect(self.new_requested)
        self._search.textChanged.connect(self.search_changed)
        self._sign_filter.currentIndexChanged.connect(self._on_filter_index_changed)
        self._date_filter.currentIndexChanged.connect(self._on_filter_index_changed)
        self._clear_filter_button.clicked.connect(self.clear_filters_requested)
        # A short window scrolls the editor's fields below the text (signs, mood, tags) rather
        # than squeezing the text: it always shows at least twelve lines.
        self._editor_scroll = QScrollArea(self)
        self._editor_scroll.setObjectName("entryEditorScroll")
        self._editor_scroll.setWidgetResizable(True)
        self._editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the text never reflows when a notice or the window's height changes.
        self._editor_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._editor_scroll.setWidget(self._editor)
        self._editor_scroll.setMinimumHeight(self._editor.text_part_height())
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a field that takes the keyboard comes into view
            app.focusChanged.connect(self._on_app_focus_changed)

        search_row = QHBoxLayout()
        search_row.addWidget(self._search, 1)
        search_row.addWidget(self._new_button)
        filters = QHBoxLayout()
        filters.addWidget(self._sign_filter, 1)
        filters.addWidget(self._date_filter, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self._filter_note, 1)
        note_row.addWidget(self._clear_filter_button)

        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(style.spacing(self, style.STEP_S))
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addLayout(note_row)
        list_layout.addWidget(self._hidden_note)
        list_layout.addWidget(self._list_view, 1)
        list_layout.addWidget(self._empty_note)

        self._splitter = QSplitter(Qt.Orientation.Vertical, self)
        self._splitter.setObjectName("journalSplitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(list_side)
        self._splitter.addWidget(self._editor_scroll)
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 1)
        self._list_side = list_side
        self._placed_for = -1  # the height the splitter was last placed for
        self._splitter.splitterMoved.connect(self._on_splitter_moved)

        layout = QVBoxLayout(self)
        style.set_margins(layout, self, style.STEP_S)
        layout.addWidget(self._save_notice)
        layout.addWidget(self._splitter, 1)

    # --- what the controller tells the pane -----------------------------------------------------

    def set_list_model(self, model: QAbstractItemModel) -> None:
        """The rows the list shows (the controller's filter proxy); its ids are IdRole."""
        self._list_view.setModel(model)
        self._list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)

    def select_row(self, index: QModelIndex) -> None:
        """Make this row current and selected, in view; an invalid index selects nothing."""
        selection = self._list_view.selectionModel()
        if index.isValid():
            if selection.currentIndex() != index or not selection.isSelected(index):
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._list_view.scrollTo(index)
        elif selection.currentIndex().isValid() or selection.hasSelection():
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)

    def set_journal_enabled(self, enabled: bool) -> None:
        """Everything but the notices answers only while a journal is open."""
        for widget in (self._new_button, self._search, self._sign_filter, self._date_filter,
                       self._list_view, self._editor):
            widget.setEnabled(enabled)

    def is_list_enabled(self) -> bool:
        return self._list_view.isEnabled()

    def set_editing_enabled(self, enabled: bool) -> None:
        """The editor alone (read-only while the journal is read again after a merge)."""
        self._editor.setEnabled(enabled)

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def clear_search(self) -> None:
        """Empty the search field (search_changed follows when it held text)."""
        self._search.setText("")  # clear() could be undone with Ctrl+Z
        self._search.setModified(False)

    def current_filters(self) -> Filters:
        sign, dates = self._sign_filter.currentData(), self._date_filter.currentData()
        return Filters(sign=sign if isinstance(sign, str) else None,
                       dates=dates if isinstance(dates, str) else "any")

    def set_filters(self, filters: Filters, *, quiet: bool = True) -> None:
        """Set the filter menus; quiet (the default) means filters_changed stays silent."""
        for combo, value in ((self._sign_filter, filters.sign),
                             (self._date_filter, filters.dates)):
            row = combo.findData(value) if value not in (None, "any") else 0
            combo.blockSignals(quiet)
            combo.setCurrentIndex(max(row, 0))
            combo.blockSignals(False)

    def set_filter_note(self, text: str) -> None:
        """What the filters show ("showing 3 of 40 entries"), with Show all; "" hides both."""
        self._filter_note.setText(text)
        self._filter_note.setVisible(bool(text))
        self._clear_filter_button.setVisible(bool(text))

    def set_hidden_note_shown(self, shown: bool) -> None:
        """The note that the open entry is hidden by the filter."""
        self._hidden_note.setVisible(shown)

    def set_empty_note(self, text: str) -> None:
        """Why the list is empty ("No entries match."); "" hides the note."""
        self._empty_note.setText(text)
        self._empty_note.setVisible(bool(text))

    def set_save_notice(self, text: str) -> None:
        """One calm notice above the pane while saving fails; "" takes it away."""
        self._save_notice.setText(text)
        self._save_notice.setVisible(bool(text))

    # --- the editor, spoken for ----------------------------------------------------------------

    def show_entry(self, fields: EntryFields, prompt: str = "") -> None:
        """Show an entry's fields in the editor (not an edit: text_edited stays quiet)."""
        self._editor.set_fields(fields, prompt)

    def entry_fields(self) -> EntryFields:
        return self._editor.fields()

    def editor_text(self) -> str:
        """The body the editor shows now."""
        return self._editor.body_text()

    def clear_editor(self) -> None:
        """Empty every field, the undo history, the preview and the save status."""
        self._editor.clear()

    def set_save_status(self, text: str) -> None:
        self._editor.set_status(text)

    def set_delete_enabled(self, enabled: bool) -> None:
        self._editor.set_delete_enabled(enabled)

    def focus_editor(self) -> None:
        self._editor.focus_body()

    # --- what the person did ---------------------------------------------------------------------

    def _on_filter_index_changed(self, _index: int) -> None:
        self.filters_changed.emit()

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._list_view.focus_moving:
            self.row_picked_by_focus.emit()
            return
        entry_id = current.data(IdRole) if current.isValid() else None
        self.entry_chosen.emit(entry_id if isinstance(entry_id, str) else "")

    # --- how the height is shared ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._placed_for != -2 and self._splitter.height() != self._placed_for:
            self._place_splitter()

    def _place_splitter(self) -> None:
        """Eight rows of the list when there is room, the rest for the editor (never less than
        its twelve lines of text) — until the person moves the divider themselves."""
        total = self._splitter.height() - self._splitter.handleWidth()
        if total <= 0:
            return
        self._placed_for = self._splitter.height()
        row = max(1, self._list_view.sizeHintForRow(0)) if self._list_view.model() else (
            self.fontMetrics().lineSpacing() * 2 + 12)
        if row <= 0:
            row = self.fontMetrics().lineSpacing() * 2 + 12
        above = self._list_side.sizeHint().height() - self._list_view.sizeHint().height()
        wanted = max(0, above) + row * ROWS_SHOWN + self._list_view.frameWidth() * 2 + 2
        editor = self._editor_scroll.minimumHeight()
        list_height = max(self._list_side.minimumSizeHint().height(),
                          min(wanted, total - editor, total // 2 + row * 2))
        self._splitter.setSizes([list_height, total - list_height])

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._editor.scrolls_to(new):
            self._editor_scroll.ensureWidgetVisible(new)

    def _on_splitter_moved(self, *_args: object) -> None:
        self._placed_for = -2  # the person's choice stands
