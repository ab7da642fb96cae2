"""Issue 12 in the core: a new key on every key change, the authenticated set of records with
tombstones, merges of the same journal only, an altered header told apart from a wrong
passphrase, backups that survive a missing file, restore, the header caps, the passphrase
policy and private folders. Each broken flow of the issue has a test here."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.journal import crypto
from unknot.journal import journal as ops
from unknot.journal import passphrase as phrase
from unknot.journal.backups import RollingBackups, backup_file
from unknot.journal.errors import (
    ErrorKind,
    ForeignJournalError,
    HeaderAlteredError,
    InvalidValueError,
    VaultDamagedError,
    WrongPassphraseError,
    describe,
)
from unknot.journal.exchange import export_json, parse_unknot_json
from unknot.journal.header import Header, has_recovery_slot
from unknot.journal.model import Entry
from unknot.journal.results import Problem
from unknot.journal.storage import ensure_private_dir
from unknot.journal.vault import Vault
from vaults import PASSPHRASE, make_vault, sample_entries

NEW = "a new passphrase, chosen after the old one"
COPY_NAME = "notes.sync-conflict-20260301-101112-ABCDEFG.db"


def _rows(path: Path) -> dict[bytes, bytes]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT id, sealed FROM records"))


def _put_rows(path: Path, rows: dict[bytes, bytes]) -> None:
    conn = sqlite3.connect(path)
    conn.executemany("INSERT OR REPLACE INTO records (id, sealed) VALUES (?, ?)",
                     list(rows.items()))
    conn.commit()
    conn.close()


def _header_row(path: Path) -> tuple[object, ...]:
    with sqlite3.connect(path) as conn:
        row: tuple[object, ...] = conn.execute(
            "SELECT format, header, checksum, mac FROM vault_header").fetchone()
        return row


def _put_header_row(path: Path, row: tuple[object, ...]) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE vault_header SET format = ?, header = ?, checksum = ?, mac = ?", row)
    conn.commit()
    conn.close()


# --- a new key on every key change -------------------------------------------------------------

@pytest.mark.parametrize("how", ["backup header", "old header row"])
def test_after_a_change_the_old_header_and_passphrase_open_nothing_new(
        vault_path: Path, tmp_path: Path, how: str) -> None:
    with make_vault(vault_path) as vault:
        vault.save_many(sample_entries(3))
    old_backup = RollingBackups(vault_path).take()
    kept = tmp_path / "kept-by-someone.db"  # a copy of the backup, taken before the change
    shutil.copyfile(old_backup, kept)
    old_row = _header_row(kept if how == "backup header" else vault_path)
    progress: list[tuple[int, int]] = []
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        change = ops.change_passphrase(journal, NEW, progress=lambda d, t: progress.append((d, t)))
        written_after = sample_entries(4)[3]
        ops.save(journal, written_after)
    assert change.reencrypted == 3 and progress[-1] == (3, 3)
    assert not old_backup.exists()  # the backup rule: older backups removed
    _put_header_row(vault_path, old_row)
    with Vault.open(vault_path, PASSPHRASE, readonly=True) as stale:  # the old header's MAC holds
        loaded = stale.load()
    assert loaded.entries == [] and len(loaded.damaged) == 4  # 0 of 4 records open


def test_recovery_key_changes_make_a_new_key_and_renew_backups(vault_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save_many(sample_entries(2))
    RollingBackups(vault_path).take()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        made = ops.change_recovery_key(journal, make=True)
        assert made.recovery_key and made.reencrypted == 2 and made.backups_removed == 1
        replaced = ops.change_recovery_key(journal, make=True)
        removed = ops.change_recovery_key(journal, make=False)
    assert replaced.recovery_key != made.recovery_key and removed.recovery_key is None
    for old in (made.recovery_key, replaced.recovery_key):
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_path, recovery_key=old, readonly=True)
    assert len(RollingBackups(vault_path).list()) == 1  # the fresh one, under the newest key
    with Vault.open(vault_path, PASSPHRASE, readonly=True) as reopened:
        assert len(reopened.load().entries) == 2


def test_after_a_recovery_unlock_the_new_passphrase_follows_the_policy_and_a_new_key(
        vault_path: Path) -> None:
    created = ops.create_journal(vault_path, PASSPHRASE, with_recovery=True,
                                 kdf=crypto.FLOOR_PARAMS)
    ops.save(created.journal, sample_entries(1)[0])
    created.journal.close()
    recovery = created.recovery_key
    assert recovery
    with ops.open_journal(vault_path, recovery_key=recovery, backup=False) as journal:
        assert not journal.vault.opened_with_passphrase
        with pytest.raises(InvalidValueError, match="choose a new passphrase"):
            ops.make_recovery_key(journal)  # the passphrase is not known: set one first
        for weak in ("a", "abc", "Summer2024!"):
            with pytest.raises(InvalidValueError):
                ops.change_passphrase(journal, weak)
        with pytest.raises(InvalidValueError, match="not the same"):
            ops.change_passphrase(journal, NEW, repeat=NEW + "x")
        change = ops.change_passphrase(journal, NEW, repeat=NEW)
    assert change.recovery_key and change.recovery_key != recovery
    assert "no longer opens" in change.words()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, recovery_key=recovery, readonly=True)
    Vault.open(vault_path, recovery_key=change.recovery_key, readonly=True).close()
    Vault.open(vault_path, NEW, readonly=True).close()


def test_a_failed_recovery_attempt_then_the_passphrase_is_a_passphrase_unlock(
        vault_path: Path) -> None:
    ops.create_journal(vault_path, PASSPHRASE, with_recovery=True,
                       kdf=crypto.FLOOR_PARAMS).journal.close()
    with pytest.raises(WrongPassphraseError):
        ops.open_journal(vault_path, recovery_key="AAAA-" * 7 + "AAAA")
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert journal.vault.opened_with_passphrase


def test_rotation_drops_the_recovery_key_unless_asked(vault_path: Path) -> None:
    ops.create_journal(vault_path, PASSPHRASE, with_recovery=True,
                       kdf=crypto.FLOOR_PARAMS).journal.close()
    assert has_recovery_slot(vault_path)  # what the lock screen asks, without the key
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        change = ops.change_passphrase(journal, NEW, rotate=True)
        assert change.recovery_removed and not journal.vault.has_recovery_key
        assert not has_recovery_slot(vault_path)
        again = ops.change_passphrase(journal, NEW + " again", rotate=True, new_recovery=True)
        assert again.recovery_key and journal.vault.has_recovery_key


# --- the authenticated set of records ----------------------------------------------------------

def _tampered_journal(vault_path: Path) -> tuple[list[Entry], dict[bytes, bytes]]:
    """Five entries; an old copy of every row is kept; then entry 1 edited, entry 2 deleted;
    then a backup (the daily one) of that state."""
    entries = sample_entries(5)
    with make_vault(vault_path) as vault:
        vault.save_many(entries)
        old = _rows(vault_path)
        vault.save(entries[1].edited(entries[1].updated, body="edited later"))
        vault.delete(entries[2].id)
    RollingBackups(vault_path).take()
    return entries, old


def test_a_record_deleted_rolled_back_or_brought_back_is_named_and_the_rest_opens(
        vault_path: Path) -> None:
    entries, old = _tampered_journal(vault_path)
    ids = [bytes.fromhex(e.id) for e in entries]
    conn = sqlite3.connect(vault_path)
    conn.execute("DELETE FROM records WHERE id = ?", (ids[0],))
    conn.commit()
    conn.close()
    _put_rows(vault_path, {ids[1]: old[ids[1]], ids[2]: old[ids[2]]})
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        found = {(p.problem, p.record_id) for p in journal.loaded.record_set}
        report = journal.vault.verify()
        shown = {e.id for e in journal.loaded.entries}
    assert found == {(Problem.MISSING, entries[0].id), (Problem.ROLLED_BACK, entries[1].id),
                     (Problem.RESURRECTED, entries[2].id)}
    assert shown == {entries[1].id, entries[3].id, entries[4].id}  # the deleted one stays so
    assert not report.ok and {(p.problem, p.record_id) for p in report.record_set} == found
    assert all(p.backup is not None for p in journal.loaded.record_set)
    assert len(RollingBackups(vault_path).list()) == 1  # no backup over the evidence


def test_verify_exits_3_and_names_the_change(vault_path: Path, passphrase_file: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from unknot.journal.cli import main

    entries, old = _tampered_journal(vault_path)
    _put_rows(vault_path, {bytes.fromhex(entries[1].id): old[bytes.fromhex(entries[1].id)]})
    code = main(["verify", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    err = capsys.readouterr().err
    assert code == 3 and entries[1].id in err and "older version" in err


def test_without_a_backup_the_change_is_still_found(vault_path: Path) -> None:
    entries = sample_entries(3)
    with make_vault(vault_path) as vault:
        vault.save_many(entries)
    conn = sqlite3.connect(vault_path)
    conn.execute("DELETE FROM records WHERE id = ?", (bytes.fromhex(entries[0].id),))
    conn.commit()
    conn.close()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        loaded = vault.load()
    assert [p.problem for p in loaded.record_set] == [Problem.UNEXPLAINED]
    assert len(loaded.entries) == 2


def test_accepting_the_journal_as_it_is_stops_the_report(vault_path: Path) -> None:
    entries = sample_entries(2)
    with make_vault(vault_path) as vault:
        vault.save_many(entries)
    conn = sqlite3.connect(vault_path)
    conn.execute("DELETE FROM records WHERE id = ?", (bytes.fromhex(entries[0].id),))
    conn.commit()
    conn.close()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        assert journal.loaded.record_set
        assert ops.accept_record_set(journal).record_set == []
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load().record_set == [] and vault.verify().ok


def test_a_whole_older_copy_put_in_place_is_found_from_the_newest_backup(
        vault_path: Path, tmp_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save_many(sample_entries(2))
    older = tmp_path / "older.db"
    backup_file(vault_path, older)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.save(sample_entries(3)[2])
    RollingBackups(vault_path).take()
    shutil.copyfile(older, vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert [p.problem for p in vault.load().record_set] == [Problem.OLDER_COPY]


def test_a_save_does_constant_work(vault_path: Path) -> None:
    """A save reads one row and the journal state, whatever the journal holds (counted, not
    timed: SQLite's statements through a trace callback)."""
    counts = []
    with make_vault(vault_path) as vault:
        for size in (10, 200):
            vault.save_many(sample_entries(size))
            statements: list[str] = []
            conn, _ = vault._live()
            conn.set_trace_callback(statements.append)
            vault.save(sample_entries(1)[0])
            conn.set_trace_callback(None)
            counts.append(len(statements))
    assert counts[0] == counts[1] <= 8


# --- merges, restore and backups --------------------------------------------------------------

def test_a_renamed_backup_brings_back_no_deleted_entry(vault_path: Path) -> None:
    entries = sample_entries(3)
    with make_vault(vault_path) as vault:
        vault.save_many(entries)
    old = RollingBackups(vault_path).take()
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        ops.delete(journal, entries[0].id)
        shutil.copyfile(old, vault_path.with_name(COPY_NAME))
        summary = ops.merge_conflict_copies(journal, PASSPHRASE)
    assert summary.merged == 1 and summary.added == 0 and summary.kept_deleted == 1
    assert entries[0].id not in {e.id for e in summary.loaded.entries}
    assert "stay deleted" in summary.words()


def test_a_foreign_journal_merges_nothing_and_is_named(vault_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save(sample_entries(1)[0])
    other = vault_path.with_name(COPY_NAME)
    with make_vault(other) as foreign:  # same passphrase, another journal
        foreign.save_many(sample_entries(4))
    with ops.open_journal(vault_path, PASSPHRASE, backup=False) as journal:
        summary = ops.merge_conflict_copies(journal, PASSPHRASE)
    assert summary.added == 0 and summary.merged == 0 and other.exists()
    assert summary.problems and "another journal" in summary.problems[0][1]
    with pytest.raises(ForeignJournalError):
        from unknot.journal.sync_conflicts import merge_conflict_copy

        with Vault.open(vault_path, PASSPHRASE) as vault:
            merge_conflict_copy(vault, other, PASSPHRASE)


def test_an_altered_header_is_not_a_wrong_passphrase(vault_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save(sample_entries(1)[0])
    backup = RollingBackups(vault_path).take()
    conn = sqlite3.connect(vault_path)
    fmt, raw = conn.execute("SELECT format, header FROM vault_header").fetchone()
    data = json.loads(raw)
    data["slots"][0]["salt"] = "00" * crypto.SALT_BYTES  # changed on purpose...
    raw = Header.from_bytes(fmt, json.dumps(data).encode()).to_bytes()
    checksum = crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)  # ...and hidden
    conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (raw, checksum))
    conn.commit()
    conn.close()
    with pytest.raises(HeaderAlteredError) as caught:
        ops.open_journal(vault_path, PASSPHRASE)
    assert caught.value.kind is ErrorKind.ALTERED and caught.value.backup == backup
    words = describe(caught.value)
    assert "passphrase is right" in words and "restore" in words
    with pytest.raises(WrongPassphraseError):  # a wrong passphrase is still one
        ops.open_journal(vault_path, "not the passphrase at all")
    restored = ops.restore_backup(vault_path, caught.value.backup, PASSPHRASE)
    assert restored.kept_aside is not None and restored.kept_aside.exists()
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert len(journal.loaded.entries) == 1 and journal.loaded.record_set == []


def test_a_missing_file_with_backups_offers_them_and_a_new_journal_keeps_them_apart(
        vault_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save_many(sample_entries(2))
    RollingBackups(vault_path).take()
    vault_path.unlink()
    assert ops.backups_without_journal(vault_path)
    undated = ops.list_backups(vault_path)
    assert len(undated) == 1 and undated[0].opens is None
    [info] = ops.list_backups(vault_path, PASSPHRASE)
    assert info.opens and info.entries == 2
    created = ops.create_journal(vault_path, NEW, kdf=crypto.FLOOR_PARAMS)
    created.journal.close()
    backups = RollingBackups(vault_path, keep=1)
    for _ in range(3):
        backups.take()  # the new journal's backups come and go...
    apart = backups.kept_apart()
    assert len(apart) == 1  # ...the earlier journal's stay
    listed = ops.list_backups(vault_path, PASSPHRASE)
    assert [i.path for i in listed if i.opens] == apart and listed[-1].same_journal is False


def test_restore_checks_first_keeps_the_current_aside_and_keeps_deletions(
        vault_path: Path, tmp_path: Path) -> None:
    entries = sample_entries(3)
    with make_vault(vault_path) as vault:
        vault.save_many(entries)
    backup = RollingBackups(vault_path).take()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.delete(entries[0].id)
    not_a_vault = tmp_path / "junk.db"
    not_a_vault.write_bytes(b"not a journal")
    before = vault_path.read_bytes()
    with pytest.raises(Exception, match="not an Unknot"):
        ops.restore_backup(vault_path, not_a_vault, PASSPHRASE)
    assert vault_path.read_bytes() == before  # checked first: nothing touched
    restored = ops.restore_backup(vault_path, backup, PASSPHRASE)
    assert restored.kept_deleted == 1 and restored.kept_aside is not None
    with ops.open_journal(vault_path, PASSPHRASE) as journal:
        assert {e.id for e in journal.loaded.entries} == {entries[1].id, entries[2].id}
        assert journal.loaded.record_set == []  # the restored file reads as the newest


def test_back_up_now_to_a_chosen_place(vault_path: Path, tmp_path: Path) -> None:
    with make_vault(vault_path) as vault:
        vault.save(sample_entries(1)[0])
    out = ops.back_up_to(vault_path, tmp_path / "copy.db")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with Vault.open(out, PASSPHRASE, readonly=True) as copy:
        assert len(copy.load().entries) == 1


# --- format 2, the prompt, the caps, the policy, the folders ----------------------------------

def test_entries_keep_their_prompt_in_the_vault_and_in_json(vault_path: Path) -> None:
    entry = sample_entries(1)[0].edited(sample_entries(1)[0].updated,
                                        prompt="Write about a time you felt unheard.")
    with make_vault(vault_path) as vault:
        vault.save(entry)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        [read] = vault.load().entries
    assert read.prompt == entry.prompt
    batch = parse_unknot_json(export_json([read], []))
    assert batch.entries[0].prompt == entry.prompt


def test_a_format_1_vault_is_upgraded_with_a_backup_first(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    expected = json.loads((fixtures / "format1.json").read_text(encoding="utf-8"))
    copy = tmp_path / "notes.db"
    shutil.copyfile(fixtures / "format1.db", copy)
    with Vault.open(copy, expected["passphrase"]) as vault:
        assert vault.format == 2 and vault.verify().ok
    [backup] = RollingBackups(copy).list()
    assert "format-1" in backup.name
    with Vault.open(backup, expected["passphrase"], readonly=True) as old:
        assert old.format == 1 and len(old.load().entries) == 2


def test_the_worst_crafted_header_accepted_is_within_the_caps() -> None:
    # Passes are never below 3, so the work cap is what binds: about 682 MiB x 3 passes.
    worst = crypto.KdfParams(crypto.KDF_MAX_WORK_KIB // 3, 3, crypto.KDF_MAX_LANES)
    assert worst.within_limits() and worst.memory_kib <= 1024 * 1024
    assert crypto.KDF_MAX_MEMORY_KIB <= 1024 * 1024
    for too_much in (crypto.KdfParams(4 * 1024 * 1024, 4, 4),
                     crypto.KdfParams(crypto.KDF_MAX_MEMORY_KIB, 3, 4),
                     crypto.KdfParams(64 * 1024, crypto.KDF_MAX_ITERATIONS + 1, 4)):
        assert not too_much.within_limits()
    assert crypto.calibrate(0.5).within_limits()
    assert crypto.calibrate(60.0).within_limits()  # as on a machine far slower than ours


def test_a_crafted_header_over_the_caps_is_refused_before_any_work(vault_path: Path) -> None:
    make_vault(vault_path).close()
    conn = sqlite3.connect(vault_path)
    fmt, raw = conn.execute("SELECT format, header FROM vault_header").fetchone()
    data = json.loads(raw)
    data["slots"][0]["kdf"].update(memory_kib=4 * 1024 * 1024, iterations=4, lanes=4)
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    checksum = crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)
    conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (raw, checksum))
    conn.commit()
    conn.close()
    with pytest.raises(VaultDamagedError, match="outside the safe range"):
        Vault.open(vault_path, PASSPHRASE)


@pytest.mark.parametrize("weak", ["Summer2024!", "Password1!", "Tr0ub4dor&3", "a", "abc"])
def test_the_policy_refuses_what_is_quick_to_guess(weak: str) -> None:
    assert phrase.estimate(weak).level <= 1
    assert phrase.refusal(weak) is not None


def test_the_policy_rates_sequences_and_suggestions_honestly() -> None:
    assert phrase.estimate("abcdefghijklmnop").level < 3  # not Good
    assert len(phrase.word_list()) >= 7776
    suggestion = phrase.generate()
    assert len(suggestion.split()) == 6 and phrase.generated_bits() >= 77
    assert phrase.estimate(suggestion).bits >= 77 and phrase.refusal(suggestion) is None
    assert phrase.refusal(suggestion, repeat=suggestion) is None
    assert phrase.refusal(suggestion, repeat=suggestion.upper()) is not None


def test_the_cli_refuses_a_weak_passphrase_for_init(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from unknot.journal.cli import main

    weak = tmp_path / "weak.txt"
    weak.write_text("Password1!\n")
    code = main(["init", "--vault", str(tmp_path / "v.db"), "--passphrase-file", str(weak)])
    assert code == 2 and "quick to guess" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_loose_data_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o777)
    ensure_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_what_the_window_imports_first_is_light() -> None:
    """app/session.py and app/vault_worker.py import only these from the core before the first
    screen; the operations come later, on the worker."""
    code = ("import sys, unknot.journal.results, unknot.journal.errors; "
            "heavy = [m for m in ('cryptography', 'sqlite3', 'unknot.journal.journal', "
            "'unknot.journal.vault', 'zoneinfo', 'unknot.journal.exchange') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
