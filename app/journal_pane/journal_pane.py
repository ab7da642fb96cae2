"""The Journal pane's layout: search and filters above the entry list, the editor beside it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from unknot.app.journal_pane.editor import EntryEditor
from unknot.app.journal_pane.entry_delegate import EntryRowDelegate
from unknot.app.widgets import style
from unknot.journal.content import load_signs

#: How many entries the list shows when the window has room (1280×800 and up).
ROWS_SHOWN = 8

DATE_PRESETS = (("any", QT_TRANSLATE_NOOP("JournalPane", "Any time")),
                ("7", QT_TRANSLATE_NOOP("JournalPane", "Past 7 days")),
                ("30", QT_TRANSLATE_NOOP("JournalPane", "Past 30 days")),
                ("365", QT_TRANSLATE_NOOP("JournalPane", "Past year")))


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
    """The list of entries with its filters, and the editor. Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = QPushButton(self.tr("New entry"), self)
        self.new_button.setAccessibleName(self.tr("New entry"))
        self.new_button.setToolTip(self.tr("New entry (Ctrl+N)"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search entries (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search entries"))
        self.search_edit.setClearButtonEnabled(True)

        self.sign_filter = QComboBox(self)
        self.sign_filter.setAccessibleName(self.tr("Filter by sign"))
        self.sign_filter.addItem(self.tr("All signs"), None)
        for sign in load_signs(ui_language()):
            self.sign_filter.addItem(sign.title, sign.id)
        self.date_filter = QComboBox(self)
        self.date_filter.setAccessibleName(self.tr("Filter by date"))
        for key, label in DATE_PRESETS:
            self.date_filter.addItem(QCoreApplication.translate("JournalPane", str(label)), key)

        self.filter_note = QLabel(self)
        self.filter_note.setWordWrap(True)
        self.filter_note.setAccessibleName(self.tr("Active filter"))
        self.clear_filter_button = QPushButton(self.tr("Show all"), self)
        self.clear_filter_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_filter_button.setVisible(False)
        self.filter_note.setVisible(False)

        self.list_view = EntryListView(self)
        self.list_view.setAccessibleName(self.tr("Entries"))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setItemDelegate(EntryRowDelegate(self.list_view))
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for two rows however small the window; the splitter gives it more.
        self.list_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(style.spacing(self, style.STEP_S))
        self.hidden_note = QLabel(self.tr("The entry you are writing is hidden by the filter. "
                                          "“Show all” brings it back into the list."), self)
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setAccessibleName(self.tr("Open entry hidden by the filter"))
        self.hidden_note.setVisible(False)

        # While saving fails (a full disk, a folder that became read-only): one calm notice,
        # in place above the pane, until a save works again. Never a box per keystroke.
        self.save_notice = QLabel(self)
        self.save_notice.setObjectName("saveNotice")
        self.save_notice.setWordWrap(True)
        self.save_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.save_notice.setMargin(6)
        self.save_notice.setAccessibleName(self.tr("Saving problem"))
        self.save_notice.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.save_notice.setVisible(False)

        self.editor = EntryEditor(self)
        # A short window scrolls the editor's fields below the text (signs, mood, tags) rather
        # than squeezing the text: it always shows at least twelve lines.
        self.editor_scroll = QScrollArea(self)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the text never reflows when a notice or the window's height changes.
        self.editor_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.editor_scroll.setWidget(self.editor)
        self.editor_scroll.setMinimumHeight(self.editor.text_part_height())
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a field that takes the keyboard comes into view
            app.focusChanged.connect(self._on_app_focus_changed)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.sign_filter, 1)
        filters.addWidget(self.date_filter, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.filter_note, 1)
        note_row.addWidget(self.clear_filter_button)

        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(style.spacing(self, style.STEP_S))
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addLayout(note_row)
        list_layout.addWidget(self.hidden_note)
        list_layout.addWidget(self.list_view, 1)
        list_layout.addWidget(self.empty_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(self.editor_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._list_side = list_side
        self._placed_for = -1  # the height the splitter was last placed for
        self.splitter.splitterMoved.connect(self._on_splitter_moved)

        layout = QVBoxLayout(self)
        style.set_margins(layout, self, style.STEP_S)
        layout.addWidget(self.save_notice)
        layout.addWidget(self.splitter, 1)

    # --- how the height is shared ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._placed_for != -2 and self.splitter.height() != self._placed_for:
            self._place_splitter()

    def _place_splitter(self) -> None:
        """Eight rows of the list when there is room, the rest for the editor (never less than
        its twelve lines of text) — until the person moves the divider themselves."""
        total = self.splitter.height() - self.splitter.handleWidth()
        if total <= 0:
            return
        self._placed_for = self.splitter.height()
        row = max(1, self.list_view.sizeHintForRow(0)) if self.list_view.model() else (
            self.fontMetrics().lineSpacing() * 2 + 12)
        if row <= 0:
            row = self.fontMetrics().lineSpacing() * 2 + 12
        above = self._list_side.sizeHint().height() - self.list_view.sizeHint().height()
        wanted = max(0, above) + row * ROWS_SHOWN + self.list_view.frameWidth() * 2 + 2
        editor = self.editor_scroll.minimumHeight()
        list_height = max(self._list_side.minimumSizeHint().height(),
                          min(wanted, total - editor, total // 2 + row * 2))
        self.splitter.setSizes([list_height, total - list_height])

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self.editor.body_edit and self.editor.isAncestorOf(new):
            self.editor_scroll.ensureWidgetVisible(new)

    def _on_splitter_moved(self, *_args: object) -> None:
        self._placed_for = -2  # the person's choice stands
