"""First run: what Unknot keeps private and what it cannot, then a passphrase, then an optional
recovery key shown once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import core_text
from unknot.journal import passphrase as phrase


def _page(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    page = QFrame(parent)
    page.setMaximumWidth(640)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 24, 24, 24)
    layout.setSpacing(12)
    return page, layout


class SetupFlow(QWidget):
    """Signals:
        create_requested(str, bool, bool): passphrase, whether to make a recovery key, and
            whether discreet mode was chosen.
        copy_requested(str): copy the recovery key (marked sensitive).
        print_requested(str): print the recovery key.
        finished(): the person confirmed the recovery key (or made none) and can start.
        sample_requested(): "Look around with sample data first" was chosen.
        restore_requested(object, str): the journal file is missing and backups exist: restore
            this one (a Path) with this passphrase.
    """

    create_requested = Signal(str, bool, bool)
    copy_requested = Signal(str)
    print_requested = Signal(str)
    finished = Signal()
    sample_requested = Signal()
    restore_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QStackedWidget(self)

        welcome, lay = _page(self)
        self._welcome_text = QLabel(welcome)
        text = self._welcome_text
        self.set_quick_exit_words(self.tr("Quick exit (Esc twice, or the Quick exit button) hides "
                                          "the window at once, saves what you were writing "
                                          "(encrypted), locks it and closes the program."))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.discreet_box = QCheckBox(self.tr("Discreet mode: call the window “Notes” and use a "
                                              "plain icon"), welcome)
        self.continue_button = QPushButton(self.tr("Continue"), welcome)
        self.continue_button.setDefault(True)
        # The words scroll when the window is small (800×600, or a longer translation), so that
        # none is cut off and the choices below stay in view.
        words = QScrollArea(welcome)
        words.setWidgetResizable(True)
        words.setFrameShape(QFrame.Shape.NoFrame)
        words.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        words.setWidget(text)
        lay.addWidget(words, 1)
        lay.addWidget(self.discreet_box)
        # Sample data without a terminal: a made-up journal in a window of its own, apart
        # from the real data folder; closing it comes back here (app/demo.py).
        self.sample_button = QPushButton(self.tr("Look around with sample data first"),
                                         welcome)
        self.sample_button.setToolTip(self.tr(
            "Opens a made-up year of entries and check-ins in a window of its own. Nothing is "
            "kept, and your own journal is not made until you come back here."))
        self.sample_button.clicked.connect(self.sample_requested)
        start_row = QHBoxLayout()
        start_row.addWidget(self.sample_button)
        start_row.addStretch(1)
        start_row.addWidget(self.continue_button)
        lay.addLayout(start_row)

        choose, lay = _page(self)
        heading = QLabel(self.tr("<h2>Choose a passphrase</h2>"), choose)
        guidance = QLabel(self.tr(
            "Choose something that someone who knows you could not guess: not names, birthdays, "
            "pets or places. Several random words are easy to remember and hard to guess. There "
            "is no way to reset a forgotten passphrase unless you make a recovery key."), choose)
        guidance.setWordWrap(True)
        self.passphrase_edit = QLineEdit(choose)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("New passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Passphrase"))
        self.repeat_edit = QLineEdit(choose)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(self.tr("Repeat the passphrase"))
        self.repeat_edit.setPlaceholderText(self.tr("Type it again"))
        self.show_box = QCheckBox(self.tr("Show what I type"), choose)
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase"), choose)
        self.strength_bar = QProgressBar(choose)
        self.strength_bar.setRange(0, 5)  # a level in words beside it; never an empty box
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_label = QLabel(choose)
        self.recovery_box = QCheckBox(self.tr("Also make a recovery key (a code that opens the "
                                              "journal if you forget the passphrase)"), choose)
        self.recovery_note = QLabel(self.tr("Anyone who finds the recovery key can open your "
                                            "journal. Only make one if you can keep it somewhere "
                                            "safe."), choose)
        self.recovery_note.setWordWrap(True)
        self.error_label = QLabel(choose)
        self.error_label.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create my journal"), choose)
        self.create_button.setDefault(True)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_bar, 1)
        strength_row.addWidget(self.strength_label)
        tools = QHBoxLayout()
        tools.addWidget(self.show_box)
        tools.addStretch(1)
        tools.addWidget(self.suggest_button)
        for widget in (heading, guidance, self.passphrase_edit, self.repeat_edit):
            lay.addWidget(widget)
        lay.addLayout(tools)
        lay.addLayout(strength_row)
        for part in (self.recovery_box, self.recovery_note, self.error_label):
            lay.addWidget(part)
        lay.addStretch(1)
        lay.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        recovery, lay = _page(self)
        heading = QLabel(self.tr("<h2>Your recovery key</h2>"), recovery)
        explain = QLabel(self.tr("Write this down on paper now and keep it somewhere only you can "
                                 "reach. It is shown only once. Anyone who has it can open your "
                                 "journal."), recovery)
        explain.setWordWrap(True)
        self.recovery_label = QLabel(recovery)
        self.recovery_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery_label.setAccessibleName(self.tr("Recovery key"))
        font = self.recovery_label.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.recovery_label.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy"), recovery)
        self.print_button = QPushButton(self.tr("Print…"), recovery)
        self.written_box = QCheckBox(self.tr("I have written it down"), recovery)
        self.start_button = QPushButton(self.tr("Start writing"), recovery)
        self.start_button.setEnabled(False)
        buttons = QHBoxLayout()
        self.copy_button.clicked.connect(
            lambda: self.copy_requested.emit(self.recovery_label.text()))
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(self.recovery_label.text()))
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        for widget in (heading, explain, self.recovery_label):
            lay.addWidget(widget)
        lay.addLayout(buttons)
        self.copy_note = QLabel(recovery)
        self.copy_note.setWordWrap(True)
        lay.addWidget(self.copy_note)
        lay.addWidget(self.written_box)
        lay.addStretch(1)
        lay.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)

        restore, lay = _page(self)
        heading = QLabel(self.tr("<h2>Your journal file is missing</h2>"), restore)
        self.restore_text = QLabel(restore)
        self.restore_text.setWordWrap(True)
        self.restore_edit = QLineEdit(restore)
        self.restore_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.restore_edit.setAccessibleName(self.tr("Passphrase"))
        self.restore_edit.setPlaceholderText(self.tr("Passphrase"))
        self.restore_button = QPushButton(self.tr("Restore the newest backup"), restore)
        self.restore_button.setDefault(True)
        self.restore_error = QLabel(restore)
        self.restore_error.setWordWrap(True)
        self.new_instead_button = QPushButton(self.tr("Start a new journal instead"), restore)
        for widget in (heading, self.restore_text, self.restore_edit, self.restore_error):
            lay.addWidget(widget)
        lay.addStretch(1)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.new_instead_button)
        restore_row.addStretch(1)
        restore_row.addWidget(self.restore_button)
        lay.addLayout(restore_row)
        self._restore_from: Path | None = None

        for page in (welcome, choose, recovery, restore):
            holder = QWidget(self)
            centred = QHBoxLayout(holder)
            centred.addWidget(page)
            self.pages.addWidget(holder)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)

        self.continue_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.passphrase_edit.textChanged.connect(self._on_passphrase_changed)
        self.show_box.toggled.connect(self._on_show_toggled)
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.written_box.toggled.connect(self.start_button.setEnabled)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.restore_edit.returnPressed.connect(self._on_restore_clicked)
        self.new_instead_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self._on_passphrase_changed("")
        # Typing clears an old refusal; Continue leaves the keyboard in the passphrase field;
        # Copy says what becomes of the copy; Enter goes on (keyPressEvent).
        self.passphrase_edit.textEdited.connect(self._on_passphrase_typed)
        self.repeat_edit.textEdited.connect(self._on_passphrase_typed)
        self.continue_button.clicked.connect(lambda: self.passphrase_edit.setFocus())
        self.copy_button.clicked.connect(self._on_copy_clicked)

    def set_quick_exit_words(self, sentence: str) -> None:
        """The welcome page names the keys and action chosen (they can change in Settings)."""
        self._welcome_text.setText(self._welcome().replace("{quick_exit}", sentence))

    def _welcome(self) -> str:
        return self.tr("""<h2>Welcome to Unknot</h2>
<p>Unknot is a private journal that stays on this computer. Before you start, here is what it can
and cannot do for you.</p>
<p><b>What is inside.</b> A blog article about trauma bonding and the six signs it lists, with
questions you can write about or skip; a private journal; a timeline that shows how your entries
and the signs change over time; and a weekly check-in, if you want one.</p>
<p><b>What it is not.</b> Unknot is not a replacement for professional care, and it cannot
diagnose anything. Help (F1) lists crisis lines and helplines, and you can open it now, before
you make a journal.</p>
<p><b>What stays private.</b> Everything you write, and when you wrote it, is locked with your
passphrase. Unknot never connects to the internet.</p>
<p><b>What it cannot protect against.</b> Spying software on this computer, and someone who uses
the computer while your journal is open. Lock it (Ctrl+L) or use quick exit when you step away.
{quick_exit}</p>
<p><b>Traces it leaves.</b> Folders named “Unknot” (the locked journal and its backups, settings,
and a cache), the installed program, and its menu entry. Files you choose to make are yours to
delete: a saved summary or export (not locked), and a printed recovery key. Someone who looks can
see that Unknot is installed, but not what you wrote. Settings shows the data folder and can
remove everything.</p>
<p><b>Discreet mode</b> calls every window, the menu entry and the lock screen “Notes” and uses a
plain icon. It cannot hide the installed package, the program's name in a list of running
programs, a software centre's listing, or the folders' names.</p>
<p><b>Portable mode.</b> To keep everything in one folder, for example on a USB stick, start
Unknot with <code>--data-dir</code> and that folder, or put a file named
<code>unknot-portable.txt</code> beside the program.</p>""")

    def clear_recovery_key(self) -> None:
        """Locked while the key was on screen: it goes with everything else."""
        self.recovery_label.clear()
        self.written_box.setChecked(False)
        if self.pages.currentIndex() == 2:
            self.pages.setCurrentIndex(0)

    def show_restore(self, newest: Path, when: str, count: int) -> None:
        """The journal file is gone but `count` backups are here: offer the newest first."""
        self._restore_from = newest
        self.restore_text.setText(self.tr(
            "The journal file is not where it was, but %d backup(s) of it are here, the newest "
            "from %s. Type your passphrase to restore it and go on where you left off. If you "
            "start a new journal instead, these backups are kept apart, and the new journal's "
            "backups never replace them.") % (count, when))
        self.restore_error.clear()
        self.restore_button.setEnabled(True)
        self.pages.setCurrentIndex(3)
        self.restore_edit.setFocus()

    def show_restore_failed(self, message: str) -> None:
        self.restore_button.setEnabled(True)
        self.restore_error.setText(message)

    def _on_restore_clicked(self) -> None:
        secret = self.restore_edit.text()
        if self._restore_from is None or not secret:
            return
        self.restore_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.restore_button.setEnabled(False)
        self.restore_error.setText(self.tr("Restoring the backup…"))
        self.restore_requested.emit(self._restore_from, secret)

    def _on_passphrase_changed(self, text: str) -> None:
        strength = phrase.estimate(text)
        self.strength_bar.setValue(strength.level + 1)  # "Very weak" shows a sliver
        self.strength_label.setText(core_text(strength.words, "strength"))  # a level, in words

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def _on_suggest_clicked(self) -> None:
        suggestion = phrase.generate()
        self.show_box.setChecked(True)
        self.passphrase_edit.setText(suggestion)
        self.repeat_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.error_label.setText(self.tr("Write it down or learn it, then type it again below."))
        self.repeat_edit.setFocus()

    def _on_create_clicked(self) -> None:
        first, second = self.passphrase_edit.text(), self.repeat_edit.text()
        reason = phrase.refusal(first, second)  # the core's one policy
        if reason is not None:
            self.error_label.setText(core_text(reason))
            return
        self.error_label.setText(self.tr("Creating your journal…"))
        self.create_button.setEnabled(False)
        self.create_requested.emit(first, self.recovery_box.isChecked(),
                                   self.discreet_box.isChecked())

    def show_create_failed(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.error_label.setText(message)

    def show_recovery_key(self, key: str | None) -> None:
        self.passphrase_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.repeat_edit.setText("")  # clear() could be undone with Ctrl+Z
        if key is None:
            self.finished.emit()
            return
        self.recovery_label.setText(key)
        self.copy_note.clear()
        self.pages.setCurrentIndex(2)

    def _on_start_clicked(self) -> None:
        self.recovery_label.clear()
        self.finished.emit()

    def _on_passphrase_typed(self, _text: str) -> None:
        if self.create_button.isEnabled():  # not while "Creating your journal…"
            self.error_label.clear()

    def _on_copy_clicked(self) -> None:
        self.copy_note.setText(self.tr("Copied. The copy is cleared from the clipboard when you "
                                       "start writing or the journal locks."))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter goes on: Continue on the welcome page, Create (or the second field, while it
        is empty) on the passphrase page, Start writing on the recovery page. A focused button
        is pressed instead."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        focused = self.focusWidget()
        page = self.pages.currentIndex()
        if isinstance(focused, QPushButton) and focused.isEnabled():
            focused.click()
        elif page == 1 and focused is self.passphrase_edit and not self.repeat_edit.text():
            self.repeat_edit.setFocus()
        else:
            button = {0: self.continue_button, 1: self.create_button,
                      2: self.start_button}.get(page)
            if button is not None and button.isEnabled():
                button.click()
        event.accept()
