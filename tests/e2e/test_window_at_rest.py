"""The window at rest (issue 15): every page and dialog, at 800×600 and 1280×800, in a light and a
forced dark palette, is whole — no label's text elided or clipped, no button narrower than its
text needs, no control outside the window — and its text reads: WCAG contrast ≥ 4.5:1 for body
text, ≥ 3:1 for large text and for the accent used as a mark.

Contrast is computed from the colours each widget actually paints with: its palette (which the
application's style sheet feeds) for its foreground role against its background role, and for
text fields, lists and views their Text against Base. The lowest pair found is printed (run with
-s to see it) and recorded as the test's `lowest_contrast` property.

Screenshots of each page go to $UNKNOT_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, TimelinePage, click, type_into, when_modal, write_entry
from unknot.app.widgets import style

SIZES = {"800x600": (800, 600), "1280x800": (1280, 800)}
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
            QAbstractItemView, QTabBar)


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QPalette(qapp.palette())
    if request.param == "dark":
        style.apply_palette(qapp, style.dark_palette())
    else:
        style.apply_palette(qapp, qapp.style().standardPalette())
    yield request.param
    style.apply_palette(qapp, before)


# --- what "whole" means ------------------------------------------------------------------------


def _shown(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()[:40]
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r}"


def cut_off(root: QWidget) -> list[str]:
    """Labels whose text does not fit their rectangle, buttons narrower than their size hint."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QPushButton | QCheckBox | QRadioButton) and widget.text():
            if isinstance(widget, QPushButton) and widget.isFlat():
                need = widget.fontMetrics().horizontalAdvance(_shown(widget.text())) + 6
            else:
                need = widget.sizeHint().width()
            if widget.width() + 1 < need:
                problems.append(f"{_name(widget)}: {widget.width()} < {need}")
        elif isinstance(widget, QToolButton) and widget.text() and widget.isVisible():
            if widget.width() + 1 < widget.sizeHint().width():
                problems.append(f"{_name(widget)}: {widget.width()} < "
                                f"{widget.sizeHint().width()}")
        elif isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if (widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
                    and widget.toolTip()):
                continue  # elided on purpose; its tooltip holds the whole text
            room = widget.contentsRect()
            margin = widget.margin() * 2 + widget.indent() if widget.indent() > 0 else \
                widget.margin() * 2
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 2:
                    problems.append(f"{_name(widget)}: needs {need} px high, has "
                                    f"{widget.height()}")
            elif widget.textFormat() != Qt.TextFormat.RichText and "<" not in widget.text():
                need = max(widget.fontMetrics().horizontalAdvance(_shown(line))
                           for line in widget.text().splitlines() or [""]) + margin
                if need > room.width() + 2:
                    problems.append(f"{_name(widget)}: {room.width()} < {need}")
    return problems


def _inside_scroll_area(widget: QWidget, root: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def outside(root: QWidget) -> list[str]:
    """Controls (or the scroll area holding them) that lie partly outside the window."""
    problems = []
    frame = QRect(QPoint(0, 0), root.size())
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if widget.window() is not root:
            continue
        holder = _inside_scroll_area(widget, root) or widget
        rect = QRect(holder.mapTo(root, QPoint(0, 0)), holder.size())
        if not frame.contains(rect):
            problems.append(f"{_name(widget)} at {rect.getRect()} outside {frame.getRect()}")
    return problems


# --- contrast ----------------------------------------------------------------------------------


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def ratio(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _over(front: QColor, back: QColor) -> QColor:
    alpha = front.alphaF()
    return QColor(round(front.red() * alpha + back.red() * (1 - alpha)),
                  round(front.green() * alpha + back.green() * (1 - alpha)),
                  round(front.blue() * alpha + back.blue() * (1 - alpha)))


def _background(widget: QWidget) -> QColor:
    """The colour behind a widget: its own background role if it fills it, else its nearest
    ancestor's that does, else the window's."""
    current: QWidget | None = widget
    while current is not None:
        if current.autoFillBackground() or current.isWindow() or isinstance(
                current, QAbstractScrollArea):
            role = current.backgroundRole()
            if isinstance(current, QAbstractScrollArea):
                role = current.viewport().backgroundRole()
                if not current.viewport().autoFillBackground():
                    current = current.parentWidget()
                    continue
            return current.palette().color(role)
        current = current.parentWidget()
    return widget.palette().color(QPalette.ColorRole.Window)


def contrast_pairs(root: QWidget) -> list[tuple[float, float, str]]:
    """(ratio, required, what) for every visible piece of text on `root`."""
    pairs: list[tuple[float, float, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue  # WCAG does not ask it of disabled controls
        p = widget.palette()
        points = widget.font().pointSizeF()
        large = points >= 18 or (points >= 14 and widget.font().bold())
        need = 3.0 if large else 4.5
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractItemView):
            base = p.color(QPalette.ColorRole.Base)
            pairs.append((ratio(p.color(QPalette.ColorRole.Text), base), need,
                          f"{_name(widget)} text on base"))
            if isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
                pairs.append((ratio(_over(p.color(QPalette.ColorRole.PlaceholderText), base),
                                    base), 4.5, f"{_name(widget)} placeholder"))
            if isinstance(widget, QAbstractItemView):
                pairs.append((ratio(p.color(QPalette.ColorRole.HighlightedText),
                                    p.color(QPalette.ColorRole.Highlight)), 4.5,
                              f"{_name(widget)} selected row"))
        elif isinstance(widget, QLabel) and widget.text():
            front = p.color(widget.foregroundRole())
            back = _background(widget)
            pairs.append((ratio(_over(front, back), back), need, f"{_name(widget)}"))
        elif isinstance(widget, QAbstractButton) and widget.text():
            role = QPalette.ColorRole.ButtonText
            back = p.color(QPalette.ColorRole.Button)
            if isinstance(widget, QCheckBox | QRadioButton) or (
                    isinstance(widget, QPushButton) and widget.isFlat()):
                role, back = QPalette.ColorRole.WindowText, _background(widget)
            pairs.append((ratio(p.color(role), back), need, f"{_name(widget)}"))
    from unknot.app.timeline.timeline_view import TimelineChart
    from unknot.app.widgets.timeline_renderer import TimelineColors

    for chart in root.findChildren(TimelineChart):
        if chart.isVisible():
            colors = TimelineColors.from_palette(chart.palette())
            back = colors.background
            pairs.append((ratio(colors.text, back), 4.5, "timeline: sign names"))
            pairs.append((ratio(_over(colors.muted, back), back), 4.5,
                          "timeline: months and mood words"))
            pairs.append((ratio(colors.fill, back), 3.0, "timeline: strongest shade, mood line"))
    accent = style.accent(root.palette())
    window = root.palette().color(QPalette.ColorRole.Window)
    base = root.palette().color(QPalette.ColorRole.Base)
    pairs.append((ratio(accent, window), 3.0, "accent mark on window"))
    pairs.append((ratio(accent, base), 3.0, "accent mark on base"))
    return pairs


# --- the walk ----------------------------------------------------------------------------------


class Walk:
    def __init__(self, qtbot: QtBot, size: str, palette: str) -> None:
        self.qtbot, self.size, self.palette = qtbot, size, palette
        self.problems: list[str] = []
        self.pairs: list[tuple[float, float, str]] = []

    def check(self, root: QWidget, name: str) -> None:
        QCoreApplication.processEvents()
        folder = os.environ.get("UNKNOT_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            root.grab().save(str(Path(folder) / f"{self.size}-{self.palette}-{name}.png"))
        tag = f"[{name} {self.size} {self.palette}]"
        self.problems += [f"{tag} cut off: {p}" for p in cut_off(root)]
        self.problems += [f"{tag} outside: {p}" for p in outside(root)]
        self.pairs += [(r, n, f"{tag} {what}") for r, n, what in contrast_pairs(root)]

    def dialog(self, kind: type[QWidget], name: str, opener: Callable[[], None], *,
               modal_exec: bool = False) -> None:
        width, height = SIZES[self.size]

        def act(dialog: QWidget) -> None:
            self.qtbot.waitExposed(dialog)
            least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
            if least.width() > width or least.height() > height:
                self.problems.append(f"[{name} {self.size}] needs {least.width()}×"
                                     f"{least.height()}, more than the screen")
            dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
            QCoreApplication.processEvents()
            self.check(dialog, name)
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


@pytest.mark.timeout(240)
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_is_whole_and_readable(qtbot: QtBot, make_app: Any, size: str,
                                          palette: str, record_property: Any) -> None:
    from unknot.app.checkin.checkin_dialog import CheckInDialog
    from unknot.app.read.about_dialog import AboutDialog
    from unknot.app.share.summary_dialog import SummaryDialog

    width, height = SIZES[size]
    walk = Walk(qtbot, size, palette)
    ctl = make_app()
    window = ctl.window
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    flow = window.setup_flow

    walk.check(window, "01-welcome")
    walk.dialog(QDialog, "02-help-first-run", window.help_action.trigger)
    click(qtbot, flow.continue_button)
    walk.check(window, "03-choose-passphrase")
    type_into(qtbot, flow.passphrase_edit, PASSPHRASE)
    type_into(qtbot, flow.repeat_edit, PASSPHRASE)
    click(qtbot, flow.create_button)
    qtbot.waitUntil(window.is_journal_shown, timeout=15000)

    pane = JournalPage(window)
    for n in range(3):
        write_entry(qtbot, ctl, f"A quiet day {n}", "Not much to say.", sign="isolated")
    window.left_tabs.setCurrentWidget(window.read_pane)
    window.read_pane.show_before_you_read()
    walk.check(window, "04-journal-before-you-read")
    window.read_pane.show_article()
    walk.check(window, "05-journal-article")
    window.help_action.trigger()
    walk.check(window, "06-help-page")
    window.show_signs()
    for card in window.signs_pane.cards():
        card.set_quote_open(True)
    walk.check(window, "07-signs")
    pane.tabs.setCurrentIndex(1)
    walk.check(window, "08-editor-preview")
    pane.tabs.setCurrentIndex(0)

    window.timeline_action.trigger()
    qtbot.waitUntil(lambda: window.timeline_pane.isVisible())
    walk.check(window, "09-timeline")
    walk.dialog(CheckInDialog, "10-check-in",
                lambda: click(qtbot, TimelinePage(window).checkin_button))
    window.journal_action.trigger()
    walk.dialog(QDialog, "11-settings", window.settings_action.trigger, modal_exec=True)
    walk.dialog(SummaryDialog, "12-share", window.share_action.trigger)
    walk.dialog(AboutDialog, "13-about", window.about_action.trigger)

    window.lock_action.trigger()
    qtbot.waitUntil(lambda: window.lock_screen.isVisible(), timeout=10000)
    walk.check(window, "14-lock-screen")

    lowest = min(walk.pairs)
    record_property("lowest_contrast", f"{lowest[0]:.2f}:1 {lowest[2]}")
    print(f"\nlowest contrast ({size}, {palette}): {lowest[0]:.2f}:1 — {lowest[2]}")  # noqa: T201
    failing = [f"{what}: {r:.2f}:1 < {n}:1" for r, n, what in walk.pairs if r < n]
    assert not walk.problems + failing, "\n".join(walk.problems + failing)


# --- the parts, one by one -----------------------------------------------------------------------


def _seed(vault_path: Path, count: int) -> None:
    from datetime import timedelta

    from unknot.journal import journal as ops
    from unknot.journal.localtime import now
    from unknot.journal.model import Entry

    created = ops.create_journal(vault_path, PASSPHRASE)
    with created.journal as journal:
        for n in range(count):
            signs = ("isolated", "addicted")[: n % 3]
            entry = Entry.new(now() - timedelta(days=n + 1), title="",
                              body=f"<b>Tea</b> with **Sam**, day {n}\n\nMore.",
                              signs=signs, mood=(n % 5) - 2)
            ops.save(journal, entry)


def _open(qtbot: QtBot, make_app: Any, data_paths: Any, size: tuple[int, int],
          count: int = 10) -> Any:
    from driving import unlock

    _seed(data_paths.vault, count)
    ctl = make_app()
    ctl.window.resize(*size)
    qtbot.waitUntil(lambda: (ctl.window.width(), ctl.window.height()) == size)
    unlock(qtbot, ctl)
    QCoreApplication.processEvents()
    return ctl


def _rows_shown(view: QAbstractItemView) -> int:
    model, shown = view.model(), 0
    area = view.viewport().rect()
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if area.contains(rect):
            shown += 1
    return shown


def test_the_list_shows_eight_plain_rows_with_marks_at_1280_by_800(
        qtbot: QtBot, make_app: Any, data_paths: Any) -> None:
    from unknot.app.journal_pane.entry_model import DateRole, MoodRole, SignsRole, TitleRole

    ctl = _open(qtbot, make_app, data_paths, (1280, 800))
    view = JournalPage(ctl.window).list_view
    assert _rows_shown(view) >= 8
    index = view.model().index(1, 0)  # day 1: one sign, mood −1
    assert index.data(TitleRole) == "Tea with Sam, day 1"  # no tag, no Markdown marks
    assert index.data(SignsRole) == ("isolated",)
    assert index.data(MoodRole) == -1
    assert index.data(DateRole)
    spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Tea with Sam, day 1, ") and "Mood: Low" in spoken
    assert "Signs: " in spoken


def test_at_800_by_600_the_editor_shows_twelve_lines_and_every_sign_box_fits(
        qtbot: QtBot, make_app: Any, data_paths: Any) -> None:
    ctl = _open(qtbot, make_app, data_paths, (800, 600), count=2)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    QCoreApplication.processEvents()
    body = pane.body
    lines = body.viewport().height() / body.fontMetrics().lineSpacing()
    assert lines >= 12, lines
    shown = pane.editor_scroll.viewport()
    top_left = body.viewport().mapTo(shown, QPoint(0, 0))
    assert shown.rect().contains(QRect(top_left, body.viewport().size())), "the text scrolled off"
    assert not [p for p in cut_off(ctl.window) if "QCheckBox" in p]
    for box in pane.sign_boxes:  # each reachable: Tab brings it into view
        box.setFocus()
        QCoreApplication.processEvents()
        corner = box.mapTo(shown, QPoint(0, 0))
        assert shown.rect().contains(QRect(corner, box.size())), box.text()


def test_tab_indents_the_text_and_ctrl_tab_or_esc_tab_leaves_it(
        qtbot: QtBot, make_app: Any, data_paths: Any) -> None:
    ctl = _open(qtbot, make_app, data_paths, (1280, 800), count=1)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    body = pane.body
    type_into(qtbot, body, "- one")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    qtbot.keyClicks(body, "- nested")
    assert body.toPlainText() == "- one\n\t- nested"
    assert body.hasFocus()
    qtbot.keyClick(body, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not body.hasFocus()
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Escape)
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    assert not body.hasFocus()
    assert body.toPlainText() == "- one\n\t- nested"


def test_first_run_goes_on_with_enter_and_keeps_the_keyboard_in_its_fields(
        qtbot: QtBot, make_app: Any) -> None:
    ctl = make_app()
    flow = ctl.window.setup_flow
    assert flow.pages.currentIndex() == 0
    qtbot.keyClick(flow.discreet_box, Qt.Key.Key_Return)
    assert flow.pages.currentIndex() == 1
    qtbot.waitUntil(flow.passphrase_edit.hasFocus)
    assert flow.strength_bar.value() > flow.strength_bar.minimum()  # a sliver, not a box
    qtbot.keyClick(flow.passphrase_edit, Qt.Key.Key_Return)  # empty: goes to the next field
    qtbot.keyClick(flow.repeat_edit, Qt.Key.Key_Return)  # both empty: refused, in words
    assert flow.error_label.text()
    qtbot.keyClicks(flow.passphrase_edit, "a")
    assert flow.error_label.text() == ""  # typing clears it
    flow.passphrase_edit.setText("")
    type_into(qtbot, flow.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(flow.passphrase_edit, Qt.Key.Key_Return)
    assert flow.repeat_edit.hasFocus()
    qtbot.keyClicks(flow.repeat_edit, PASSPHRASE)
    qtbot.keyClick(flow.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(ctl.window.is_journal_shown, timeout=15000)


def test_the_lock_screen_keeps_the_keyboard_and_lock_is_off_there(
        qtbot: QtBot, make_app: Any, data_paths: Any) -> None:
    _seed(data_paths.vault, 1)
    ctl = make_app()
    window, screen = ctl.window, ctl.window.lock_screen
    assert not window.lock_action.isEnabled()
    assert not window.toolbar.widgetForAction(window.lock_action).isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(screen.secret_edit.hasFocus)
    screen.recovery_button.setVisible(True)
    click(qtbot, screen.recovery_button)
    assert screen.secret_edit.hasFocus()  # not the switch: a space would flip the mode back
    click(qtbot, screen.recovery_button)
    assert screen.secret_edit.hasFocus()
    settings_opened: list[bool] = []
    window.settings_action.triggered.connect(lambda: settings_opened.append(True))
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert not isinstance(focused, QToolButton), focused  # while the key is derived
    if focused is not None:
        qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.waitUntil(window.is_journal_shown, timeout=15000)
    assert not settings_opened
    assert window.lock_action.isEnabled()
    window.lock_action.trigger()
    qtbot.waitUntil(screen.isVisible, timeout=10000)
    QCoreApplication.processEvents()
    qtbot.waitUntil(screen.secret_edit.hasFocus)
    assert not window.lock_action.isEnabled()


def test_the_read_pane_says_where_the_reader_is(qtbot: QtBot) -> None:
    from unknot.app.read.read_pane import ReadPane

    pane = ReadPane()
    qtbot.addWidget(pane)
    pane.show_about()
    assert pane.checked_nav() == "About the term"
    assert not pane.article_button.isChecked()
    pane.show_article()
    assert pane.checked_nav() == "Article"
    pane.show_for_therapists()
    assert pane.checked_nav() == "For therapists"
    assert not pane.help_button.isChecked()


def test_toolbar_tooltips_name_the_keys_help_lists(qtbot: QtBot) -> None:
    from unknot.app.main_window import MainWindow
    from unknot.journal.content import load_help_page

    window = MainWindow()
    qtbot.addWidget(window)
    help_page = load_help_page("en")
    for action in window.toolbar.actions():
        keys = action.shortcut().toString()
        if not keys:
            continue
        assert f"({keys})" in action.toolTip(), action.text()
        assert f"| {keys} |" in help_page, keys
    for action in (window.new_action, window.search_action, window.save_action):
        assert f"| {action.shortcut().toString()} |" in help_page


def test_screen_readers_hear_what_a_control_is_and_each_timeline_cell(qtbot: QtBot) -> None:
    from datetime import date

    from unknot.app.journal_pane.journal_pane import JournalPane
    from unknot.app.timeline.timeline_view import TimelineChart
    from unknot.journal.timeline import Bucket, Timeline

    view = JournalPane()
    qtbot.addWidget(view)
    pane = JournalPage(view)
    assert pane.sign_filter.accessibleName() == "Filter by sign"
    assert pane.date_filter.accessibleName() == "Filter by date"
    assert pane.mood.accessibleName() == "Mood"

    chart = TimelineChart()
    qtbot.addWidget(chart)
    buckets = tuple(Bucket(date(2026, 3, 2 + 7 * n), date(2026, 3, 9 + 7 * n), entries=2,
                           signs={"others-want-you-out": n + 1}, mood=None,
                           checkin={"others-want-you-out": 3.0} if n == 0 else None)
                    for n in range(3))
    chart.set_timeline(Timeline("week", None, None, buckets))
    chart.resize(800, 500)
    chart.show()
    qtbot.waitExposed(chart)
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    heard = [chart.accessibleDescription()]
    for _ in range(2):
        qtbot.keyClick(chart, Qt.Key.Key_Left)
        heard.append(chart.accessibleDescription())
    assert len(set(heard)) == 3  # one description per cell, as the focus moves
    assert "Week of 2 March 2026" in heard[-1] and "Quite a bit" in heard[-1]
    assert "named in 1 entry" in heard[-1]


def test_month_labels_step_evenly_across_a_year(qtbot: QtBot) -> None:
    from datetime import date, timedelta

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
    from unknot.journal.timeline import Bucket, Timeline

    start = date(2025, 11, 24)
    buckets = tuple(Bucket(start + timedelta(weeks=n), start + timedelta(weeks=n + 1), 0, {},
                           None, None) for n in range(53))
    renderer = TimelineRenderer(Timeline("week", None, None, buckets), {}, QFont(),
                                TimelineColors.from_palette(QPalette()))
    for width in (500.0, 900.0, 1400.0):
        labels = renderer.month_labels(QRectF(0, 0, width, 400))
        months = [buckets[i].start.year * 12 + buckets[i].start.month for i, _ in labels]
        steps = {b - a for a, b in zip(months, months[1:], strict=False)}
        assert len(steps) == 1, (width, [text for _, text in labels])
    wide = renderer.month_labels(QRectF(0, 0, 1400, 400))
    assert len(wide) >= 11  # every month when there is room


def test_before_you_read_is_chosen_once_not_at_every_start(qtbot: QtBot, make_app: Any,
                                                           data_paths: Any) -> None:
    import json

    from driving import create_journal

    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = ctl.window.read_pane
    assert pane.current_page() == pane.PAGE_BEFORE_YOU_READ
    ctl.window.left_tabs.setCurrentWidget(pane)
    click(qtbot, pane.read_article_button)
    saved = json.loads((data_paths.config / "preferences.json").read_text("utf-8"))
    assert saved["before_you_read_seen"] is True
    ctl.lock()
    qtbot.waitUntil(ctl.window.lock_screen.isVisible, timeout=10000)
    from driving import unlock

    unlock(qtbot, ctl)
    assert pane.current_page() == pane.PAGE_ARTICLE


def test_a_later_start_opens_on_the_article(qtbot: QtBot, make_app: Any) -> None:
    from driving import create_journal

    ctl = make_app(before_you_read_seen=True)
    create_journal(qtbot, ctl)
    pane = ctl.window.read_pane
    assert pane.current_page() == pane.PAGE_ARTICLE
    assert pane.checked_nav() == "Article"
