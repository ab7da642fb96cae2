"""Shared set-up for every test: headless Qt, fast key derivation, private temporary folders."""

from __future__ import annotations

import os


def pytest_configure(config: object) -> None:
    # Headless by default, set before anything imports Qt.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Vaults created through the CLI use the key-derivation floor (64 MiB, 3 passes) instead of
    # calibrating to 0.5 s; one test creates a vault with the real default.
    os.environ["UNKNOT_KDF_PROFILE"] = "floor"
