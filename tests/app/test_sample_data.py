"""Sample data without a terminal (DESIGN §6): first run's "Look around with sample data first"
opens the sample journal in a window of its own, labelled, apart from the real data folder; its
passphrase stays on the lock screen after a lock; leaving it comes back to first run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from driving import click
from unknot.app.demo import SampleWindow
from unknot.app.main import offer_sample_data


def test_first_run_offers_sample_data_and_comes_back(qtbot: QtBot, qapp: Any, make_app: Any,
                                                     data_paths: Any) -> None:
    ctl = make_app()
    offer_sample_data(qapp, ctl, data_paths)
    flow = ctl.window.setup_flow
    assert ctl.window.pages.currentWidget() is flow
    assert flow.sample_button.text() == "Look around with sample data first"
    before = sorted(p.name for p in data_paths.data.rglob("*"))

    click(qtbot, flow.sample_button)
    sample = ctl.findChild(SampleWindow)
    assert isinstance(sample, SampleWindow)
    demo = sample.controller
    qtbot.waitUntil(lambda: demo.session.is_unlocked, timeout=20000)
    root = sample.journal.root
    assert not root.is_relative_to(data_paths.data) and root.is_dir()
    assert not ctl.window.isVisible() and demo.window.isVisible()
    title = demo.window.windowTitle()
    assert "sample data" in title.lower()
    assert title.endswith("Unknot") and title.count("Unknot") == 1  # Qt adds no second name
    assert demo.state.entries()  # a made-up year

    # The passphrase hint survives a lock.
    demo.lock()
    assert not demo.session.is_unlocked
    hint = demo.window.lock_screen.hint_label.text()
    assert sample.journal.passphrase in hint and "sample" in hint

    click(qtbot, sample.leave_button)
    qtbot.waitUntil(ctl.window.isVisible)
    assert ctl.window.pages.currentWidget() is flow
    assert not Path(root).exists()
    assert sorted(p.name for p in data_paths.data.rglob("*")) == before
    assert not ctl.session.vault_exists()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets()
                   if w is not ctl.window and w.isWindow() and w.windowTitle().startswith(
                       ("Unknot —", "Notes —")))
