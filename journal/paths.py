"""Where Unknot keeps its files.

By default: the user's data folder (`Unknot/`), with a vault file whose name says nothing about
what it holds. `--data-dir DIR` and portable mode put everything in one folder instead.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Unknot"
VAULT_FILE_NAME = "notes.db"
PORTABLE_MARKER = "unknot-portable.txt"


@dataclass(frozen=True)
class DataPaths:
    """Every folder Unknot writes to. In portable and --data-dir modes they share one root."""

    data: Path
    config: Path
    cache: Path

    @property
    def vault(self) -> Path:
        return self.data / VAULT_FILE_NAME

    @classmethod
    def in_folder(cls, root: Path) -> DataPaths:
        root = Path(root).expanduser().resolve()
        return cls(data=root, config=root / "settings", cache=root / "cache")

    @classmethod
    def default(cls) -> DataPaths:
        portable = portable_root()
        if portable is not None:
            return cls.in_folder(portable)
        import platformdirs  # here: a portable folder (--data-dir) never needs it

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )


def portable_root() -> Path | None:
    """Portable mode: a marker file beside the executable keeps all data in that folder, and
    nothing in the host profile."""
    here = Path(sys.executable).resolve().parent
    if (here / PORTABLE_MARKER).exists():
        return here / "UnknotData"
    return None
