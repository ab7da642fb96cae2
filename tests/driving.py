"""Driving the real window the way a person does: clicks and keys through qtbot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from unknot.app.controller import AppController
from unknot.app.session import JournalSession
from unknot.app.timeline.timeline_view import TimelineChart
from vaults import PASSPHRASE as PASSPHRASE  # the one test passphrase (tests/vaults.py)
from vaults import make_vault as make_vault  # the one vault builder

_W = TypeVar("_W", bound=QWidget)


class _Page:
    """A page as a person meets it: its widgets, found by their objectName under `root` (the
    main window, or the view on its own). Never a view's private attributes."""

    def __init__(self, root: QWidget) -> None:
        self.root = root

    def _find(self, kind: type[_W], name: str) -> _W:
        widget = self.root.findChild(kind, name)
        assert widget is not None, f"no {kind.__name__} named {name!r}"
        return widget


class JournalPage(_Page):
    """The Journal pane: the list, the filters, the editor."""

    @property
    def new_button(self) -> QPushButton:
        return self._find(QPushButton, "newEntryButton")

    @property
    def search(self) -> QLineEdit:
        return self._find(QLineEdit, "searchEntries")

    @property
    def sign_filter(self) -> QComboBox:
        return self._find(QComboBox, "signFilter")

    @property
    def date_filter(self) -> QComboBox:
        return self._find(QComboBox, "dateFilter")

    @property
    def filter_note(self) -> QLabel:
        return self._find(QLabel, "filterNote")

    @property
    def clear_filter_button(self) -> QPushButton:
        return self._find(QPushButton, "clearFiltersButton")

    @property
    def list_view(self) -> QListView:
        return self._find(QListView, "entryList")

    @property
    def rows(self) -> QAbstractItemModel:
        """What the list shows (the filter proxy), for reading in assertions."""
        return self.list_view.model()

    @property
    def empty_note(self) -> QLabel:
        return self._find(QLabel, "emptyNote")

    @property
    def hidden_note(self) -> QLabel:
        return self._find(QLabel, "hiddenNote")

    @property
    def save_notice(self) -> QLabel:
        return self._find(QLabel, "saveNotice")

    @property
    def prompt(self) -> QLabel:
        return self._find(QLabel, "entryPrompt")

    @property
    def title(self) -> QLineEdit:
        return self._find(QLineEdit, "entryTitle")

    @property
    def body(self) -> QPlainTextEdit:
        return self._find(QPlainTextEdit, "entryBody")

    @property
    def tabs(self) -> QTabWidget:
        """Write and Preview."""
        return self._find(QTabWidget, "entryTabs")

    @property
    def preview(self) -> QTextBrowser:
        return self._find(QTextBrowser, "entryPreview")

    def sign_box(self, sign_id: str) -> QCheckBox:
        return self._find(QCheckBox, f"entrySign-{sign_id}")

    @property
    def sign_boxes(self) -> list[QCheckBox]:
        return [box for box in self.root.findChildren(QCheckBox)
                if box.objectName().startswith("entrySign-")]

    @property
    def mood(self) -> QComboBox:
        return self._find(QComboBox, "entryMood")

    @property
    def tags(self) -> QLineEdit:
        return self._find(QLineEdit, "entryTags")

    @property
    def status(self) -> QLabel:
        """The editor's save status ("Saved · encrypted")."""
        return self._find(QLabel, "saveStatus")

    @property
    def delete_button(self) -> QPushButton:
        return self._find(QPushButton, "deleteEntryButton")

    # --- the layout, for checks of what a person sees (nothing to click) -------------------------

    @property
    def editor(self) -> QWidget:
        """The editor's fields as a whole (its width, what it shows)."""
        return self._find(QWidget, "entryEditor")

    @property
    def editor_scroll(self) -> QScrollArea:
        return self._find(QScrollArea, "entryEditorScroll")

    @property
    def splitter(self) -> QSplitter:
        """Between the list and the editor."""
        return self._find(QSplitter, "journalSplitter")


class TimelinePage(_Page):
    """The Timeline page, with the check-in's pieces placed on it."""

    @property
    def range(self) -> QComboBox:
        return self._find(QComboBox, "timelineRange")

    @property
    def chart(self) -> TimelineChart:
        """The chart; its `timeline` is what it shows (read it in assertions)."""
        return self._find(TimelineChart, "timelineChart")

    @property
    def summary(self) -> QLabel:
        return self._find(QLabel, "timelineSummary")

    @property
    def back_button(self) -> QPushButton:
        return self._find(QPushButton, "timelineBackButton")

    # --- the weekly check-in's pieces ------------------------------------------------------------

    @property
    def checkin_button(self) -> QPushButton:
        return self._find(QPushButton, "checkinStartButton")

    @property
    def offer(self) -> QWidget:
        return self._find(QWidget, "checkinOffer")

    @property
    def offer_button(self) -> QPushButton:
        return self._find(QPushButton, "checkinOfferButton")

    @property
    def offer_dismiss(self) -> QPushButton:
        return self._find(QPushButton, "checkinOfferDismiss")

    @property
    def saved_note(self) -> QLabel:
        return self._find(QLabel, "checkinSavedNote")

    @property
    def checkin_list(self) -> QListView:
        return self._find(QListView, "checkinList")

    @property
    def edit_button(self) -> QPushButton:
        return self._find(QPushButton, "checkinEditButton")


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName() or widget
    if isinstance(widget, QCheckBox):  # a check box only answers on its box and its label
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def create_journal(qtbot: QtBot, ctl: AppController, passphrase: str = PASSPHRASE) -> None:
    flow = ctl.window.setup_flow
    click(qtbot, flow.continue_button)
    type_into(qtbot, flow.passphrase_edit, passphrase)
    type_into(qtbot, flow.repeat_edit, passphrase)
    click(qtbot, flow.create_button)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=15000)


def unlock(qtbot: QtBot, ctl: AppController, passphrase: str = PASSPHRASE) -> None:
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, passphrase)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=15000)


def wait_saved(qtbot: QtBot, ctl: AppController) -> None:
    status = JournalPage(ctl.window).status
    qtbot.waitUntil(lambda: status.text() == "Saved · encrypted", timeout=10000)


def write_entry(qtbot: QtBot, ctl: AppController, title: str, body: str,
                sign: str | None = None) -> None:
    """A new entry with a title, a body and optionally one sign, saved."""
    journal = JournalPage(ctl.window)
    click(qtbot, journal.new_button)
    type_into(qtbot, journal.title, title)
    type_into(qtbot, journal.body, body)
    if sign:
        click(qtbot, journal.sign_box(sign))
    wait_saved(qtbot, ctl)


def open_session(qtbot: QtBot, session: JournalSession, passphrase: str = PASSPHRASE) -> None:
    """Unlock a JournalSession built without the window (see the journal_session fixture)."""
    with qtbot.waitSignal(session.unlocked, timeout=15000):
        session.unlock(passphrase=passphrase)


def when_modal(act: Callable[[QWidget], None], kind: type[QWidget] = QWidget) -> None:
    """Act on the next modal dialog of type `kind` as soon as it shows (for dialogs run with
    exec(), which return only when closed)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, poll)
            return
        act(dialog)
    QTimer.singleShot(20, poll)
