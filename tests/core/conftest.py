from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    v = make_vault(vault_path)
    yield v
    v.close()


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path
