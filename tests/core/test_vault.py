"""The vault keeps what was written, encrypted, and tells every failure apart."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from unknot.journal import crypto
from unknot.journal import vault as vault_module
from unknot.journal.backups import RollingBackups, backup_file
from unknot.journal.errors import (
    NewerFormatError,
    NotAVaultError,
    VaultDamagedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from unknot.journal.model import Entry
from unknot.journal.vault import FORMAT_VERSION, Vault, read_header
from vaults import PASSPHRASE, make_vault, sample_checkin, sample_entries, sealed_rows


def test_saved_entries_and_checkins_come_back(vault: Vault, vault_path: Path) -> None:
    entries = sample_entries(5)
    for entry in entries:
        vault.save(entry)
    checkin = sample_checkin()
    vault.save(checkin)
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        loaded = reopened.load()
    assert sorted(loaded.entries, key=lambda e: e.id) == sorted(entries, key=lambda e: e.id)
    assert loaded.checkins == [checkin]
    assert loaded.damaged == []
    assert [e.created for e in loaded.entries] == sorted(
        (e.created for e in entries), reverse=True)


def test_edit_replaces_and_delete_removes(vault: Vault) -> None:
    entry = sample_entries(1)[0]
    vault.save(entry)
    edited = entry.edited(datetime.now(timezone.utc), body="changed")
    vault.save(edited)
    assert vault.load().entries == [edited]
    vault.delete(entry.id)
    assert vault.load().entries == []


def test_wrong_passphrase_leaves_the_file_unchanged(vault: Vault, vault_path: Path) -> None:
    vault.save(sample_entries(1)[0])
    vault.close()
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        Vault.open(vault_path, "not the passphrase")
    assert vault_path.read_bytes() == before


def test_permissions_are_private(vault_path: Path) -> None:
    make_vault(vault_path).close()
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(vault_path.parent.stat().st_mode) == 0o700


def test_pragmas_make_saves_durable(vault: Vault) -> None:
    settings = vault.connection_settings()
    assert settings["synchronous"] == 2  # FULL
    assert settings["secure_delete"] == 1


def test_nothing_written_or_when_is_in_plaintext(vault: Vault, vault_path: Path) -> None:
    canary = "CANARY-7f3a-plaintext"
    entry = Entry.new(datetime(2026, 2, 3, 4, 5, 6, tzinfo=timezone.utc), title=canary,
                      body=canary * 3, tags=(canary,))
    vault.save(entry)
    vault.close()
    raw = vault_path.read_bytes()
    for needle in (canary, "2026-02-03", "isolated", "Body"):
        assert needle.encode() not in raw
        assert needle.encode("utf-16-le") not in raw


def test_missing_file_is_never_created(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        Vault.open(tmp_path / "missing.db", PASSPHRASE)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"hello, this is a shopping list\n", "not an Unknot vault"),
])
def test_files_that_are_not_vaults(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(NotAVaultError, match=message):
        Vault.open(path, PASSPHRASE)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_not_a_vault(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAVaultError, match="not an Unknot vault"):
        Vault.open(path, PASSPHRASE)


def _tamper_header(path: Path, change: str) -> None:
    conn = sqlite3.connect(path)
    raw, checksum = conn.execute("SELECT header, checksum FROM vault_header").fetchone()
    if change == "byte":
        raw = bytearray(raw)
        raw[len(raw) // 2] ^= 0x01
        conn.execute("UPDATE vault_header SET header = ?", (bytes(raw),))
    elif change == "newer":
        fmt = FORMAT_VERSION + 1
        conn.execute("UPDATE vault_header SET format = ?, checksum = ?", (
            fmt, crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)))
    elif change == "absurd":
        text = raw.decode().replace('"memory_kib":65536', '"memory_kib":67108864')
        text = text.replace('"iterations":3', '"iterations":1000')
        raw = text.encode()
        conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (
            raw, crypto.header_checksum(FORMAT_VERSION.to_bytes(8, "big", signed=True) + raw)))
    conn.commit()
    conn.close()


def test_header_damage_is_not_called_a_wrong_passphrase(vault: Vault, vault_path: Path) -> None:
    vault.close()
    _tamper_header(vault_path, "byte")
    with pytest.raises(VaultDamagedError, match="damaged"):
        Vault.open(vault_path, PASSPHRASE)
    with pytest.raises(VaultDamagedError):
        Vault.open(vault_path, "a wrong passphrase too")


def test_newer_format_is_refused_with_its_own_message(vault: Vault, vault_path: Path) -> None:
    vault.close()
    _tamper_header(vault_path, "newer")
    before = vault_path.read_bytes()
    with pytest.raises(NewerFormatError, match="newer version of Unknot"):
        Vault.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before


def test_absurd_kdf_parameters_are_refused_before_any_work(vault: Vault,
                                                           vault_path: Path) -> None:
    vault.close()
    _tamper_header(vault_path, "absurd")
    with pytest.raises(VaultDamagedError, match="safe range"):
        read_header(vault_path)


@pytest.mark.parametrize("raw", [
    b"[" * 30_000 + b"]" * 30_000,
    b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    b'{"slots":[' + b"[]," * 500 + b"[]]}",
])
def test_a_header_of_deep_nesting_is_refused_as_damage(vault: Vault, vault_path: Path,
                                                       raw: bytes,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted header of nested lists or objects is counted, not parsed, and is refused as
    damage (never as a wrong passphrase)."""
    vault.close()

    def parse(_raw: bytes) -> object:
        raise AssertionError("a crafted header reached the JSON parser")

    monkeypatch.setattr(vault_module.json, "loads", parse)
    conn = sqlite3.connect(vault_path)
    conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (
        raw, crypto.header_checksum(FORMAT_VERSION.to_bytes(8, "big", signed=True) + raw)))
    conn.commit()
    conn.close()
    with pytest.raises(VaultDamagedError, match="damaged"):
        read_header(vault_path)
    with pytest.raises(VaultDamagedError):
        Vault.open(vault_path, PASSPHRASE)


def test_a_recomputed_checksum_does_not_pass_as_authentic(vault: Vault, vault_path: Path) -> None:
    """Someone who edits the header and fixes the checksum is still caught by the MAC (or the
    slot's authentication): the vault does not open."""
    vault.close()
    conn = sqlite3.connect(vault_path)
    raw = conn.execute("SELECT header FROM vault_header").fetchone()[0]
    forged = raw.replace(b'"lanes":4', b'"lanes":5')
    conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (
        forged, crypto.header_checksum(FORMAT_VERSION.to_bytes(8, "big", signed=True) + forged)))
    conn.commit()
    conn.close()
    with pytest.raises((WrongPassphraseError, VaultDamagedError)):
        Vault.open(vault_path, PASSPHRASE)


def test_damaged_record_is_named_and_skipped(vault: Vault, vault_path: Path) -> None:
    entries = sample_entries(4)
    for entry in entries:
        vault.save(entry)
    vault.close()
    victim = entries[2].id
    conn = sqlite3.connect(vault_path)
    sealed = bytearray(conn.execute("SELECT sealed FROM records WHERE id = ?",
                                    (bytes.fromhex(victim),)).fetchone()[0])
    sealed[20] ^= 0x80
    conn.execute("UPDATE records SET sealed = ? WHERE id = ?", (bytes(sealed),
                                                                 bytes.fromhex(victim)))
    conn.commit()
    conn.close()
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        loaded = reopened.load()
        report = reopened.verify()
    assert loaded.damaged == [victim]
    assert {e.id for e in loaded.entries} == {e.id for e in entries} - {victim}
    assert report.damaged == (victim,)


def test_a_record_moved_to_another_id_does_not_open(vault: Vault, vault_path: Path) -> None:
    first, second = sample_entries(2)
    vault.save(first)
    vault.save(second)
    vault.close()
    conn = sqlite3.connect(vault_path)
    sealed = conn.execute("SELECT sealed FROM records WHERE id = ?",
                          (bytes.fromhex(first.id),)).fetchone()[0]
    conn.execute("UPDATE records SET sealed = ? WHERE id = ?", (sealed, bytes.fromhex(second.id)))
    conn.commit()
    conn.close()
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.load().damaged == [second.id]


def test_change_passphrase_makes_a_new_key(vault: Vault, vault_path: Path) -> None:
    vault.save(sample_entries(1)[0])
    sealed_before = sealed_rows(vault_path)
    vault.change_passphrase("a new passphrase")
    after = sealed_rows(vault_path)
    assert len(after) == 1 and not set(after) & set(sealed_before)  # every record sealed anew
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASSPHRASE)
    with Vault.open(vault_path, "a new passphrase") as reopened:
        assert len(reopened.load().entries) == 1


def test_rotate_key_reencrypts_and_old_backups_can_be_removed(vault: Vault,
                                                               vault_path: Path) -> None:
    vault.save(sample_entries(1)[0])
    backups = RollingBackups(vault_path)
    old_backup = backups.take()
    assert Vault.open(old_backup, PASSPHRASE, readonly=True).load().entries
    sealed_before = sealed_rows(vault_path)
    assert vault.rotate_key("brand new passphrase") == 1
    assert sealed_rows(vault_path) != sealed_before
    assert backups.remove_all() == 1
    assert not old_backup.exists()
    vault.close()
    with Vault.open(vault_path, "brand new passphrase") as reopened:
        assert len(reopened.load().entries) == 1


def test_recovery_key_opens_and_sets_a_new_passphrase(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE, kdf=crypto.FLOOR_PARAMS,
                                   with_recovery=True)
    vault.save(sample_entries(1)[0])
    vault.close()
    assert recovery is not None and len(recovery.split("-")) == 8
    typed = recovery.lower().replace("-", " ")
    with Vault.open(vault_path, recovery_key=typed) as opened:
        opened.change_passphrase("after recovery")
    with Vault.open(vault_path, "after recovery") as reopened:
        assert reopened.has_recovery_key
        assert len(reopened.load().entries) == 1
    with pytest.raises(WrongPassphraseError, match="recovery key does not open"):
        Vault.open(vault_path, recovery_key="AAAA-" * 7 + "AAAA")


def test_backups_are_bounded_and_open(vault: Vault, vault_path: Path) -> None:
    vault.save(sample_entries(1)[0])
    backups = RollingBackups(vault_path, keep=3)
    for _ in range(5):
        backups.take()
    kept = backups.list()
    assert len(kept) == 3
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with Vault.open(path, PASSPHRASE, readonly=True) as copy:
            assert len(copy.load().entries) == 1


def test_backup_refuses_to_overwrite(vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "existing"
    target.write_text("keep me")
    with pytest.raises(Exception, match="will not overwrite"):
        backup_file(vault_path, target)
    assert target.read_text() == "keep me"


def test_leftover_temporary_files_are_removed_at_start(vault: Vault, vault_path: Path) -> None:
    vault.close()
    leftover = vault_path.parent / "notes.db.backup.unknot-tmp"
    leftover.write_bytes(b"\0" * 10)
    Vault.open(vault_path, PASSPHRASE).close()
    assert not leftover.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_gets_a_clear_message(vault: Vault, vault_path: Path) -> None:
    vault.close()
    os.chmod(vault_path.parent, 0o500)
    try:
        with Vault.open(vault_path, PASSPHRASE) as opened, pytest.raises(
                Exception, match="read-only"):
            opened.save(sample_entries(1)[0])
    finally:
        os.chmod(vault_path.parent, 0o700)


def test_the_default_key_derivation_is_calibrated_and_never_below_the_floor(
        tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "real.db", PASSPHRASE)
    params = vault.kdf_params
    vault.close()
    assert params.memory_kib >= 64 * 1024 and params.iterations >= 3
    with Vault.open(tmp_path / "real.db", PASSPHRASE) as reopened:
        assert reopened.kdf_params == params
