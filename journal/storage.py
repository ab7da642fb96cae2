"""Files and folders on disk: private permissions, fsync, and plain-words errors for the disk.

Nothing here ever sees plaintext: it moves only encrypted bytes around.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from unknot.journal.errors import StorageError

if TYPE_CHECKING:  # imported where used: the window's first screen needs only the folders
    import sqlite3

TEMP_SUFFIX = ".unknot-tmp"
BACKUPS_FOLDER = "backups"  # beside the vault


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` readable only by the user (0700), or make it so if it exists with
    looser permissions (a folder someone else owns is left as it is: it cannot be changed)."""
    if folder.is_dir():
        make_private(folder)
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    except OSError as exc:
        raise storage_error(exc, f"create the folder {folder}") from exc


def make_private(folder: Path) -> bool:
    """Remove group and other permissions from an existing folder of the user's. Returns True
    if they had to be removed."""
    if os.name != "posix":
        return False
    try:
        info = folder.stat()
        if info.st_mode & 0o077 == 0 or info.st_uid != os.getuid():
            return False
        os.chmod(folder, info.st_mode & 0o700 | 0o700)
    except OSError:
        return False  # a read-only file system: the files inside are still 0600
    return True


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by the user (0600). Fails if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fsync_path(folder)


def discard_temp(temp: Path) -> None:
    """Remove a temporary database and the journal SQLite may have left beside it."""
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def remove_leftovers(folder: Path) -> int:
    """Remove temporary files an interrupted save or backup left behind. They only ever held
    encrypted pages, but they are clutter and reveal that Unknot was used."""
    removed = 0
    if not folder.is_dir():
        return 0
    for leftover in folder.glob(f"*{TEMP_SUFFIX}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def storage_error(exc: BaseException, action: str) -> StorageError:
    """Turn an OSError or SQLite error on a write into a message a person understands."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            f"Could not {action}: the disk is full. Nothing was changed; "
            "free some space and try again."
        )
    if "unable to open database file" in text and code is None:
        # SQLite could not open (or create) the file or its journal and does not say why.
        return StorageError(
            f"Could not {action}: the file could not be opened for writing. Its folder may be "
            "read-only, you may not have permission to write there, or the disk may be full "
            "or failing. Nothing was changed."
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or any(
        marker in text for marker in ("readonly", "read-only")
    ):
        return StorageError(
            f"Could not {action}: the folder or file is read-only or you do not have permission "
            "to write there. Nothing was changed."
        )
    if code == errno.EIO or "disk i/o error" in text:
        return StorageError(
            f"Could not {action}: the disk reported an error while writing. Nothing was changed; "
            "the disk may be failing or was removed."
        )
    import sqlite3

    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return StorageError(
            f"Could not {action}: another program is using the file right now. Try again in a "
            "moment."
        )
    return StorageError(f"Could not {action}: {exc}. Nothing was changed.")


def write_private_file(path: Path, content: str | bytes) -> None:
    """Write an export (plaintext by nature) readable by its owner only. Written beside `path`
    and renamed into place: cancelled or refused by the disk halfway, it leaves no half-written
    file behind, and an earlier file of that name stays as it was. Raises StorageError."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    temp = path.with_name(path.name + TEMP_SUFFIX)
    try:
        discard_temp(temp)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        discard_temp(temp)
        raise storage_error(exc, f"write {path}") from exc
    except BaseException:
        discard_temp(temp)
        raise


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, with disk errors turned into StorageError after rollback."""

    def __init__(self, conn: sqlite3.Connection, action: str) -> None:
        self._conn = conn
        self._action = action

    def __enter__(self) -> sqlite3.Connection:
        import sqlite3

        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self._action) from exc
        return self._conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        import sqlite3

        if exc is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error as commit_exc:
                exc = commit_exc
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise storage_error(exc, self._action) from exc
