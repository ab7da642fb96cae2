"""The About box: the version, the license, where the article came from, that Unknot is not a
replacement for professional care, and that Help lists crisis lines (DESIGN §6)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from unknot.app.read.about_dialog import AboutDialog


@pytest.fixture
def about(qtbot: QtBot) -> Iterator[AboutDialog]:
    parent = QWidget()  # kept alive here: the dialog belongs to it
    qtbot.addWidget(parent)
    dialog = AboutDialog(parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    del parent


def _shown_text(dialog: AboutDialog) -> str:
    """What the box shows on screen: the text of every visible label, as one line of words."""
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
    return " ".join(" ".join(label.text() for label in labels).split())


def test_about_box_says_the_five_things(about: AboutDialog) -> None:
    text = _shown_text(about)
    assert about.windowTitle() == "About Unknot"
    assert f"Version {version('unknot')}" in text
    assert "GPL-3.0-or-later" in text and "GNU General Public License" in text
    # Where the article came from.
    assert "The Good And Bad About Trauma Bonding" in text
    assert "blog post published on Jan 15, 2020" in text
    assert "Emotional Health" in text and "no named author" in text
    assert "not a replacement for professional care" in text
    assert "Help (F1) lists crisis lines" in text
    assert about.text().split() == text.split()


def test_about_box_takes_its_parent_and_closes(qtbot: QtBot, about: AboutDialog) -> None:
    assert about.parent() is not None
    with qtbot.waitSignal(about.rejected, timeout=1000):
        about.close_button.click()
    assert not about.isVisible()


def test_about_box_without_installed_metadata_says_so(qtbot: QtBot) -> None:
    dialog = AboutDialog(None, version="")
    qtbot.addWidget(dialog)
    assert "Version not known" in dialog.version_label.text()
