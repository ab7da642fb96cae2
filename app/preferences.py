"""Preferences: a typed object saved as JSON in the config folder. Never any journal content,
never the passphrase. Window geometry lives apart, in the cache folder (see WindowState)."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

QUICK_EXIT_ACTIONS = ("quit", "neutral")
QUICK_EXIT_KEYS = ("esc-twice", "shift-thrice")


@dataclass
class Preferences:
    auto_lock_seconds: int = 300
    lock_on_minimise: bool = False
    discreet_mode: bool = False
    quick_exit_action: str = "quit"
    quick_exit_keys: str = "esc-twice"
    onboarding_done: bool = False
    before_you_read_seen: bool = False  # the note before the article, once chosen, stays away

    @classmethod
    def load(cls, path: Path) -> Preferences:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        prefs = cls(**values)
        if prefs.quick_exit_action not in QUICK_EXIT_ACTIONS:
            prefs.quick_exit_action = "quit"
        if prefs.quick_exit_keys not in QUICK_EXIT_KEYS:
            prefs.quick_exit_keys = "esc-twice"
        prefs.auto_lock_seconds = max(1, int(prefs.auto_lock_seconds))
        return prefs

    def save(self, path: Path) -> None:
        with contextlib.suppress(OSError):  # preferences are a convenience; never block the user
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temp = path.with_name(path.name + ".unknot-tmp")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, indent=2)
            os.replace(temp, path)


class WindowState:
    """Window geometry and splitter positions, kept in the cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)  # the cache folder ("Remove everything" needs it)
        self._settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    def restore(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def store(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
        with contextlib.suppress(OSError):  # Qt writes it with the umask's mode: owner only
            os.chmod(self._settings.fileName(), 0o600)
