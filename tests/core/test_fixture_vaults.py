"""Every released vault format keeps a real file in tests/fixtures, and it must still open."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from unknot.journal.model import CheckIn, Entry
from unknot.journal.vault import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_format_1_vault_opens_with_every_record(tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / "format1.json").read_text(encoding="utf-8"))
    copy = tmp_path / "format1.db"
    shutil.copyfile(FIXTURES / "format1.db", copy)  # opening may upgrade; never touch the fixture
    with Vault.open(copy, expected["passphrase"]) as vault:
        loaded = vault.load()
        assert vault.verify().ok
    assert loaded.damaged == []
    records = [*loaded.entries, *loaded.checkins]
    # Format 1 had no prompt: entries read from it have none.
    found = [{k: v for k, v in r.to_json().items() if k != "prompt"} for r in records]
    assert all(r.prompt == "" for r in loaded.entries)
    assert sorted(found, key=lambda r: r["id"]) == sorted(
        expected["records"], key=lambda r: r["id"]
    )
    assert all(isinstance(r, (Entry, CheckIn)) for r in records)


def test_format_1_recovery_key_still_opens(tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / "format1.json").read_text(encoding="utf-8"))
    copy = tmp_path / "format1.db"
    shutil.copyfile(FIXTURES / "format1.db", copy)
    with Vault.open(copy, recovery_key=expected["recovery_key"]) as vault:
        assert len(vault.load().entries) == 2


def test_format_2_vault_opens_with_its_record_set_intact(tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / "format2.json").read_text(encoding="utf-8"))
    copy = tmp_path / "format2.db"
    shutil.copyfile(FIXTURES / "format2.db", copy)
    with Vault.open(copy, expected["passphrase"]) as vault:
        assert vault.format == 2
        loaded = vault.load()
        assert vault.verify().ok
    assert loaded.damaged == [] and loaded.record_set == []
    assert set(expected["deleted"]) <= loaded.deleted  # its tombstone, not an entry
    records = [*loaded.entries, *loaded.checkins]
    assert sorted((r.to_json() for r in records), key=lambda r: r["id"]) == sorted(
        expected["records"], key=lambda r: r["id"])
    assert any(e.prompt for e in loaded.entries)
    with Vault.open(copy, recovery_key=expected["recovery_key"], readonly=True) as vault:
        assert len(vault.load().entries) == 2
