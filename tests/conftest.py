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
    # The whole suite runs with the network off (DESIGN §5): see the fixture below.
    from reliability.network_guard import install

    install()


@pytest.fixture(autouse=True)
def _network_stays_off() -> Iterator[None]:
    """Internet sockets and name lookups fail in every test (tests/reliability/network_guard.py);
    a test that tried fails, even if it caught the error."""
    from reliability.network_guard import ATTEMPTS

    before = len(ATTEMPTS)
    yield
    tried = ATTEMPTS[before:]
    assert not tried, f"network use attempted: {tried}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With UNKNOT_RELIABILITY_FIGURES set, note scenario 7's whole-suite figure."""
    from reliability.network_guard import ATTEMPTS, whole_suite_figure

    whole_suite_figure(session.testscollected, ATTEMPTS)


@pytest.fixture
def data_paths(tmp_path: Path) -> Any:
    from unknot.journal.paths import DataPaths

    return DataPaths.in_folder(tmp_path / "unknot-data")


@pytest.fixture
def vault_worker(qapp: Any) -> Iterator[Any]:
    """The vault's worker thread alone (no window); stopped on teardown."""
    from unknot.app.vault_worker import VaultWorker

    worker = VaultWorker()
    yield worker
    worker.shutdown()


@pytest.fixture
def journal_session(vault_worker: Any, data_paths: Any) -> Iterator[Any]:
    """A JournalSession on `data_paths.vault` (a real vault on disk, none yet: build one with
    vaults.make_vault, or create it through the session); locked on teardown."""
    from unknot.app.session import JournalSession
    from unknot.journal.storage import ensure_private_dir

    ensure_private_dir(data_paths.data)
    session = JournalSession(vault_worker, data_paths.vault)
    yield session
    session.lock()


@pytest.fixture
def journal_state(journal_session: Any) -> Any:
    """A JournalState fed by `journal_session` the way the root controller feeds it."""
    from unknot.app.state import JournalState

    state = JournalState()

    def take(loaded: Any, again: bool = False) -> None:
        state.open(loaded.entries, loaded.checkins, journal_session.take_search_index(),
                   loaded.damaged, again=again)

    journal_session.unlocked.connect(take)
    journal_session.reloaded.connect(lambda loaded: take(loaded, again=True))
    journal_session.locked.connect(state.clear)
    return state


@pytest.fixture
def make_app(qtbot: Any, qapp: Any, data_paths: Any) -> Iterator[Callable[..., Any]]:
    """Build the whole window on `data_paths` (optionally with preferences), show it, and on
    teardown lock it, stop its worker and check that no window is left holding journal text."""
    from unknot.app.controller import AppController
    from unknot.app.main import build

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
        controller.detach_from_app()
        if controller.session.is_unlocked:
            controller.lock()
        controller.worker.shutdown()
