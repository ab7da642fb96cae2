"""The check-in's place on the Timeline page: the offer of this week's check-in, the button that
opens the form, and the list of past check-ins. The Timeline page places these three pieces;
app/checkin/controller.py gives them their behaviour."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
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


class CheckInPanel(QObject):
    """Three widgets for the Timeline page to place: `start_button` (its header), `offer` (above
    the chart) and `history` (below it; after a check-in is saved it begins with a thank-you
    note). They are there to be placed; what is inside them is private, and behaviour goes
    through the signals and methods below. Each control has an objectName.

    Signals:
        checkin_requested(): the person asked for this week's check-in (the header's button
            or the offer's).
        offer_dismissed(): the person said "Not now" to the offer.
        edit_requested(): the person asked to view or edit the chosen past check-in (the
            button, or a double click on the list).
    """

    checkin_requested = Signal()
    offer_dismissed = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.start_button = QPushButton(translate("CheckInPanel", "Weekly check-in…"), parent)
        self.start_button.setObjectName("checkinStartButton")
        self.start_button.clicked.connect(self.checkin_requested)

        self.offer = QFrame(parent)
        self.offer.setObjectName("checkinOffer")
        self.offer.setFrameShape(QFrame.Shape.StyledPanel)
        offer_text = QLabel(translate("CheckInPanel", "There is no check-in for this week yet. "
                                      "It takes a minute, and every question can be skipped."),
                            self.offer)
        offer_text.setWordWrap(True)
        offer_button = QPushButton(translate("CheckInPanel", "Do this week's check-in"),
                                   self.offer)
        offer_button.setObjectName("checkinOfferButton")
        offer_button.clicked.connect(self.checkin_requested)
        offer_dismiss = QPushButton(translate("CheckInPanel", "Not now"), self.offer)
        offer_dismiss.setObjectName("checkinOfferDismiss")
        offer_dismiss.clicked.connect(self.offer_dismissed)
        offer_row = QHBoxLayout(self.offer)
        offer_row.addWidget(offer_text, 1)
        offer_row.addWidget(offer_button)
        offer_row.addWidget(offer_dismiss)
        self.offer.hide()

        # After a check-in is saved: one calm line that points to Help (DESIGN §6).
        self._saved_note = QLabel(QCoreApplication.translate("CheckInPanel",
            "Thank you for checking in. If this week was hard, Help (F1) lists crisis lines and "
            "people you can talk to, whether you stay or go."), parent)
        self._saved_note.setObjectName("checkinSavedNote")
        self._saved_note.setWordWrap(True)
        self._saved_note.setAccessibleName(translate("CheckInPanel", "After the check-in"))
        self._saved_note.hide()

        self.history = QWidget(parent)
        self.history.setObjectName("checkinHistory")
        title = QLabel(translate("CheckInPanel", "Past check-ins"), self.history)
        self._list_view = QListView(self.history)
        self._list_view.setObjectName("checkinList")
        self._list_view.doubleClicked.connect(self._on_list_double_clicked)
        self._list_view.setAccessibleName(translate("CheckInPanel", "Past check-ins"))
        self._list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list_view.setMaximumHeight(self._list_view.fontMetrics().height() * 8)
        self._edit_button = QPushButton(translate("CheckInPanel", "View or edit…"), self.history)
        self._edit_button.setObjectName("checkinEditButton")
        self._edit_button.clicked.connect(self.edit_requested)
        row = QHBoxLayout()
        row.addWidget(self._list_view, 1)
        row.addWidget(self._edit_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self.history)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._saved_note)
        column.addWidget(title)
        column.addLayout(row)

    def set_model(self, model: QAbstractItemModel) -> None:
        """The past check-ins the list shows."""
        self._list_view.setModel(model)

    def chosen_index(self) -> QModelIndex:
        """The past check-in the person chose in the list (invalid when none)."""
        return self._list_view.currentIndex()

    def set_offer_shown(self, shown: bool) -> None:
        self.offer.setVisible(shown)

    def set_saved_note_shown(self, shown: bool) -> None:
        """The thank-you line after a check-in is saved (it points to Help)."""
        self._saved_note.setVisible(shown)

    def set_edit_enabled(self, enabled: bool) -> None:
        """View or edit answers only when there is a past check-in."""
        self._edit_button.setEnabled(enabled)

    def _on_list_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_requested.emit()
