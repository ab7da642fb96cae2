"""JournalSession and its VaultWorker on a real temporary vault, through their signals only:
create, unlock, save, delete and lock; a failure path for each; results delivered before a lock
and dropped after it; the worker's thread ends when it is shut down."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from unknot.app.session import JournalSession
from unknot.app.vault_worker import VaultWorker
from unknot.journal.errors import ErrorKind
from unknot.journal.journal import KeyChange
from unknot.journal.vault import LoadResult, Vault
from vaults import PASSPHRASE, make_vault, sample_checkin, sample_entries

WAIT = 15000  # ms: key derivation on two busy cores


class Heard:
    """What one signal carried, each time it was sent."""

    def __init__(self, signal: Any) -> None:
        self.calls: list[tuple[Any, ...]] = []
        signal.connect(lambda *args: self.calls.append(args))


def _unlock(qtbot: QtBot, session: JournalSession, passphrase: str = PASSPHRASE) -> LoadResult:
    with qtbot.waitSignal(session.unlocked, timeout=WAIT) as blocker:
        session.unlock(passphrase=passphrase)
    loaded = blocker.args[0]
    assert isinstance(loaded, LoadResult)
    return loaded


def _stored(path: Path) -> LoadResult:
    with Vault.open(path, PASSPHRASE) as vault:
        return vault.load()


# --- create ----------------------------------------------------------------------------------

def test_create_opens_a_new_journal_and_gives_the_recovery_key(qtbot: QtBot,
                                                               journal_session: JournalSession,
                                                               data_paths: Any) -> None:
    session = journal_session
    assert not session.vault_exists()
    unlocked = Heard(session.unlocked)
    with qtbot.waitSignal(session.created, timeout=WAIT) as created:
        session.create(PASSPHRASE, with_recovery=True)
    key = created.args[0]
    assert isinstance(key, str) and len(key) > 20
    assert session.is_unlocked and session.vault_exists()
    assert len(unlocked.calls) == 1 and unlocked.calls[0][0].entries == []
    with Vault.open(data_paths.vault, recovery_key=key) as vault:  # the key opens it
        assert vault.load().entries == []


def test_create_without_recovery_key_carries_none(qtbot: QtBot,
                                                  journal_session: JournalSession) -> None:
    with qtbot.waitSignal(journal_session.created, timeout=WAIT) as created:
        journal_session.create(PASSPHRASE, with_recovery=False)
    assert created.args == [None]


def test_create_refuses_a_weak_passphrase_in_words(qtbot: QtBot,
                                                   journal_session: JournalSession) -> None:
    created = Heard(journal_session.created)
    with qtbot.waitSignal(journal_session.create_failed, timeout=WAIT) as failed:
        journal_session.create("short", with_recovery=False)
    assert "too short" in failed.args[0]
    assert created.calls == [] and not journal_session.is_unlocked
    assert not journal_session.vault_exists()


def test_create_never_replaces_a_journal_that_is_there(qtbot: QtBot,
                                                       journal_session: JournalSession,
                                                       data_paths: Any) -> None:
    make_vault(data_paths.vault, records=sample_entries(2)).close()
    with qtbot.waitSignal(journal_session.create_failed, timeout=WAIT) as failed:
        journal_session.create("another quite long passphrase of five words", False)
    assert failed.args[0]
    assert len(_stored(data_paths.vault).entries) == 2


# --- unlock ------------------------------------------------------------------------------------

def test_unlock_hands_over_every_record_and_the_search_index(
        qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> None:
    entries = sample_entries(3)
    make_vault(data_paths.vault, records=[*entries, sample_checkin()]).close()
    loaded = _unlock(qtbot, journal_session)
    assert journal_session.is_unlocked
    assert {e.id for e in loaded.entries} == {e.id for e in entries}
    assert len(loaded.checkins) == 1
    index = journal_session.take_search_index()
    assert index is not None and index.matching(["entry", "2"]) == {entries[2].id}
    assert journal_session.take_search_index() is None  # handed over once


@pytest.mark.parametrize("wrong", ["not the passphrase at all", PASSPHRASE.upper()])
def test_a_wrong_passphrase_fails_with_its_kind_and_words(qtbot: QtBot,
                                                          journal_session: JournalSession,
                                                          data_paths: Any, wrong: str) -> None:
    make_vault(data_paths.vault).close()
    unlocked = Heard(journal_session.unlocked)
    with qtbot.waitSignal(journal_session.unlock_failed, timeout=WAIT) as failed:
        journal_session.unlock(passphrase=wrong)
    kind, words = failed.args
    assert kind is ErrorKind.WRONG_PASSPHRASE
    assert "passphrase" in words.lower()
    assert unlocked.calls == [] and not journal_session.is_unlocked


def test_a_missing_journal_fails_as_missing(qtbot: QtBot,
                                            journal_session: JournalSession) -> None:
    with qtbot.waitSignal(journal_session.unlock_failed, timeout=WAIT) as failed:
        journal_session.unlock(passphrase=PASSPHRASE)
    assert failed.args[0] is ErrorKind.MISSING
    assert failed.args[1]


def test_unlock_with_the_recovery_key(qtbot: QtBot, journal_session: JournalSession) -> None:
    with qtbot.waitSignal(journal_session.created, timeout=WAIT) as created:
        journal_session.create(PASSPHRASE, with_recovery=True)
    journal_session.lock()
    with qtbot.waitSignal(journal_session.unlocked, timeout=WAIT):
        journal_session.unlock(recovery_key=created.args[0])
    assert journal_session.is_unlocked


def test_a_wrong_recovery_key_fails_in_words(qtbot: QtBot, journal_session: JournalSession,
                                             data_paths: Any) -> None:
    make_vault(data_paths.vault, with_recovery=True).close()
    with qtbot.waitSignal(journal_session.unlock_failed, timeout=WAIT) as failed:
        journal_session.unlock(recovery_key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    assert failed.args[0] is not ErrorKind.UNEXPECTED
    assert "recovery key" in failed.args[1].lower()


def test_conflict_copies_beside_the_journal_are_reported(qtbot: QtBot,
                                                         journal_session: JournalSession,
                                                         data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    copy = data_paths.vault.with_name("notes.sync-conflict-20260301-101112-ABCDEFG.db")
    make_vault(copy).close()
    with qtbot.waitSignal(journal_session.conflict_copies_found, timeout=WAIT) as found:
        journal_session.unlock(passphrase=PASSPHRASE)
    assert [Path(p).name for p in found.args[0]] == [copy.name]


# --- save and delete ---------------------------------------------------------------------------

def test_save_reports_the_record_once_it_is_on_disk(qtbot: QtBot,
                                                    journal_session: JournalSession,
                                                    data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    (entry,) = sample_entries(1)
    checkin = sample_checkin()
    for record in (entry, checkin):
        with qtbot.waitSignal(journal_session.record_saved, timeout=WAIT) as saved:
            journal_session.save(record)
        assert saved.args == [record]
    stored = _stored(data_paths.vault)
    assert stored.entries == [entry] and stored.checkins == [checkin]


def test_delete_reports_the_id_and_removes_it_from_disk(qtbot: QtBot,
                                                        journal_session: JournalSession,
                                                        data_paths: Any) -> None:
    entries = sample_entries(2)
    make_vault(data_paths.vault, records=entries).close()
    _unlock(qtbot, journal_session)
    with qtbot.waitSignal(journal_session.record_deleted, timeout=WAIT) as deleted:
        journal_session.delete(entries[0].id)
    assert deleted.args == [entries[0].id]
    assert _stored(data_paths.vault).entries == [entries[1]]


def test_save_after_lock_fails_in_words_and_carries_the_record(
        qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    journal_session.lock()
    (entry,) = sample_entries(1)
    saved = Heard(journal_session.record_saved)
    with qtbot.waitSignal(journal_session.record_save_failed, timeout=WAIT) as failed:
        journal_session.save(entry)
    record, words = failed.args
    assert record == entry
    assert words.startswith("The journal is locked; the change was not saved.")
    assert saved.calls == []
    assert _stored(data_paths.vault).entries == []


def test_delete_after_lock_fails_in_words(qtbot: QtBot, journal_session: JournalSession,
                                          data_paths: Any) -> None:
    entries = sample_entries(1)
    make_vault(data_paths.vault, records=entries).close()
    _unlock(qtbot, journal_session)
    journal_session.lock()
    with qtbot.waitSignal(journal_session.save_failed, timeout=WAIT) as failed:
        journal_session.delete(entries[0].id)
    assert "locked" in failed.args[0].lower()
    assert _stored(data_paths.vault).entries == entries


def test_save_now_waits_until_the_record_is_on_disk(qtbot: QtBot,
                                                    journal_session: JournalSession,
                                                    data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    (entry,) = sample_entries(1)
    journal_session.save_now(entry)
    journal_session.lock()
    assert _stored(data_paths.vault).entries == [entry]


# --- passphrase changes ------------------------------------------------------------------------

def test_change_passphrase_reports_how_and_the_new_one_opens(
        qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    new = "harbor quill meadow copper lantern violet"
    with qtbot.waitSignal(journal_session.passphrase_changed, timeout=WAIT) as changed:
        journal_session.change_passphrase(new, current=PASSPHRASE)
    assert changed.args == [KeyChange.CHANGED]
    journal_session.lock()
    Vault.open(data_paths.vault, new).close()


def test_change_passphrase_with_a_wrong_current_one_changes_nothing(
        qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    changed = Heard(journal_session.passphrase_changed)
    with qtbot.waitSignal(journal_session.passphrase_change_failed, timeout=WAIT) as failed:
        journal_session.change_passphrase("harbor quill meadow copper lantern violet",
                                          current="not what it is")
    assert failed.args[0]
    assert changed.calls == []
    journal_session.lock()
    Vault.open(data_paths.vault, PASSPHRASE).close()


# --- locking -----------------------------------------------------------------------------------

def test_lock_says_locked_once(qtbot: QtBot, journal_session: JournalSession,
                               data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    locked = Heard(journal_session.locked)
    journal_session.lock()  # nothing was open: nothing to say
    assert locked.calls == []
    _unlock(qtbot, journal_session)
    journal_session.lock()
    journal_session.lock()
    assert locked.calls == [()]
    assert not journal_session.is_unlocked
    assert journal_session.take_search_index() is None


def test_settle_delivers_a_queued_result_before_the_lock(qtbot: QtBot,
                                                         journal_session: JournalSession,
                                                         data_paths: Any) -> None:
    """Locking settles first: a save under way reports back while the journal is still
    open — without the event loop running in between."""
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    entries = sample_entries(3)
    saved = Heard(journal_session.record_saved)
    for entry in entries:
        journal_session.save(entry)
    journal_session.settle()  # no event loop runs between these lines
    assert [args[0] for args in saved.calls] == entries
    assert journal_session.is_unlocked


def test_a_result_from_before_a_lock_is_dropped(qtbot: QtBot, qapp: Any,
                                                journal_session: JournalSession,
                                                data_paths: Any) -> None:
    """A record saved just before the lock is on disk, but its decrypted copy does not come
    back to the window after the lock."""
    make_vault(data_paths.vault).close()
    _unlock(qtbot, journal_session)
    (entry,) = sample_entries(1)
    saved = Heard(journal_session.record_saved)
    failed = Heard(journal_session.record_save_failed)
    journal_session.save(entry)
    journal_session.lock()
    qapp.processEvents()  # anything still queued is delivered now
    assert saved.calls == [] and failed.calls == []
    assert _stored(data_paths.vault).entries == [entry]


def test_an_unlock_overtaken_by_a_lock_stays_closed(qtbot: QtBot,
                                                    journal_session: JournalSession,
                                                    vault_worker: VaultWorker,
                                                    data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    unlocked = Heard(journal_session.unlocked)
    journal_session.unlock(passphrase=PASSPHRASE)  # key derivation is still running
    journal_session.lock()
    qtbot.waitUntil(lambda: not vault_worker.busy, timeout=WAIT)
    assert unlocked.calls == [] and not journal_session.is_unlocked
    assert journal_session.take_search_index() is None
    with qtbot.waitSignal(journal_session.record_save_failed, timeout=WAIT):
        journal_session.save(sample_entries(1)[0])  # the journal it opened was closed again


def test_edits_after_relock_and_unlock_are_kept(qtbot: QtBot, journal_session: JournalSession,
                                                data_paths: Any) -> None:
    (entry,) = sample_entries(1)
    make_vault(data_paths.vault, records=[entry]).close()
    _unlock(qtbot, journal_session)
    journal_session.lock()
    loaded = _unlock(qtbot, journal_session)
    assert loaded.entries == [entry]
    edited = entry.edited(entry.updated + timedelta(minutes=1), body="again")
    with qtbot.waitSignal(journal_session.record_saved, timeout=WAIT):
        journal_session.save(edited)
    journal_session.lock()
    assert _stored(data_paths.vault).entries == [edited]


# --- the worker --------------------------------------------------------------------------------

def test_worker_runs_jobs_off_the_gui_thread_and_reports_failures(qtbot: QtBot,
                                                                  vault_worker: VaultWorker
                                                                  ) -> None:
    results: list[object] = []
    errors: list[Exception] = []
    busy = Heard(vault_worker.busy_changed)
    vault_worker.submit(QThread.currentThread, results.append, errors.append)
    vault_worker.submit(lambda: 1 / 0, results.append, errors.append)
    assert vault_worker.busy
    qtbot.waitUntil(lambda: not vault_worker.busy, timeout=WAIT)
    assert busy.calls == [(True,), (False,)]
    assert len(results) == 1 and results[0] is not QThread.currentThread()
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
    assert not vault_worker.busy


def test_worker_thread_ends_on_shutdown(qapp: Any) -> None:
    worker = VaultWorker()
    thread = worker.run_now(QThread.currentThread)
    assert isinstance(thread, QThread) and thread.isRunning()
    worker.shutdown()
    assert thread.isFinished()
    with pytest.raises(RuntimeError, match="stopped"):
        worker.run_now(lambda: None)
    worker.shutdown()  # twice is harmless
