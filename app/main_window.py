"""The main window composes the panes. It holds layout only; app/controller.py wires behaviour.

The window that shows first (first run or the lock screen) does not wait for the panes that only
an unlocked journal needs: build_journal_pages() imports and builds those at the first unlock.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from unknot.app.preferences import Preferences, WindowState
from unknot.app.unlock.lock_screen import LockScreen
from unknot.app.widgets import early_qt
from unknot.app.widgets import quick_exit_hints as hints
from unknot.app.widgets.lazy_page import LazyPage

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter, QTabWidget

    from unknot.app.checkin.checkin_panel import CheckInPanel
    from unknot.app.journal_pane.journal_pane import JournalPane
    from unknot.app.read.read_pane import ReadPane
    from unknot.app.signs.signs_pane import SignsPane
    from unknot.app.timeline.timeline_view import TimelinePane
    from unknot.app.unlock.setup_flow import SetupFlow

WIDE_LAYOUT_MIN_WIDTH = 1200
APP_TITLE = "Unknot"
DISCREET_TITLE = "Notes"


def window_title(prefs: Preferences, demo: bool = False) -> str:
    """"Notes" in discreet mode; the sample journal says so first."""
    title = DISCREET_TITLE if prefs.discreet_mode else APP_TITLE
    if demo:
        from PySide6.QtCore import QCoreApplication

        title = QCoreApplication.translate("AppController",
                                           "Sample data, nothing is saved") + " — " + title
    return title


class MainWindow(QMainWindow):
    """Pages: first-run setup, the locked screen, the journal, and a blank neutral screen.

    On the journal page, a wide window shows Read, Signs and Journal side by side; a narrower one
    puts Read and Signs in tabs beside the Journal.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(640, 480))
        self.lock_screen = LockScreen(self)
        # First run's pages: only a computer with no journal yet sees them (built on demand).
        self.setup: LazyPage[SetupFlow] = LazyPage(self._build_setup_flow)
        self._first_run_words = ""
        self.neutral_page = QLabel(self)
        self.neutral_page.setAccessibleName(self.tr("Empty page"))
        self.wide = False
        self.built = False
        self._page_steps = self._journal_page_steps()

        self.pages = QStackedWidget(self)
        for page in (self.lock_screen, self.neutral_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar = toolbar
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        early_qt.text_only(toolbar)  # the first screen builds no `Qt` enum: see early_qt
        self.addToolBar(toolbar)
        self.new_action = self._action(self.tr("New entry"), QKeySequence.StandardKey.New)
        self.search_action = self._action(self.tr("Search"), QKeySequence.StandardKey.Find)
        self.save_action = self._action(self.tr("Save now"), QKeySequence.StandardKey.Save)
        self.lock_action = self._action(self.tr("Lock"), QKeySequence("Ctrl+L"))
        self.journal_action = self._action(self.tr("Journal"), QKeySequence("Ctrl+J"))
        self.timeline_action = self._action(self.tr("Timeline"), QKeySequence("Ctrl+T"))
        self.share_action = self._action(self.tr("Share…"), QKeySequence("Ctrl+E"))
        self.share_action.setToolTip(self.tr("Show or save a session summary for a therapist "
                                             "(Ctrl+E)"))
        self.import_action = self._action(self.tr("Import…"), None)
        self.import_action.setToolTip(self.tr("Bring in entries from jrnl, Day One, Markdown "
                                              "notes or an Unknot export"))
        # Ctrl+, spelled out: the standard Preferences key is empty on X11 outside KDE.
        self.settings_action = self._action(self.tr("Settings"), QKeySequence("Ctrl+,"))
        self.settings_action.setToolTip(self.tr("Settings (Ctrl+,)"))
        self.help_action = self._action(self.tr("Help"), QKeySequence.StandardKey.HelpContents)
        # "About", not "About Unknot": the toolbar names nothing in discreet mode.
        self.about_action = self._action(self.tr("About"), None)
        self.about_action.setObjectName("aboutAction")
        for action in (self.journal_action, self.timeline_action, self.share_action,
                       self.import_action, self.lock_action, self.settings_action, self.help_action,
                       self.about_action):
            toolbar.addAction(action)
            early_qt.tab_focus(toolbar.widgetForAction(action))
            self.addAction(action)  # its shortcut works even while the toolbar is hidden
        for action in (self.new_action, self.search_action, self.save_action):
            self.addAction(action)  # shortcuts; the Journal pane has its own visible buttons
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.quick_exit_button = QPushButton(self.tr("Quick exit"), self)
        self.quick_exit_button.setObjectName("quickExit")
        early_qt.tab_focus(self.quick_exit_button)
        self.quick_exit_button.setToolTip(self.tr("Hide Unknot at once and lock it (Esc twice)"))
        self.quick_exit_button.setAccessibleName(self.tr("Quick exit"))
        toolbar.addWidget(self.quick_exit_button)

    @property
    def setup_flow(self) -> SetupFlow:
        """First run's pages (built now if they were not yet)."""
        return self.setup.get()

    def _build_setup_flow(self) -> SetupFlow:
        from unknot.app.unlock.setup_flow import SetupFlow

        flow = SetupFlow(self)
        flow.set_quick_exit_words(self._first_run_words)
        self.pages.addWidget(flow)
        return flow

    def set_first_run_words(self, quick_exit_sentence: str) -> None:
        """The welcome page names the quick-exit keys and action chosen."""
        self._first_run_words = quick_exit_sentence
        self.setup.if_built(lambda flow: flow.set_quick_exit_words(quick_exit_sentence))

    def build_journal_pages(self) -> None:
        """Read, Signs and Journal side by side (or Read and Signs in tabs), and the Timeline
        page with the check-in's widgets. Once: whatever build_journal_page_step() left."""
        while self.build_journal_page_step():
            pass

    def build_journal_page_step(self) -> bool:
        """One pane of build_journal_pages() (built while the lock screen waits, a pane at a
        time, so that the window never stops answering for long). True while more remain."""
        return next(self._page_steps, False)

    def _journal_page_steps(self) -> Iterator[bool]:
        from unknot.app.read.read_pane import ReadPane

        self.read_pane: ReadPane = ReadPane(self)
        yield True
        from unknot.app.signs.signs_pane import SignsPane

        self.signs_pane: SignsPane = SignsPane(self)
        yield True
        from unknot.app.journal_pane.journal_pane import JournalPane

        self.journal_pane: JournalPane = JournalPane(self)
        yield True
        from unknot.app.timeline.timeline_view import TimelinePane

        self.timeline_pane: TimelinePane = TimelinePane(self)
        yield True
        from PySide6.QtWidgets import QSplitter, QTabWidget

        from unknot.app.checkin.checkin_panel import CheckInPanel

        self.checkin_panel: CheckInPanel = CheckInPanel(self.timeline_pane)
        self.timeline_pane.place_in_header(self.checkin_panel.start_button)
        self.timeline_pane.place_above_chart(self.checkin_panel.offer)
        self.timeline_pane.place_below(self.checkin_panel.history)

        self.left_tabs: QTabWidget = QTabWidget(self)
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.setTabBarAutoHide(True)
        self.left_tabs.addTab(self.read_pane, self.tr("Read"))
        self.left_tabs.addTab(self.signs_pane, self.tr("Signs"))
        self.splitter: QSplitter = QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(self.journal_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.timeline_pane)
        self.built = True
        self.set_wide(self.width() >= WIDE_LAYOUT_MIN_WIDTH)

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None
                ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Qt's default context: anywhere in this window (set through early_qt).
            sequence = shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
            early_qt.set_shortcut(action, sequence)
            # The tooltip names the key, as Help's table does ("Timeline (Ctrl+T)").
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.rstrip('…')} ({keys})" if keys else text)
        return action

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_wide(self.width() >= WIDE_LAYOUT_MIN_WIDTH)

    def set_wide(self, wide: bool) -> None:
        """Signs in a column of their own (wide) or in a tab beside Read (narrow)."""
        if wide == self.wide or not self.built:
            return
        self.wide = wide
        if wide:
            self.left_tabs.removeTab(self.left_tabs.indexOf(self.signs_pane))
            self.splitter.insertWidget(1, self.signs_pane)
            self.signs_pane.show()
            # The journal a little wider: its sign boxes sit two to a row at 1280 px.
            part = self.width() * 3 // 10
            self.splitter.setSizes([part, part, self.width() - 2 * part])
        else:
            self.left_tabs.addTab(self.signs_pane, self.tr("Signs"))
            half = self.width() // 2
            self.splitter.setSizes([half, self.width() - half])

    def show_signs(self) -> None:
        if self.wide:
            self.signs_pane.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        else:
            self.left_tabs.setCurrentWidget(self.signs_pane)

    def show_setup(self) -> None:
        self.pages.setCurrentWidget(self.setup_flow)

    def show_lock(self) -> None:
        self.pages.setCurrentWidget(self.lock_screen)
        self.lock_action.setEnabled(False)  # already locked: Lock has nothing to do here

    def show_journal(self) -> None:
        self.build_journal_pages()
        self.pages.setCurrentWidget(self.splitter)

    def is_journal_shown(self) -> bool:
        return self.built and self.pages.currentWidget() is self.splitter

    def is_neutral_shown(self) -> bool:
        return self.pages.currentWidget() is self.neutral_page

    def show_timeline(self) -> None:
        self.pages.setCurrentWidget(self.timeline_pane)
        self.timeline_pane.focus_chart()

    def show_neutral(self) -> None:
        self.pages.setCurrentWidget(self.neutral_page)
        self.lock_action.setEnabled(True)  # Ctrl+L is the way back to the lock screen

    # --- size and place (never content), kept in the cache folder -------------------------------

    def restore_geometry(self, state: WindowState) -> None:
        geometry = state.restore("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.92)),
                        min(800, int(screen.height() * 0.92)))

    def restore_splitter(self, state: WindowState) -> None:
        self.set_wide(self.width() >= WIDE_LAYOUT_MIN_WIDTH)
        splitter = state.restore(self._splitter_key())
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_state(self, state: WindowState) -> None:
        state.store("geometry", self.saveGeometry())
        if self.built:
            state.store(self._splitter_key(), self.splitter.saveState())
        state.sync()

    def _splitter_key(self) -> str:
        return "splitter-wide" if self.wide else "splitter"

    def present(self, prefs: Preferences, title: str) -> None:
        """What the window says of the person's choices, from its first frame: the title, the
        lock screen's words (discreet mode) and what quick exit does."""
        self.setWindowTitle(title)
        self.lock_screen.set_discreet(prefs.discreet_mode)
        self.set_quick_exit_hint(hints.hint(prefs))
        self.set_first_run_words(hints.sentence(prefs))

    def set_quick_exit_hint(self, hint: str) -> None:
        """The button's tooltip names the keys and the action the person chose."""
        self.quick_exit_button.setToolTip(hint)

    def set_chrome_visible(self, visible: bool) -> None:
        """The blank screen after quick exit shows nothing of Unknot: no toolbar, no status."""
        self.toolbar.setVisible(visible)
        self.statusBar().setVisible(visible and bool(self.statusBar().children()))

    def set_journal_actions_enabled(self, enabled: bool) -> None:
        for action in (self.new_action, self.search_action, self.save_action, self.lock_action,
                       self.journal_action, self.timeline_action, self.share_action,
                       self.import_action):
            action.setEnabled(enabled)
