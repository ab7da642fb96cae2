""""Remove everything": the journal, its backups, settings, caches and the menu entry Unknot
wrote, after the passphrase has been checked — and nothing else.

Only what Unknot made is touched. In the data folder that is the journal file and SQLite's files
beside it, the backups folder, sync tools' conflict copies of the journal, Unknot's lock file and
half-written temporary files; anything else a person keeps there (a --data-dir may be a folder of
their own) stays, and the folder with it. The settings and cache folders are Unknot's own (named
"Unknot", or "settings" and "cache" inside the data folder): they go whole. A path that is not
one of these is refused, never followed: a symbolic link is removed as a link.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from unknot.journal.errors import ErrorKind, UnknotError
from unknot.journal.header import read_header, unlock_key
from unknot.journal.paths import APP_NAME, DataPaths
from unknot.journal.storage import BACKUPS_FOLDER, TEMP_SUFFIX, storage_error
from unknot.journal.sync_conflicts import find_conflict_copies

SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
LOCK_FILE_NAME = ".writer.lock"  # journal/instance_lock.py's
OWN_FOLDER_NAMES = (APP_NAME, APP_NAME + "Data")  # the default folders, portable mode's


class RemovalRefusedError(UnknotError):
    """A folder to remove is not one of Unknot's own; nothing was removed."""

    kind = ErrorKind.INVALID_VALUE


@dataclass
class Removed:
    """What went, and what stayed because it is not Unknot's (named, so the person can look)."""

    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def words(self) -> str:
        text = f"Removed {len(self.removed)} file(s) and folder(s)."
        if self.kept:
            text += " Kept, because Unknot did not make them: " \
                + ", ".join(str(p) for p in self.kept) + "."
        return text


def check_passphrase(vault_path: Path, passphrase: str) -> None:
    """Raises WrongPassphraseError (or the core's error for a missing or damaged journal) unless
    `passphrase` opens the journal. Reads the header only, read-only: nothing is written."""
    conn, header = read_header(Path(vault_path), readonly=True)
    try:
        key = unlock_key(header, passphrase, None)
        del key
    finally:
        conn.close()


def removal_plan(paths: DataPaths, desktop_override: Path | None = None) -> list[Path]:
    """Every path "Remove everything" would delete, checked against the rules above; raises
    RemovalRefusedError if a folder is not Unknot's own."""
    data = paths.data
    for folder in (paths.config, paths.cache):
        if not _is_own_folder(folder, data):
            raise RemovalRefusedError(
                f"{folder} is not a folder Unknot made, so nothing was removed.")
    if paths.data.exists() and not paths.data.is_dir():
        raise RemovalRefusedError(f"{paths.data} is not a folder, so nothing was removed.")
    vault = paths.vault
    plan = [vault.with_name(vault.name + extra) for extra in ("", *SQLITE_SIDECARS)]
    if data.is_dir():
        plan += find_conflict_copies(vault)
        plan += [data / BACKUPS_FOLDER, data / LOCK_FILE_NAME]
        plan += list(data.glob(f"*{TEMP_SUFFIX}*"))
    plan += [paths.config, paths.cache]
    if desktop_override is not None:
        if desktop_override.suffix != ".desktop" or desktop_override.is_dir():
            raise RemovalRefusedError(
                f"{desktop_override} is not a menu entry, so nothing was removed.")
        plan.append(desktop_override)
    seen: list[Path] = []
    for path in plan:
        if path not in seen and os.path.lexists(path):
            seen.append(path)
    return seen


def remove_everything(paths: DataPaths, passphrase: str,
                      desktop_override: Path | None = None) -> Removed:
    """Check the passphrase, then delete everything of Unknot's (see the module's words). The
    data folder itself goes too when nothing else is left in it."""
    check_passphrase(paths.vault, passphrase)
    plan = removal_plan(paths, desktop_override)
    done = Removed()
    try:
        for path in plan:
            _remove(path)
            done.removed.append(path)
        if paths.data.is_dir():
            others = sorted(paths.data.iterdir())
            if others:
                done.kept += others
            else:
                paths.data.rmdir()
                done.removed.append(paths.data)
    except OSError as exc:
        raise storage_error(exc, "remove Unknot's files") from exc
    return done


def _is_own_folder(folder: Path, data: Path) -> bool:
    """Unknot's default folders are named "Unknot"; with one data folder, settings and cache are
    folders inside it. Never a home folder, the root, or the data folder itself."""
    folder = Path(os.path.abspath(folder))
    home = Path(os.path.abspath(Path.home()))
    if folder in (home, Path(folder.anchor), Path(os.path.abspath(data))):
        return False
    if folder.name in OWN_FOLDER_NAMES:
        return True
    return folder.parent == Path(os.path.abspath(data)) and folder.name in ("settings", "cache")


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)

