"""`unknot --demo`: a temporary journal filled with a year of sample entries and check-ins, so a
therapist or a new user can see the timeline before writing. It lives in a private temporary
folder — never the real data folder — and is removed when the app closes."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.demo import demo_records
from unknot.journal.localtime import now
from unknot.journal.paths import DataPaths
from unknot.journal.vault import Vault

PREFIX = "unknot-demo-"


def remove_stale() -> None:
    """Sample journals left by a demo that was killed before it could clean up."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        if folder.is_dir() and folder.stat().st_uid == os.getuid():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class DemoJournal:
    root: Path
    paths: DataPaths
    passphrase: str

    @classmethod
    def create(cls, weeks: int = 52) -> DemoJournal:
        remove_stale()
        root = Path(tempfile.mkdtemp(prefix=PREFIX))
        paths = DataPaths.in_folder(root)
        passphrase = f"sample {secrets.token_hex(4)}"
        entries, checkins = demo_records(now().date(), weeks=weeks)
        # Sample data protects nothing real: the key-derivation floor keeps start-up quick.
        vault, _ = Vault.create(paths.vault, passphrase, kdf=FLOOR_PARAMS)
        with vault:
            vault.save_many([*entries, *checkins], action="write the sample journal")
        return cls(root, paths, passphrase)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
