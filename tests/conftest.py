"""Shared set-up for every test: headless Qt, fast key derivation, and the real window on a
temporary data folder (imported lazily, so tests/core never loads Qt)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_configure(config: object) -> None:
    # Headless by default, set before anything imports Qt.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Vaults created through the CLI and the window use the key-derivation floor (64 MiB,
    # 3 passes) instead of calibrating to 0.5 s; one test creates a vault with the real default.
    os.environ["UNKNOT_KDF_PROFILE"] = "floor"


@pytest.fixture
def data_paths(tmp_path: Path) -> Any:
    from journal.paths import DataPaths

    return DataPaths.in_folder(tmp_path / "unknot-data")


@pytest.fixture
def make_app(qtbot: Any, qapp: Any, data_paths: Any) -> Iterator[Callable[..., Any]]:
    """Build the whole window on `data_paths` (optionally with preferences), show it, and on
    teardown lock it, stop its worker and check that no window is left holding journal text."""
    from app.controller import AppController
    from app.main import build

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
        controller.worker.shutdown()
