"""The timeline view and the weekly check-in, on real vaults through the real window."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QRadioButton
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, TimelinePage, click, create_journal, wait_saved
from unknot.app.checkin.checkin_dialog import CheckInDialog
from unknot.app.demo import DemoJournal
from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.localtime import local_zone, now
from unknot.journal.model import CheckIn, Entry
from unknot.journal.timeline import aggregate
from unknot.journal.vault import Vault

TITLES = {s.id: s.title for s in load_signs()}


def _render(timeline, width: int = 900, height: int = 500) -> tuple[QImage, TimelineRenderer]:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    palette = QPalette(QColor("#ffffff"))
    renderer = TimelineRenderer(timeline, TITLES, QFont(), TimelineColors.from_palette(palette))
    painter = QPainter(image)
    renderer.paint(painter, QRectF(0, 0, width, height))
    painter.end()
    return image, renderer


def _darkness(image: QImage, rect: QRectF) -> float:
    """Mean darkness (0 white .. 1 black) over the top part of a cell (above the check-in bar)."""
    total = count = 0.0
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1):
        for y in range(int(rect.top()) + 2, int(rect.top() + rect.height() * 0.6)):
            total += 1 - QColor(image.pixel(x, y)).lightnessF()
            count += 1
    return total / max(count, 1)


def test_painted_image_puts_content_in_the_right_lanes(qapp) -> None:
    zone = local_zone()
    monday = date(2026, 3, 2)
    entries = [Entry.new(datetime(2026, 3, 3, 12, tzinfo=zone), body="x", signs=("isolated",))
               for _ in range(3)]
    entries.append(Entry.new(datetime(2026, 3, 18, 12, tzinfo=zone), body="y",
                             signs=("addicted",)))
    checkin = CheckIn.new(date(2026, 3, 4), now(), ratings={"lost-identity": 4})
    timeline = aggregate(entries, [checkin], by="week", since=monday, until=date(2026, 3, 29))
    image, renderer = _render(timeline)
    cells = {(c.index, c.sign_id): c.rect for c in renderer.cells(QRectF(0, 0, 900, 500))}
    tagged = _darkness(image, cells[(0, "isolated")])
    for sign_id in SIGN_IDS:
        if sign_id != "isolated":
            assert _darkness(image, cells[(0, sign_id)]) < tagged * 0.5, sign_id
    assert _darkness(image, cells[(2, "addicted")]) > _darkness(image, cells[(2, "isolated")])
    # The check-in bar is painted at the foot of its lane and week only.
    foot = cells[(0, "lost-identity")]
    bar_y = int(foot.bottom() - foot.height() * 0.12)
    bar = sum(1 - QColor(image.pixel(x, bar_y)).lightnessF()
              for x in range(int(foot.left()) + 1, int(foot.right()) - 1))
    other = cells[(1, "lost-identity")]
    empty = sum(1 - QColor(image.pixel(x, bar_y)).lightnessF()
                for x in range(int(other.left()) + 1, int(other.right()) - 1))
    assert bar > empty + 1


def test_renders_empty_single_and_ten_years(qapp) -> None:
    zone = local_zone()
    empty, _ = _render(aggregate([], [], by="week"))
    assert not empty.isNull()
    single = [Entry.new(datetime(2026, 5, 5, 9, tzinfo=zone), body="one", mood=1,
                        signs=("see-it-through",))]
    image, renderer = _render(aggregate(single, [], by="week"))
    assert len(renderer.timeline.buckets) >= 1
    start = datetime(2016, 1, 1, 20, tzinfo=zone)
    daily = [Entry.new(start + timedelta(days=n), body="d", mood=(n % 5) - 2,
                       signs=(SIGN_IDS[n % 6],)) for n in range(3653)]
    weekly = [CheckIn.new(date(2016, 1, 4) + timedelta(weeks=n), now(),
                          ratings={s: n % 5 for s in SIGN_IDS}) for n in range(521)]
    big = aggregate(daily, weekly, by="week")
    image, renderer = _render(big, 1200, 600)
    assert len(big.buckets) >= 520
    words = renderer.describe(100, "isolated")
    assert "named in" in words and "follow how much was written" in words
    assert "of 4" not in words and "Check-in answer: " in words  # in words, never digits


def test_clicking_a_cell_filters_the_journal(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    click(qtbot, pane.sign_box("isolated"))
    qtbot.keyClicks(pane.body, "this week")
    wait_saved(qtbot, ctl)
    ctl.window.timeline_action.trigger()
    chart = TimelinePage(ctl.window).chart
    assert ctl.window.pages.currentWidget() is ctl.window.timeline_pane
    renderer = chart.renderer()
    area = QRectF(chart.rect()).adjusted(8, 8, -8, -8)
    last = len(chart.timeline.buckets) - 1
    cell = next(c for c in renderer.cells(area) if c.index == last and c.sign_id == "isolated")
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=cell.rect.center().toPoint())
    assert ctl.window.is_journal_shown()
    assert ctl.journal.proxy.rowCount() == 1
    assert TITLES["isolated"] in pane.filter_note.text()
    click(qtbot, pane.clear_filter_button)
    assert not pane.filter_note.isVisible()
    # The keyboard does the same: arrows to a cell, Enter to open it.
    ctl.window.timeline_action.trigger()
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert ctl.window.is_journal_shown()
    assert ctl.journal.proxy.is_filtering


def test_checkin_form_saves_and_reopens(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.window.timeline_action.trigger()
    checkin = TimelinePage(ctl.window)
    assert checkin.offer.isVisible()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckInDialog):
            QTimer.singleShot(20, fill)
            return
        radios = {r.accessibleName(): r for r in dialog.findChildren(QRadioButton)}
        click(qtbot, radios[f"{TITLES['isolated']}: Quite a bit"])
        click(qtbot, radios[f"{TITLES['others-want-you-out']}: Not at all"])
        qtbot.keyClicks(dialog.note_edit, "A quieter week.")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    QTimer.singleShot(20, fill)
    click(qtbot, checkin.offer_button)
    qtbot.waitUntil(lambda: ctl.checkin.model.rowCount() == 1, timeout=5000)
    assert not checkin.offer.isVisible()
    saved = ctl.checkin.model.items()[0]
    assert saved.ratings == {"others-want-you-out": 0, "isolated": 3}
    assert saved.note == "A quieter week."

    def reopen_and_check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckInDialog):
            QTimer.singleShot(20, reopen_and_check)
            return
        assert dialog.ratings() == {"others-want-you-out": 0, "isolated": 3}
        assert dialog.note() == "A quieter week."
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    QTimer.singleShot(20, reopen_and_check)
    click(qtbot, checkin.edit_button)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    ctl.lock()
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (stored,) = vault.load().checkins
    assert stored.ratings == {"others-want-you-out": 0, "isolated": 3}


def test_demo_journal_is_temporary_and_full(qapp) -> None:
    demo = DemoJournal.create(weeks=8)
    try:
        with Vault.open(demo.paths.vault, demo.passphrase) as vault:
            loaded = vault.load()
        assert len(loaded.entries) > 8 and len(loaded.checkins) >= 7
        assert all(e.title.startswith("Sample") for e in loaded.entries)
    finally:
        demo.remove()
    assert not demo.root.exists()


def test_sign_cards_count_the_last_30_days(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    click(qtbot, pane.sign_box("isolated"))
    qtbot.keyClicks(pane.body, "lunch alone again")
    wait_saved(qtbot, ctl)
    label = ctl.window.signs_pane.card("isolated").count_label
    qtbot.waitUntil(lambda: label.text().startswith(
        "In the last 30 days, 1 entry named this sign"), timeout=3000)
    assert "in the 30 days before, no entry" in label.text()
    assert ctl.window.signs_pane.card("addicted").count_label.text().startswith("No entry")
