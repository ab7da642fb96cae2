"""The one worker thread that owns the vault.

Key derivation, decryption and disk writes never run on the GUI thread. Each job has a success
and a failure callback; both run on the GUI thread, delivered through a queued signal. A job on
the open journal is a typed operation, `op(journal) -> Result` (see JournalOp), calling one of
the core's operations in journal/journal.py.
"""

from __future__ import annotations

import concurrent.futures
import queue
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal

from unknot.journal.errors import VaultLockedError

if TYPE_CHECKING:  # imported by the jobs themselves, on this thread (see session.warm_up)
    from unknot.journal.journal import Journal

T = TypeVar("T")


@dataclass(frozen=True)
class JournalOp(Generic[T]):
    """An operation on the open journal, run on the worker, and what to do with its result on the
    GUI thread: `success(run(journal))`, or `failure(exception)` — every failure reaches someone
    who tells the user (as Anki's CollectionOp)."""

    run: Callable[[Journal], T]
    success: Callable[[T], None]
    failure: Callable[[Exception], None]


class _WorkerThread(QThread):
    """One thread that runs callables in order, each with a future for its result. A QThread,
    not a plain Python thread: Qt's text layout and PDF writer (a saved summary is made here)
    need a thread with an event dispatcher."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("unknot-vault")
        self._queue: queue.SimpleQueue[
            tuple[Callable[[], Any], concurrent.futures.Future[Any]] | None] = queue.SimpleQueue()
        self._closed = False
        self.start()

    def submit(self, job: Callable[[], T]) -> concurrent.futures.Future[T]:
        if self._closed:
            raise RuntimeError("the vault worker has stopped")
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._queue.put((job, future))
        return future

    def run(self) -> None:
        while (item := self._queue.get()) is not None:
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to whoever waits; the thread goes on
                future.set_exception(exc)
            del item, job, future  # keep no result (a decrypted record) past its delivery

    def shutdown(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self.wait()


class VaultWorker(QObject):
    """Runs jobs one at a time on a single thread.

    Signals:
        busy_changed(bool): True while jobs are queued or running.
    """

    busy_changed = Signal(bool)
    _job_done = Signal(object, object)  # callback, value: delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = _WorkerThread()
        # A running QThread destroyed at interpreter exit aborts the process: end it first,
        # whichever way the process ends (shutdown() is idempotent).
        weakref.finalize(self, self._executor.shutdown)
        self._pending = 0
        self._job_done.connect(self._on_job_done)

    def submit(self, job: Callable[[], T], on_success: Callable[[T], None],
               on_failure: Callable[[Exception], None]) -> concurrent.futures.Future[None]:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def run() -> None:
            # The value goes only to the callback: a finished future keeps no decrypted record.
            try:
                value = job()
            except Exception as exc:  # every failure reaches the user through on_failure
                self._job_done.emit(on_failure, exc)
                return
            self._job_done.emit(on_success, value)

        return self._executor.submit(run)

    def submit_op(self, op: JournalOp[T],
                  journal: Callable[[], Journal | None]) -> concurrent.futures.Future[None]:
        """Run `op` on the journal that `journal()` returns on the worker thread (the one
        who owns it keeps it there); a locked journal is a failure like any other."""
        def job() -> T:
            current = journal()
            if current is None:
                raise VaultLockedError("The journal is locked; nothing was changed.")
            return op.run(current)

        return self.submit(job, op.success, op.failure)

    def run_now(self, job: Callable[[], T], timeout: float = 10.0) -> T:
        """Run `job` on the worker and wait for it: only for quick exit and shutdown, where the
        window is already hidden and nothing may be lost."""
        return self._executor.submit(job).result(timeout=timeout)

    def settle(self, timeout: float = 60.0) -> None:
        """Wait for every queued job, then run the callbacks of those that finished, now.

        Locking calls this so a save still under way reports back (a refusal is kept for the
        retry) before the key goes, and so no finished job's result — a decrypted record —
        waits in the event queue after the journal locked."""
        self.run_now(lambda: None, timeout=timeout)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def _on_job_done(self, callback: Callable[[Any], None], value: Any) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        callback(value)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        self._executor.shutdown()
