"""The whole window in Spanish, page by page, at 800×600: no English left, nothing clipped.

UNKNOT_LANG=es is how a person (or a test) asks for Spanish; the window is built after it, the
way main() does. Every page a person reaches is walked — first run (welcome and passphrase),
the journal with Read, Signs and the editor, the timeline, the weekly check-in, Settings, Share,
Help, About and the lock screen — and every word it shows is gathered: labels, buttons, group
boxes, tabs, actions, window titles, tooltips, placeholders, accessible names, combo box items
and list rows.

"English left" is decided two ways, both honest about what they catch:
- a text that is one of the English sources (the .ts file's, the core's catalogue, the signs'
  own English words), or holds one of more than a few words;
- a text with English words that Spanish never uses ("the", "your", "entry", "Cancel",
  English month names…), which also catches strings that were never marked for translation.
Excepted: the article's own words (the sign cards quote its heading and description, which
stay English by design), the readers' names, what the test itself typed, and the documents
(Markdown views), whose Spanish versions are checked by tests/app/test_translations.py and here
by their first heading.

"Clipped": a button, check box or radio button narrower than its size hint, a one-line label
narrower than its text, a wrapped label shorter than its text needs (a label whose width is
set by the layout on purpose, with the full text in its tooltip, is not counted). Screenshots
of each page go to $UNKNOT_SCREENSHOTS when it is set (they were looked at when this test was
written).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, TimelinePage, click, type_into, when_modal
from unknot.app.i18n import install_translation
from unknot.journal.content import load_article, load_reader_comments, load_signs

ROOT = Path(__file__).resolve().parents[2]
ENGLISH_WORDS = {
    "the", "and", "you", "your", "with", "this", "that", "what", "entry", "entries", "journal",
    "passphrase", "save", "saved", "cancel", "close", "sign", "signs", "week", "mood", "help",
    "settings", "lock", "locked", "unlock", "write", "is", "are", "from", "for", "of", "to",
    "not", "check-in", "timeline", "apply", "reset", "yes", "ok", "search", "new", "show",
    "hide", "about", "read", "article", "all", "open", "choose", "import", "share", "quick",
    "exit", "print", "copy", "continue", "start", "skip", "shift", "enter", "untitled",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb",
    "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",  # not "mar": Spanish for Tuesday
}
TYPED_TITLE = "Un dia tranquilo"  # keyClicks types ASCII only
TYPED_BODY = "Hoy escribo poco."


@pytest.fixture
def data_paths() -> Iterator[Any]:
    """A data folder with a path as short as a person's (~/.local/share/unknot): Settings
    shows it, and pytest's own temporary paths are three times as long."""
    from unknot.journal.paths import DataPaths

    folder = Path(tempfile.mkdtemp(prefix="unknot-"))
    yield DataPaths.in_folder(folder / "data")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[str]:
    translation = install_translation(qapp, {"UNKNOT_LANG": "es"})
    assert translation.language == "es"
    yield "es"
    translation.remove()


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Spanish, and English for comparison: nothing may be clipped in either."""
    translation = install_translation(qapp, {"UNKNOT_LANG": request.param})
    assert translation.language == request.param
    yield request.param
    translation.remove()


def _english_sources() -> set[str]:
    """Every English text that has a Spanish translation of its own."""
    found = set()
    tree = ET.parse(ROOT / "resources" / "translations" / "unknot_es.ts")
    for message in tree.getroot().iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation")
        if translation and translation != source:
            found.add(source)
    core = json.loads((ROOT / "resources/translations/core.es.json").read_text("utf-8"))
    found |= {key.rpartition("|")[2] for key in core}
    for sign in load_signs():
        found |= {sign.title, sign.statement, *sign.prompts}
    return found


def _quoted() -> set[str]:
    """What stays in the article's own words, by design."""
    article = load_article()
    quoted = {article.title, article.byline}
    for sign in load_signs():
        quoted |= {sign.heading, sign.description}
    quoted |= {comment.name for comment in load_reader_comments()}
    return quoted


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ")


def _model_texts(view: QAbstractItemView) -> list[str]:
    model, texts = view.model(), []
    if model is None:
        return texts
    for row in range(model.rowCount(QModelIndex())):
        index = model.index(row, 0)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.AccessibleTextRole):
            value = index.data(role)
            if isinstance(value, str):
                texts.append(value)
    return texts


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every word a person can see or hear on `root` as it is now."""
    found: list[tuple[str, str]] = []

    def add(widget: QObjectLike, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__} {widget.objectName()}".strip(), text))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if widget.isWindow():
            add(widget, widget.windowTitle())
        for text in (widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
                     widget.statusTip(), widget.whatsThis()):
            add(widget, _plain(text))
        if isinstance(widget, QLabel):
            add(widget, _plain(widget.text()))
        elif isinstance(widget, QAbstractButton):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QDateEdit):
            add(widget, widget.text())
        elif isinstance(widget, QLineEdit | QPlainTextEdit) or (
                isinstance(widget, QTextEdit) and not isinstance(widget, QTextBrowser)):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
                add(widget, widget.tabToolTip(i))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QTextBrowser):
            for text in _model_texts(widget):
                add(widget, text)
    for action in root.findChildren(QAction):
        if action.isVisible() and not action.isSeparator():
            add(action, action.text().replace("&", ""))
            add(action, action.toolTip().replace("&", ""))
    return found


QObjectLike = Any


def english_left(texts: list[tuple[str, str]]) -> list[str]:
    sources, quoted = _english_sources(), _quoted()
    long_sources = [s for s in sources if len(s.split()) >= 4]
    problems = []
    for where, text in texts:
        text = text.replace("&", "").strip()
        if text in quoted or text in (TYPED_TITLE, TYPED_BODY, PASSPHRASE):
            continue
        rest = re.sub(r"/\S+", " ", text)  # a folder's path is not a sentence
        for kept in sorted({*quoted, TYPED_TITLE, TYPED_BODY}, key=len, reverse=True):
            rest = rest.replace(kept, " ")  # a quote, or what the test typed, in a sentence
        words = {w.lower() for w in re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", rest)}
        if rest in sources or any(s in rest for s in long_sources) or words & ENGLISH_WORDS:
            problems.append(f"{where}: {text[:120]!r}")
    return sorted(set(problems))


def clipped(root: QWidget, skip: frozenset[QWidget] = frozenset()) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or widget in skip:
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QPushButton) and widget.text():
            # The text itself must fit inside the frame (a flat button draws none; its size
            # hint adds padding it can spare).
            icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
            frame = 0 if widget.isFlat() and not widget.isChecked() else 6
            need = widget.fontMetrics().horizontalAdvance(_shown(widget.text())) + icon + frame
            if widget.width() < need:
                problems.append(f"{name} {widget.text()!r}: {widget.width()} < {need}")
        elif isinstance(widget, QCheckBox | QRadioButton) and widget.text():
            if widget.width() + 1 < widget.sizeHint().width():
                problems.append(f"{name} {widget.text()!r}: {widget.width()} < "
                                f"{widget.sizeHint().width()}")
        elif isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
            if widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
                continue  # elided on purpose; its tooltip holds the whole text
            room = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(room.width()) > room.height() + 2:
                    problems.append(f"{name} {widget.text()[:50]!r}: needs "
                                    f"{widget.heightForWidth(room.width())} px, has "
                                    f"{room.height()}")
            elif widget.textFormat() != Qt.TextFormat.RichText and "<" not in widget.text():
                need = max(widget.fontMetrics().horizontalAdvance(_shown(line))
                           for line in widget.text().splitlines() or [""])
                if need > room.width() + 2:
                    problems.append(f"{name} {widget.text()[:50]!r}: {room.width()} < {need}")
    return problems


def _shown(text: str) -> str:
    """The text as drawn: a mnemonic's "&" is not drawn ("&&" is one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("UNKNOT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


#: Known and not yet fixed: the editor's six sign check boxes sit two to a row and their names
#: do not fit beside the entry list at 800×600, in English as in Spanish (issue 10's editor).
#: test_the_editors_sign_boxes_fit_at_800_by_600 fails strictly until they do.
KNOWN_CLIPPED: set[QWidget] = set()
#: Known and not yet fixed: in English, Settings needs a few pixels more than 800 (its discreet
#: mode check box and the label column beside it; issue 11's dialog). The Spanish words were
#: chosen to fit. test_settings_fit_800_wide_in_english fails strictly until it does.
KNOWN_TOO_WIDE = {("en", "11-settings")}


def check_page(qtbot: QtBot, widget: QWidget, name: str) -> list[str]:
    QCoreApplication.processEvents()
    language = "es" if QCoreApplication.translate("SignsPane", "The six signs") != (
        "The six signs") else "en"
    shoot(widget, f"{language}-{name}")
    english = english_left(texts_of(widget)) if language == "es" else []
    return ([f"[{name}] English: {p}" for p in english]
            + [f"[{name}] clipped ({language}): {p}"
               for p in clipped(widget, frozenset(KNOWN_CLIPPED))])


def in_dialog(qtbot: QtBot, kind: type[QWidget], name: str, problems: list[str],
              opener: Callable[[], None], *, modal_exec: bool = False) -> None:
    """Open a dialog, check it at the size it takes on an 800×600 screen, and close it."""
    def act(dialog: QWidget) -> None:
        qtbot.waitExposed(dialog)
        # The offscreen screen is 800×800: a dialog taller or wider than 800×600 is brought
        # down to it, as a window manager on an 800×600 screen would, and must still fit.
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        language = "es" if QCoreApplication.translate("SignsPane", "The six signs") != (
            "The six signs") else "en"
        if (language, name) in KNOWN_TOO_WIDE:
            least = least.boundedTo(QSize(800, 600))
        if least.width() > 800 or least.height() > 600:
            problems.append(f"[{name}] cannot be made as small as 800×600: it needs "
                            f"{least.width()}×{least.height()}")
        dialog.resize(min(dialog.width(), 800), min(dialog.height(), 600))
        QCoreApplication.processEvents()
        problems.extend(check_page(qtbot, dialog, name))
        assert isinstance(dialog, QDialog)
        dialog.reject()

    if modal_exec:
        when_modal(act, kind)
        opener()
        return
    opener()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, kind) and w.isVisible())
    act(dialog)


@pytest.mark.timeout(180)
def test_every_page_in_spanish_at_800_by_600(qtbot: QtBot, language: str, make_app) -> None:
    from unknot.app.checkin.checkin_dialog import CheckInDialog
    from unknot.app.read.about_dialog import AboutDialog
    from unknot.app.share.summary_dialog import SummaryDialog

    problems: list[str] = []
    ctl = make_app()
    window = ctl.window
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    flow = window.setup_flow

    problems += check_page(qtbot, window, "01-welcome")
    if language == "en":  # the check sees English where there is English
        assert len(english_left(texts_of(window))) > 5
    in_dialog(qtbot, QDialog, "02-help-first-run", problems, window.help_action.trigger)
    click(qtbot, flow.continue_button)
    problems += check_page(qtbot, window, "03-choose-passphrase")
    type_into(qtbot, flow.passphrase_edit, PASSPHRASE)
    type_into(qtbot, flow.repeat_edit, PASSPHRASE)
    click(qtbot, flow.create_button)
    qtbot.waitUntil(window.is_journal_shown, timeout=15000)

    pane = JournalPage(window)
    KNOWN_CLIPPED.clear()
    KNOWN_CLIPPED.update(pane.sign_boxes)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.title, TYPED_TITLE)
    type_into(qtbot, pane.body, TYPED_BODY)
    click(qtbot, pane.sign_box("isolated"))
    saved = "Guardado · cifrado" if language == "es" else "Saved · encrypted"
    qtbot.waitUntil(lambda: pane.status.text() == saved, timeout=10000)
    window.left_tabs.setCurrentWidget(window.read_pane)
    problems += check_page(qtbot, window, "04-journal-before-you-read")
    click(qtbot, window.read_pane.read_article_button)
    article = window.read_pane.article_view.toPlainText()
    assert ("Unknot no los traduce" in article) == (language == "es")  # the note, in Spanish
    assert load_article().title in article  # the article itself, in its own words
    problems += check_page(qtbot, window, "05-journal-article")
    window.help_action.trigger()
    assert window.read_pane.help_view.toPlainText().startswith(
        "Ayuda" if language == "es" else "Help")
    problems += check_page(qtbot, window, "06-help-page")
    window.left_tabs.setCurrentWidget(window.signs_pane)
    for card in window.signs_pane.cards():
        card.set_quote_open(True)
    ctl.signs.recount()
    problems += check_page(qtbot, window, "07-signs")
    pane.tabs.setCurrentIndex(1)
    problems += check_page(qtbot, window, "08-editor-preview")
    pane.tabs.setCurrentIndex(0)

    window.timeline_action.trigger()
    qtbot.waitUntil(lambda: window.timeline_pane.isVisible())
    problems += check_page(qtbot, window, "09-timeline")
    in_dialog(qtbot, CheckInDialog, "10-check-in", problems,
              lambda: click(qtbot, TimelinePage(window).checkin_button))
    window.journal_action.trigger()

    in_dialog(qtbot, QDialog, "11-settings", problems, window.settings_action.trigger,
              modal_exec=True)
    in_dialog(qtbot, SummaryDialog, "12-share", problems, window.share_action.trigger)
    in_dialog(qtbot, AboutDialog, "13-about", problems, window.about_action.trigger)

    window.lock_action.trigger()
    qtbot.waitUntil(lambda: window.lock_screen.isVisible(), timeout=10000)
    problems += check_page(qtbot, window, "14-lock-screen")

    assert not problems, "\n".join(problems)


def test_qts_own_buttons_speak_spanish_too(qtbot: QtBot, spanish: str) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancelar"
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == (
        "Guardar")


def test_the_editors_sign_boxes_fit_at_800_by_600(qtbot: QtBot, make_app) -> None:
    from driving import create_journal

    ctl = make_app()
    ctl.window.resize(800, 600)
    qtbot.waitUntil(lambda: ctl.window.width() == 800)
    create_journal(qtbot, ctl)
    editor = JournalPage(ctl.window)
    click(qtbot, JournalPage(ctl.window).new_button)
    QCoreApplication.processEvents()
    boxes = list(editor.sign_boxes)
    assert all(box.isVisible() for box in boxes)
    assert not [p for p in clipped(ctl.window) if "QCheckBox" in p]


def test_settings_fit_800_wide_in_english(qtbot: QtBot) -> None:
    from unknot.app.preferences import Preferences
    from unknot.app.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Preferences())
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().width() <= 800
