"""The journal's operations (journal/journal.py), which the CLI and the window both call: each
rule holds once, whichever face asks."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from unknot.journal import crypto
from unknot.journal import journal as ops
from unknot.journal.backups import RollingBackups, backup_file
from unknot.journal.cli import main
from unknot.journal.errors import (
    ErrorKind,
    ImportFileError,
    InvalidValueError,
    NotAVaultError,
    StorageError,
    VaultDamagedError,
    WrongPassphraseError,
    describe,
    error_kind,
)
from unknot.journal.exchange import export_json
from unknot.journal.passphrase import refusal
from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault, sample_checkin, sample_entries

NEW_PASSPHRASE = "a new passphrase, chosen after the old one"
COPY_NAME = "notes.sync-conflict-20260301-101112-ABCDEFG.db"


def _journal_with_history(vault_path: Path) -> None:
    """A journal with two rolling backups and one merged conflict copy in its backups folder."""
    with make_vault(vault_path) as vault:
        vault.save_many(sample_entries(3))
    backups = RollingBackups(vault_path)
    backups.take()
    backups.take()
    copy = vault_path.with_name(COPY_NAME)
    backup_file(vault_path, copy)
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        assert ops.merge_conflict_copies(journal, PASSPHRASE).merged == 1
    assert len(backups.list()) == 2 and len(backups.merged_copies()) == 1


def _backups_state(vault_path: Path) -> tuple[int, int, list[bool]]:
    """(rolling backups, merged copies, whether each backup opens with the new passphrase)."""
    backups = RollingBackups(vault_path)
    opens = []
    for backup in backups.list():
        try:
            Vault.open(backup, NEW_PASSPHRASE, readonly=True).close()
            opens.append(True)
        except WrongPassphraseError:
            opens.append(False)
    return len(backups.list()), len(backups.merged_copies()), opens


# --- opening -----------------------------------------------------------------------------------

def test_open_reads_builds_the_index_and_backs_up_once_a_day(vault_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save_many([*sample_entries(4), sample_checkin()])
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert len(journal.loaded.entries) == 4 and len(journal.loaded.checkins) == 1
        assert journal.index is not None and journal.index.matching(["entry"])
    with ops.open_journal(vault_path, PASSPHRASE):
        pass
    assert len(RollingBackups(vault_path).list()) == 1  # due once, then not again today


def test_open_without_reading(vault: Vault, vault_path: Path) -> None:
    vault.save(sample_entries(1)[0])
    vault.close()
    with ops.open_journal(vault_path, PASSPHRASE, read=False, backup=False) as journal:
        assert journal.loaded.entries == [] and journal.index is None
        assert journal.vault.count() == 1
    assert not RollingBackups(vault_path).folder.exists()


def test_a_wrong_passphrase_opens_nothing_and_writes_nothing(vault: Vault,
                                                             vault_path: Path) -> None:
    vault.close()
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphraseError):
        ops.open_journal(vault_path, "not the passphrase at all")
    assert vault_path.read_bytes() == before
    assert not RollingBackups(vault_path).folder.exists()


# --- creating and the passphrase policy --------------------------------------------------------

@pytest.mark.parametrize("weak, why", [("", "empty"), ("short", "too short"),
                                       ("aaaaaaaaaa", "quick to guess"),
                                       ("password", "quick to guess")])
def test_the_policy_says_why_a_passphrase_is_refused(weak: str, why: str) -> None:
    reason = refusal(weak)
    assert reason is not None and why in reason


def test_the_policy_accepts_word_passphrases() -> None:
    assert refusal(PASSPHRASE) is None
    assert refusal(NEW_PASSPHRASE) is None


def test_create_refuses_a_weak_passphrase_and_makes_nothing(vault_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="too short"):
        ops.create_journal(vault_path, "abc")
    assert not vault_path.exists()


def test_create_uses_the_test_profile_and_can_make_a_recovery_key(vault_path: Path) -> None:
    assert ops.kdf_for_new_vaults() == crypto.FLOOR_PARAMS  # UNKNOT_KDF_PROFILE=floor here
    created = ops.create_journal(vault_path, PASSPHRASE, with_recovery=True)
    with created.journal as journal:
        assert journal.vault.kdf_params == crypto.FLOOR_PARAMS
        assert journal.loaded.entries == []
    assert created.recovery_key is not None
    Vault.open(vault_path, recovery_key=created.recovery_key, readonly=True).close()


def test_the_kdf_profile_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ops.KDF_PROFILE_VARIABLE)
    assert ops.kdf_for_new_vaults() is None  # calibrate


# --- saving, deleting --------------------------------------------------------------------------

def test_save_and_delete(vault: Vault, vault_path: Path) -> None:
    vault.close()
    entry = sample_entries(1)[0]
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        ops.save(journal, entry)
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert [e.id for e in journal.loaded.entries] == [entry.id]
        assert ops.delete(journal, entry.id) == entry.id
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert journal.loaded.entries == []


# --- keys and backups --------------------------------------------------------------------------

def test_a_plain_change_is_a_new_key_with_the_backup_rule(vault_path: Path) -> None:
    _journal_with_history(vault_path)
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        change = ops.change_passphrase(journal, NEW_PASSPHRASE)
    assert change.how is ops.KeyChange.CHANGED and change.how == "changed"
    assert change.reencrypted == 3 and change.backups_removed == 3
    assert _backups_state(vault_path) == (1, 0, [True])
    with ops.open_journal(vault_path, NEW_PASSPHRASE, backup=False) as journal:
        assert len(journal.loaded.entries) == 3


def test_rotation_removes_every_older_copy_and_backs_up_under_the_new_key(
        vault_path: Path) -> None:
    _journal_with_history(vault_path)
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        change = ops.change_passphrase(journal, NEW_PASSPHRASE, rotate=True)
    assert change.how is ops.KeyChange.ROTATED and change.how == "rotated"
    assert change.reencrypted == 3 and change.backups_removed == 3
    assert change.fresh_backup is not None
    assert "removed 3 older backup(s)" in change.words()
    assert _backups_state(vault_path) == (1, 0, [True])
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASSPHRASE, readonly=True)


def test_both_faces_leave_the_same_backups_after_a_rotation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    by_core = tmp_path / "core" / "notes.db"
    _journal_with_history(by_core)
    with ops.open_journal(by_core, PASSPHRASE, backup=False) as journal:
        ops.change_passphrase(journal, NEW_PASSPHRASE, rotate=True)

    by_cli = tmp_path / "cli" / "notes.db"
    _journal_with_history(by_cli)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(PASSPHRASE + "\n")
    new.write_text(NEW_PASSPHRASE + "\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["passwd", "--vault", str(by_cli), "--passphrase-file", str(old),
                 "--new-passphrase-file", str(new), "--rotate-key"])
    err = capsys.readouterr().err
    assert code == 0 and "fresh backup" in err
    assert _backups_state(by_cli) == _backups_state(by_core) == (1, 0, [True])


def test_a_wrong_current_passphrase_changes_nothing(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        with pytest.raises(WrongPassphraseError):
            ops.change_passphrase(journal, NEW_PASSPHRASE, current="not my passphrase",
                                  rotate=True)
        with pytest.raises(InvalidValueError, match="quick to guess|too short"):
            ops.change_passphrase(journal, "a")
    Vault.open(vault_path, PASSPHRASE, readonly=True).close()


def test_the_cli_applies_the_policy(vault: Vault, vault_path: Path, passphrase_file: Path,
                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vault.close()
    weak = tmp_path / "weak.txt"
    weak.write_text("abc\n")
    code = main(["passwd", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--new-passphrase-file", str(weak)])
    assert code == 2 and "too short" in capsys.readouterr().err
    code = main(["init", "--vault", str(tmp_path / "other.db"), "--passphrase-file", str(weak)])
    assert code == 2 and "too short" in capsys.readouterr().err
    assert not (tmp_path / "other.db").exists()


def test_recovery_key_made_replaced_and_removed(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        first = ops.make_recovery_key(journal)
        second = ops.make_recovery_key(journal)
    Vault.open(vault_path, recovery_key=second, readonly=True).close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, recovery_key=first, readonly=True)
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        ops.remove_recovery_key(journal)
        assert not journal.vault.has_recovery_key


# --- conflict copies ---------------------------------------------------------------------------

def test_merge_brings_copies_in_and_names_those_it_left(vault_path: Path) -> None:
    first, second, third = sample_entries(3)
    with make_vault(vault_path) as vault:
        vault.save(first)
    good = vault_path.with_name(COPY_NAME)
    shutil.copyfile(vault_path, good)
    with Vault.open(good, PASSPHRASE) as copy:
        copy.save_many([second, third])
    other = vault_path.with_name("notes (Sam's conflicted copy 2026-03-01).db")
    make_vault(other, "another passphrase entirely").close()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        assert ops.conflict_copies(journal) == [good, other]
        summary = ops.merge_conflict_copies(journal, PASSPHRASE)
        assert journal.index is not None
    assert (summary.added, summary.updated, summary.merged) == (2, 0, 1)
    assert len(summary.loaded.entries) == 3
    assert [name for name, _ in summary.problems] == [other.name]
    words = summary.words()
    assert "2 new" in words and other.name in words
    assert not good.exists() and other.exists()


# --- restoring ---------------------------------------------------------------------------------

def test_restore_puts_a_backup_in_place_and_keeps_the_current_file(vault_path: Path) -> None:
    first, second = sample_entries(2)
    with make_vault(vault_path) as vault:
        vault.save(first)
    backup = RollingBackups(vault_path).take()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.save(second)
    restored = ops.restore_backup(vault_path, backup, PASSPHRASE)
    assert restored.records == 1 and restored.kept_aside is not None
    with Vault.open(vault_path, PASSPHRASE, readonly=True) as vault:
        assert [e.id for e in vault.load().entries] == [first.id]
    with Vault.open(restored.kept_aside, PASSPHRASE, readonly=True) as aside:
        assert len(aside.load().entries) == 2


def test_restore_checks_the_file_first(vault_path: Path, tmp_path: Path) -> None:
    make_vault(vault_path).close()
    before = vault_path.read_bytes()
    stranger = tmp_path / "stranger.db"
    make_vault(stranger, "another passphrase entirely").close()
    with pytest.raises(WrongPassphraseError):
        ops.restore_backup(vault_path, stranger, PASSPHRASE)
    junk = tmp_path / "junk.db"
    junk.write_text("a shopping list\n")
    with pytest.raises(NotAVaultError):
        ops.restore_backup(vault_path, junk, PASSPHRASE)
    assert vault_path.read_bytes() == before
    assert not RollingBackups(vault_path).folder.exists()


# --- importing ---------------------------------------------------------------------------------

def test_import_skips_what_is_already_there_from_both_faces(
        vault: Vault, vault_path: Path, passphrase_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    vault.close()
    entries = sample_entries(3)
    source = tmp_path / "export.json"
    source.write_text(export_json(entries, [sample_checkin()]))
    batch = ops.read_import_file(source, "unknot-json")
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        first = ops.import_records(journal, batch)
    assert (first.imported, first.skipped) == (4, 0)
    code = main(["import", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file),
                 "--format", "unknot-json", str(source)])
    assert code == 0 and "4 were already there" in capsys.readouterr().err
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        assert len(journal.loaded.entries) == 3


def test_an_unreadable_import_file_imports_nothing(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="Nothing was imported"):
        ops.read_import_file(tmp_path / "missing.json", "jrnl-json")


# --- error kinds and their words ---------------------------------------------------------------

def test_each_kind_has_its_own_words() -> None:
    damaged = VaultDamagedError("The vault file /x is damaged: its header is missing.")
    foreign = NotAVaultError("/x is not an Unknot vault.")
    wrong = WrongPassphraseError("Wrong passphrase: it does not open this vault.")
    assert [error_kind(e) for e in (damaged, foreign, wrong)] == [
        ErrorKind.DAMAGED, ErrorKind.NOT_A_VAULT, ErrorKind.WRONG_PASSPHRASE]
    words = {describe(e) for e in (damaged, foreign, wrong)}
    assert len(words) == 3
    assert "not an Unknot journal" in describe(foreign) and "damaged" not in describe(foreign)
    assert "Caps Lock" in describe(wrong)
    assert "/x" not in describe(damaged) and "/x" in describe(damaged, detail=True)


def test_the_disk_and_the_unexpected_are_worded_without_details() -> None:
    assert error_kind(OSError(28, "No space left on device")) is ErrorKind.STORAGE
    full = StorageError("Could not save the entry: the disk is full.")
    assert describe(full) == full.message
    secret = "words someone wrote in the journal"
    text = describe(ValueError(secret))
    assert error_kind(ValueError(secret)) is ErrorKind.UNEXPECTED
    assert "ValueError" in text and secret not in text


def test_unknot_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("unknot-cli ")


def test_timeline_table_comes_from_the_cli_table_module(vault: Vault, vault_path: Path,
                                                        passphrase_file: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    vault.save_many(sample_entries(2))
    vault.close()
    code = main(["timeline", "--vault", str(vault_path), "--passphrase-file",
                 str(passphrase_file), "--by", "week", "--from", "2026-01-05", "--to",
                 "2026-01-11"])
    out = capsys.readouterr().out
    assert code == 0 and "for your own reflection" in out and "friends" in out
