"""Conflict copies from sync tools are found beside the vault and merged without losing a word."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from unknot.journal.errors import WrongPassphraseError
from unknot.journal.sync_conflicts import find_conflict_copies, merge_conflict_copy
from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault, sample_entries


def test_finds_syncthing_and_dropbox_copies(tmp_path: Path) -> None:
    vault = tmp_path / "notes.db"
    vault.write_bytes(b"x")
    names = ["notes.sync-conflict-20260301-101112-ABCDEFG.db",
             "notes (Sam's conflicted copy 2026-03-01).db", "notes.db.backup", "other.db",
             "notes.sync-conflict-20260301-101112-ABCDEFG.txt"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    found = {p.name for p in find_conflict_copies(vault)}
    assert found == {names[0], names[1]}


def test_merge_keeps_every_word_from_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    first, second, third = sample_entries(3)
    with make_vault(path) as vault:
        vault.save_many([first, second])
    copy_path = tmp_path / "notes.sync-conflict-20260301-101112-ABCDEFG.db"
    shutil.copyfile(path, copy_path)
    later = second.updated + timedelta(hours=1)
    with Vault.open(copy_path, PASSPHRASE) as copy:  # written on the other computer
        copy.save(third)
        copy.save(second.edited(later, body="changed on the laptop"))
    with Vault.open(path, PASSPHRASE) as vault:
        vault.save(first.edited(first.updated + timedelta(hours=2), body="changed here"))
        assert find_conflict_copies(path) == [copy_path]
        report = merge_conflict_copy(vault, copy_path, PASSPHRASE)
        loaded = {e.id: e for e in vault.load().entries}
    assert (report.added, report.updated) == (1, 1)
    assert loaded[first.id].body == "changed here"           # newer here: kept
    assert loaded[second.id].body == "changed on the laptop"  # newer there: taken
    assert third.id in loaded
    assert not copy_path.exists() and report.kept_at is not None and report.kept_at.exists()
    assert find_conflict_copies(path) == []


def test_a_copy_with_another_passphrase_is_not_merged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    make_vault(path).close()
    copy_path = tmp_path / "notes.sync-conflict-20260301-101112-ABCDEFG.db"
    make_vault(copy_path, "an older passphrase").close()
    with Vault.open(path, PASSPHRASE) as vault, pytest.raises(WrongPassphraseError):
        merge_conflict_copy(vault, copy_path, PASSPHRASE)
    assert copy_path.exists()
