"""The entry editor: title, Markdown body with a rendered preview, sign tags, mood and tags.

Layout and field access only; saving is the controller's job (journal_pane/controller.py). Its
widgets are private: each one a person uses has an objectName (tests/driving.py finds them).
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class EntryFields:
    """What the editor's fields hold: the parts of an entry a person writes."""

    title: str = ""
    body: str = ""
    signs: tuple[str, ...] = ()
    mood: int | None = None
    tags: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return not (self.title or self.body or self.signs or self.tags) and self.mood is None


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
    """The fields of one entry. Its widgets are private; JournalPane speaks for it.

    Signals:
        edited(): the person changed a field.
        delete_requested(): the person pressed Delete entry.
    """

    edited = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False

        self._prompt = QLabel(self)
        self._prompt.setObjectName("entryPrompt")
        self._prompt.setWordWrap(True)
        self._prompt.setAccessibleName(self.tr("Reflection prompt"))
        self._prompt.setVisible(False)
        font = self._prompt.font()
        font.setItalic(True)
        self._prompt.setFont(font)

        self._title = QLineEdit(self)
        self._title.setObjectName("entryTitle")
        self._title.setPlaceholderText(self.tr("Title (optional)"))
        self._title.setAccessibleName(self.tr("Entry title"))

        self._body = BodyEdit(self)
        self._body.setObjectName("entryBody")
        self._body.setPlaceholderText(
            self.tr("Write whatever you want to. Markdown works: *italic*, **bold**, - lists."))
        self._body.setAccessibleName(self.tr("Entry text"))
        self._body.setAccessibleDescription(
            self.tr("Tab indents. Ctrl+Tab, or Esc then Tab, goes to the next field."))
        frame = self._body.frameWidth() * 2 + round(
            self._body.document().documentMargin() * 2)
        self._body.setMinimumHeight(
            self._body.fontMetrics().lineSpacing() * BODY_LINES + frame)
        self._preview = MarkdownView(self)
        self._preview.setObjectName("entryPreview")
        self._preview.setAccessibleName(self.tr("Entry preview"))
        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("entryTabs")
        self._tabs.addTab(self._body, self.tr("Write"))
        self._tabs.addTab(self._preview, self.tr("Preview"))
        self._tabs.currentChanged.connect(self._on_tabs_current_changed)

        signs_box = QGroupBox(self.tr("Signs this entry is about (optional)"), self)
        # As many to a row as fit, one to a row in a narrow window: a name is never cut.
        flow = FlowLayout(signs_box, spacing(self, STEP_S))
        self._sign_boxes: dict[str, QCheckBox] = {}
        for sign in load_signs(ui_language()):
            box = QCheckBox(sign.title, signs_box)
            box.setObjectName(f"entrySign-{sign.id}")
            box.setToolTip(sign.heading)
            box.setAccessibleName(self.tr("Sign: %s") % sign.title)
            box.toggled.connect(self._on_field_changed)
            flow.addWidget(box)
            self._sign_boxes[sign.id] = box

        self._mood = QComboBox(self)
        self._mood.setObjectName("entryMood")
        self._mood.setAccessibleName(self.tr("Mood"))
        self._mood.addItem(self.tr("Mood: not set"), None)
        for value in range(-2, 3):
            self._mood.addItem(f"{core_text(MOOD_WORDS[value])} ({value:+d})", value)
        self._tags = QLineEdit(self)
        self._tags.setObjectName("entryTags")
        self._tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self._tags.setAccessibleName(self.tr("Tags"))
        self._status = QLabel(self)
        self._status.setObjectName("saveStatus")
        self._status.setAccessibleName(self.tr("Save status"))
        # One line that never widens the editor or pushes the splitter, however long it is:
        # its width comes from the layout, never from the text (the full text is its tooltip).
        self._status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._status.setWordWrap(False)
        self._delete_button = QPushButton(self.tr("Delete entry…"), self)
        self._delete_button.setObjectName("deleteEntryButton")
        self._delete_button.setAccessibleName(self.tr("Delete this entry"))
        self._delete_button.clicked.connect(self.delete_requested)

        details = QHBoxLayout()
        details.addWidget(self._mood)
        details.addWidget(self._tags, 1)
        footer = QHBoxLayout()
        footer.addWidget(self._status, 1)
        footer.addWidget(self._delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing(self, STEP_S))
        layout.addWidget(self._prompt)
        layout.addWidget(self._title)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(signs_box)
        layout.addLayout(details)
        layout.addLayout(footer)

        self._title.textEdited.connect(self._on_field_changed)
        self._body.textChanged.connect(self._on_field_changed)
        self._mood.activated.connect(self._on_field_changed)
        self._tags.textEdited.connect(self._on_field_changed)

    def text_part_height(self) -> int:
        """The height of the title, the Write/Preview tabs and the body's twelve lines: what
        the editor shows without scrolling however short the window."""
        tab_bar = self._tabs.tabBar().sizeHint().height()
        return (self._title.sizeHint().height() + tab_bar
                + self._body.minimumHeight() + spacing(self, STEP_S) * 6)

    # --- fields --------------------------------------------------------------------------

    def set_fields(self, fields: EntryFields, prompt: str = "") -> None:
        """Show these fields (with the prompt the entry was written to, if any); the undo
        history and the preview start afresh. Not an edit: `edited` stays quiet."""
        self._loading = True
        try:
            self._title.setText(fields.title)
            self._body.setPlainText(fields.body)
            self._body.document().clearUndoRedoStacks()
            for sign_id, box in self._sign_boxes.items():
                box.setChecked(sign_id in fields.signs)
            self._mood.setCurrentIndex(max(0, self._mood.findData(fields.mood))
                                       if fields.mood is not None else 0)
            self._tags.setText(", ".join(fields.tags))
            self._prompt.setText(prompt)
            self._prompt.setVisible(bool(prompt))
            self._tabs.setCurrentIndex(0)
            self._preview.clear_content()
        finally:
            self._loading = False

    def fields(self) -> EntryFields:
        mood = self._mood.currentData()
        return EntryFields(
            title=self._title.text(),
            body=self._body.toPlainText(),
            signs=tuple(s for s, box in self._sign_boxes.items() if box.isChecked()),
            mood=mood if isinstance(mood, int) else None,
            tags=tuple(t.strip() for t in self._tags.text().split(",") if t.strip()),
        )

    def body_text(self) -> str:
        return self._body.toPlainText()

    def clear(self) -> None:
        """Empty every field, the undo stacks and the preview (used when the journal locks)."""
        self.set_fields(EntryFields())
        self._title.setText("")  # clear() could be undone with Ctrl+Z
        self._tags.setText("")  # clear() could be undone with Ctrl+Z
        self._status.clear()

    def set_status(self, text: str) -> None:
        self._status.setText(text)
        self._status.setToolTip(text)

    def set_delete_enabled(self, enabled: bool) -> None:
        self._delete_button.setEnabled(enabled)

    def focus_body(self) -> None:
        """The Write tab, with the keyboard in the body (New entry, Ctrl+N)."""
        self._tabs.setCurrentIndex(0)
        self._body.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def scrolls_to(self, widget: QWidget) -> bool:
        """Whether the pane's scroll area should bring `widget` into view when it takes the
        keyboard: any field of the editor except the body, which is always in view."""
        return widget is not self._body and self.isAncestorOf(widget)

    def _on_field_changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self._preview.set_markdown(self._body.toPlainText())

