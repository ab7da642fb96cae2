"""The entry editor: title, Markdown body with a rendered preview, sign tags, mood and tags.

Layout and field access only; saving is the controller's job (journal_pane/controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
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
from unknot.app.widgets.markdown_view import MarkdownView
from unknot.journal.content import load_signs
from unknot.journal.model import MOOD_WORDS


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

        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setPlaceholderText(
            self.tr("Write whatever you want to. Markdown works: *italic*, **bold**, - lists."))
        self.body_edit.setAccessibleName(self.tr("Entry text"))
        self.body_edit.setTabChangesFocus(True)
        self.preview = MarkdownView(self)
        self.preview.setAccessibleName(self.tr("Entry preview"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.body_edit, self.tr("Write"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        signs_box = QGroupBox(self.tr("Signs this entry is about (optional)"), self)
        grid = QGridLayout(signs_box)
        self.sign_boxes: dict[str, QCheckBox] = {}
        for n, sign in enumerate(load_signs(ui_language())):
            box = QCheckBox(sign.title, signs_box)
            box.setToolTip(sign.heading)
            box.setAccessibleName(self.tr("Sign: %s") % sign.title)
            box.toggled.connect(self._on_field_changed)
            grid.addWidget(box, n // 2, n % 2)
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
