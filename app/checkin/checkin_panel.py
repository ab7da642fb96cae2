"""The check-in's place on the Timeline page: the offer of this week's check-in, the button that
opens the form, and the list of past check-ins. The Timeline page places these three pieces;
app/checkin/controller.py gives them their behaviour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate  # lupdate reads translate("CheckInPanel", "…")


class CheckInPanel:
    """Three widgets for the Timeline page: `start_button` (its header), `offer` (above the
    chart) and `history` (below it; after a check-in is saved it begins with `saved_note`)."""

    def __init__(self, parent: QWidget) -> None:
        self.start_button = QPushButton(translate("CheckInPanel", "Weekly check-in…"), parent)

        self.offer = QFrame(parent)
        self.offer.setFrameShape(QFrame.Shape.StyledPanel)
        offer_text = QLabel(translate("CheckInPanel", "There is no check-in for this week yet. "
                                      "It takes a minute, and every question can be skipped."),
                            self.offer)
        offer_text.setWordWrap(True)
        self.offer_button = QPushButton(translate("CheckInPanel", "Do this week's check-in"),
                                        self.offer)
        self.offer_dismiss = QPushButton(translate("CheckInPanel", "Not now"), self.offer)
        offer_row = QHBoxLayout(self.offer)
        offer_row.addWidget(offer_text, 1)
        offer_row.addWidget(self.offer_button)
        offer_row.addWidget(self.offer_dismiss)
        self.offer.hide()

        # After a check-in is saved: one calm line that points to Help (DESIGN §6).
        self.saved_note = QLabel(QCoreApplication.translate("CheckInPanel",
            "Thank you for checking in. If this week was hard, Help (F1) lists crisis lines and "
            "people you can talk to, whether you stay or go."), parent)
        self.saved_note.setWordWrap(True)
        self.saved_note.setAccessibleName(translate("CheckInPanel", "After the check-in"))
        self.saved_note.hide()

        self.history = QWidget(parent)
        title = QLabel(translate("CheckInPanel", "Past check-ins"), self.history)
        self.list_view = QListView(self.history)
        self.list_view.setAccessibleName(translate("CheckInPanel", "Past check-ins"))
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setMaximumHeight(self.list_view.fontMetrics().height() * 8)
        self.edit_button = QPushButton(translate("CheckInPanel", "View or edit…"), self.history)
        row = QHBoxLayout()
        row.addWidget(self.list_view, 1)
        row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self.history)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.saved_note)
        column.addWidget(title)
        column.addLayout(row)
