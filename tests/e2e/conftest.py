"""The whole window on a real temporary vault, driven with clicks and keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.controller import AppController
from app.main import build
from journal.paths import DataPaths


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths.in_folder(tmp_path / "unknot-data")


@pytest.fixture
def make_app(qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
             ) -> Iterator[callable]:  # type: ignore[valid-type]
    made: list[AppController] = []

    def factory(**prefs: object) -> AppController:
        if prefs:
            data_paths.config.mkdir(parents=True, exist_ok=True)
            (data_paths.config / "preferences.json").write_text(json.dumps(prefs))
        controller = build(data_paths, qapp)
        assert isinstance(controller, AppController)
        qtbot.addWidget(controller.window)
        controller.start()
        qtbot.waitExposed(controller.window)
        made.append(controller)
        return controller

    yield factory
    for controller in made:
        qapp.removeEventFilter(controller.quick_exit)
        qapp.removeEventFilter(controller.idle_lock)
        if controller.session.is_unlocked:
            controller.lock()
