"""The entry editor: title, Markdown body with a rendered preview, sign tags, mood and tags.

Layout and field access only; saving is the controller's job (journal_pane/controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import core_text, ui_language
from unknot.app.widgets.flow_layout import FlowLayout
from unknot.app.widgets.markdown_view import MarkdownView
from unknot.app.widgets.style import STEP_S, spacing
from unknot.journal.content import load_signs
from unknot.journal.model import MOOD_WORDS

#: The body always shows at least this many lines (the fields below it scroll when short).
BODY_LINES = 12


class BodyEdit(QPlainTextEdit):
    """The entry's Markdown text. Tab indents (a list can be nested); Ctrl+Tab, or Esc then
    Tab, moves on to the next field, and Ctrl+Shift+Tab (or Esc then Shift+Tab) back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(False)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._escaped = False

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab reaches a text field as a ShortcutOverride first; take it as ours.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, ctrl = event.key(), bool(
                event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            leaving = ctrl or self._escaped
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and leaving:
                self._escaped = False
                backwards = key == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                # QPlainTextEdit's own focusNextPrevChild refuses while Tab indents.
                QWidget.focusNextPrevChild(self, not backwards)
                return True
            self._escaped = key == Qt.Key.Key_Escape
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._escaped = False
        super().focusOutEvent(event)


class EntryEditor(QWidget):
    """Signals:
        edited(): the person changed a field.
        delete_requested()
    """

    edited = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False

        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAccessibleName(self.tr("Reflection prompt"))
        self.prompt_label.setVisible(False)
        font = self.prompt_label.font()
        font.setItalic(True)
        self.prompt_label.setFont(font)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("Title (optional)"))
        self.title_edit.setAccessibleName(self.tr("Entry title"))

        self.body_edit = BodyEdit(self)
        self.body_edit.setPlaceholderText(
            self.tr("Write whatever you want to. Markdown works: *italic*, **bold**, - lists."))
        self.body_edit.setAccessibleName(self.tr("Entry text"))
        self.body_edit.setAccessibleDescription(
            self.tr("Tab indents. Ctrl+Tab, or Esc then Tab, goes to the next field."))
        frame = self.body_edit.frameWidth() * 2 + round(
            self.body_edit.document().documentMargin() * 2)
        self.body_edit.setMinimumHeight(
            self.body_edit.fontMetrics().lineSpacing() * BODY_LINES + frame)
        self.preview = MarkdownView(self)
        self.preview.setAccessibleName(self.tr("Entry preview"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.body_edit, self.tr("Write"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        signs_box = QGroupBox(self.tr("Signs this entry is about (optional)"), self)
        # As many to a row as fit, one to a row in a narrow window: a name is never cut.
        flow = FlowLayout(signs_box, spacing(self, STEP_S))
        self.sign_boxes: dict[str, QCheckBox] = {}
        for sign in load_signs(ui_language()):
            box = QCheckBox(sign.title, signs_box)
            box.setToolTip(sign.heading)
            box.setAccessibleName(self.tr("Sign: %s") % sign.title)
            box.toggled.connect(self._on_field_changed)
            flow.addWidget(box)
            self.sign_boxes[sign.id] = box

        self.mood_combo = QComboBox(self)
        self.mood_combo.setAccessibleName(self.tr("Mood"))
        self.mood_combo.addItem(self.tr("Mood: not set"), None)
        for value in range(-2, 3):
            self.mood_combo.addItem(f"{core_text(MOOD_WORDS[value])} ({value:+d})", value)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(self.tr("Save status"))
        # One line that never widens the editor or pushes the splitter, however long it is:
        # its width comes from the layout, never from the text (the full text is its tooltip).
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status_label.setWordWrap(False)
        self.delete_button = QPushButton(self.tr("Delete entry…"), self)
        self.delete_button.setAccessibleName(self.tr("Delete this entry"))
        self.delete_button.clicked.connect(self.delete_requested)

        details = QHBoxLayout()
        details.addWidget(self.mood_combo)
        details.addWidget(self.tags_edit, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing(self, STEP_S))
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(signs_box)
        layout.addLayout(details)
        layout.addLayout(footer)

        self.title_edit.textEdited.connect(self._on_field_changed)
        self.body_edit.textChanged.connect(self._on_field_changed)
        self.mood_combo.activated.connect(self._on_field_changed)
        self.tags_edit.textEdited.connect(self._on_field_changed)

    def text_part_height(self) -> int:
        """The height of the title, the Write/Preview tabs and the body's twelve lines: what
        the editor shows without scrolling however short the window."""
        tab_bar = self.tabs.tabBar().sizeHint().height()
        return (self.title_edit.sizeHint().height() + tab_bar
                + self.body_edit.minimumHeight() + spacing(self, STEP_S) * 6)

    # --- fields --------------------------------------------------------------------------

    def set_fields(self, *, title: str, body: str, signs: tuple[str, ...], mood: int | None,
                   tags: tuple[str, ...], prompt: str = "") -> None:
        self._loading = True
        try:
            self.title_edit.setText(title)
            self.body_edit.setPlainText(body)
            self.body_edit.document().clearUndoRedoStacks()
            for sign_id, box in self.sign_boxes.items():
                box.setChecked(sign_id in signs)
            self.mood_combo.setCurrentIndex(max(0, self.mood_combo.findData(mood))
                                            if mood is not None else 0)
            self.tags_edit.setText(", ".join(tags))
            self.prompt_label.setText(prompt)
            self.prompt_label.setVisible(bool(prompt))
            self.tabs.setCurrentIndex(0)
            self.preview.clear_content()
        finally:
            self._loading = False

    def fields(self) -> dict[str, object]:
        return {
            "title": self.title_edit.text(),
            "body": self.body_edit.toPlainText(),
            "signs": tuple(s for s, box in self.sign_boxes.items() if box.isChecked()),
            "mood": self.mood_combo.currentData(),
            "tags": tuple(t.strip() for t in self.tags_edit.text().split(",") if t.strip()),
        }

    def clear(self) -> None:
        """Empty every field, the undo stacks and the preview (used when the journal locks)."""
        self.set_fields(title="", body="", signs=(), mood=None, tags=())
        self.title_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.tags_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.status_label.clear()

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def _on_field_changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self.preview.set_markdown(self.body_edit.toPlainText())


def focus_body(editor: EntryEditor) -> None:
    editor.tabs.setCurrentIndex(0)
    editor.body_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
