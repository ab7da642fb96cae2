"""The weekly check-in: six questions, each answered in words or skipped, and a note.

"In the past 7 days, how much did this fit your experience?" — Not at all · A little bit ·
Somewhat · Quite a bit · Very much (stored 0-4). Skip is stored as missing, never as 0.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import core_text, date_format, ui_language
from unknot.journal.content import load_signs
from unknot.journal.model import RATING_WORDS, CheckIn
from unknot.journal.wording import REFLECTION_CAPTION

SKIP = 5  # a button id outside 0-4 (QButtonGroup treats -1 as "assign one for me")


class CheckInDialog(QDialog):
    """Fill in or edit one check-in. `ratings()`, `note()` and `day()` give the answers."""

    def __init__(self, day: date, ratings: dict[str, int] | None = None, note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.existing: CheckIn | None = None  # the check-in being edited, if any
        self.setWindowTitle(self.tr("Weekly check-in"))
        self.setSizeGripEnabled(True)  # grows with the window; the questions scroll
        intro = QLabel(self.tr(
            "In the past 7 days, how much did this fit your experience?") + "\n" + self.tr(
            "This is a reflection aid, not a diagnosis or a test. Skip anything you like."), self)
        intro.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())  # "1 December 2026", never "1 12 2026"
        self.date_edit.setAccessibleName(self.tr("Check-in date"))

        body = QWidget(self)
        questions = QVBoxLayout(body)
        self.groups: dict[str, QButtonGroup] = {}
        for sign in load_signs(ui_language()):
            box = QGroupBox(f"{sign.number}. {sign.title}", body)
            box.setToolTip(sign.heading)
            column = QVBoxLayout(box)
            statement = QLabel(sign.statement, box)  # what is rated, in plain words
            statement.setWordWrap(True)
            column.addWidget(statement)
            row = QHBoxLayout()
            column.addLayout(row)
            group = QButtonGroup(box)
            for value in (*RATING_WORDS, SKIP):
                text = self.tr("Skip") if value == SKIP else core_text(RATING_WORDS[value])
                radio = QRadioButton(text, box)
                radio.setAccessibleName(f"{sign.title}: {text}")
                group.addButton(radio, value)
                row.addWidget(radio)
            chosen = (ratings or {}).get(sign.id, SKIP)
            group.button(chosen).setChecked(True)
            self.groups[sign.id] = group
            questions.addWidget(box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("A note about this week (optional)"))
        self.note_edit.setAccessibleName(self.tr("Check-in note"))
        self.note_edit.setPlainText(note)
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        caption = QLabel(core_text(REFLECTION_CAPTION), self)
        caption.setWordWrap(True)
        font = caption.font()
        font.setItalic(True)
        caption.setFont(font)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Week of"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note_edit)
        layout.addWidget(caption)
        layout.addWidget(self.buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Fits an 800×600 screen, buttons included, and grows from there."""
        room = self.screen().availableGeometry()
        width = min(720, max(480, room.width() - 40))
        height = min(720, max(400, room.height() - 60))
        self.setMinimumSize(min(480, width), min(380, height))
        self.resize(width, height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc does not throw answers away (it is also half of the quick-exit keys): Cancel does.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def ratings(self) -> dict[str, int]:
        return {sign_id: group.checkedId() for sign_id, group in self.groups.items()
                if group.checkedId() != SKIP}

    def note(self) -> str:
        return self.note_edit.toPlainText()

    def day(self) -> date:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def clear(self) -> None:
        """Drop the note's text and history (the journal locked while this was open)."""
        self.note_edit.clear()
        self.note_edit.document().clearUndoRedoStacks()
