"""Encrypted backups of a vault, through SQLite's online backup API (never a plain file copy,
which could catch a half-written page).

A backup is a complete vault: the same header and the same ciphertext, opened by the same
passphrase that opened the vault when the backup was taken. No key is needed to take one.
"""

from __future__ import annotations

import builtins
import os
import secrets
import sqlite3
import time
from pathlib import Path

from unknot.journal.errors import StorageError
from unknot.journal.storage import (
    BACKUPS_FOLDER,
    TEMP_SUFFIX,
    create_private_file,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    fsync_path,
    storage_error,
)
from unknot.journal.vault import read_header

DEFAULT_KEEP = 5
BACKUP_SUFFIX = ".backup"
MERGED_PREFIX = "merged-"  # a conflict copy, kept once its entries were merged (sync_conflicts)
# Backups of a journal whose file was gone when a new journal was made in its place: moved into
# a folder of their own, so the new journal's backups never push them out.
APART_PREFIX = "earlier-journal-"


def backup_file(vault_path: Path, out_path: Path) -> None:
    """Copy the vault at `vault_path` to `out_path` (which must not exist), consistently, even
    while the vault is in use. The copy is written beside its target and renamed into place."""
    vault_path, out_path = Path(vault_path), Path(out_path)
    if out_path.exists():
        raise StorageError(f"{out_path} already exists; Unknot will not overwrite it.")
    source, _ = read_header(vault_path, readonly=True)
    temp = out_path.with_name(out_path.name + TEMP_SUFFIX)
    try:
        discard_temp(temp)  # left by a backup that was interrupted
        create_private_file(temp)
        target = sqlite3.connect(temp)
        try:
            source.backup(target)
        finally:
            target.close()
        fsync_path(temp)
        os.replace(temp, out_path)
        fsync_dir(out_path.parent)
    except (OSError, sqlite3.Error) as exc:
        discard_temp(temp)
        raise storage_error(exc, f"write the backup {out_path}") from exc
    finally:
        source.close()


class RollingBackups:
    """A bounded set of recent backups in a private folder beside the vault. File names are
    random so they do not say when the journal was used."""

    def __init__(self, vault_path: Path, keep: int = DEFAULT_KEEP) -> None:
        self.vault_path = Path(vault_path)
        self.folder = self.vault_path.parent / BACKUPS_FOLDER
        self.keep = keep

    def list(self) -> list[Path]:
        """Backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.glob(f"*{BACKUP_SUFFIX}") if p.is_file()]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def is_due(self, max_age_seconds: float = 24 * 3600) -> bool:
        backups = self.list()
        return not backups or time.time() - backups[0].stat().st_mtime > max_age_seconds

    def take(self) -> Path:
        ensure_private_dir(self.folder)
        name = f"{self.vault_path.stem}-{secrets.token_hex(6)}{BACKUP_SUFFIX}"
        out = self.folder / name
        backup_file(self.vault_path, out)
        for old in self.list()[self.keep :]:
            _remove(old)
        return out

    def remove_all(self) -> int:
        """Remove every rolling backup. See remove_older_copies for what a new key needs."""
        backups = self.list()
        for old in backups:
            _remove(old)
        return len(backups)

    def merged_copies(self) -> tuple[Path, ...]:
        """Conflict copies kept in the backups folder after they were merged."""
        if not self.folder.is_dir():
            return ()
        return tuple(sorted(p for p in self.folder.glob(f"{MERGED_PREFIX}*")
                            if p.is_file() and TEMP_SUFFIX not in p.name))

    def remove_older_copies(self) -> int:
        """Remove every backup and every merged copy in the backups folder: after the key
        changed, the old key (and the old passphrase) still opens them. Returns how many."""
        doomed = [*self.list(), *self.merged_copies()]
        for old in doomed:
            _remove(old)
        return len(doomed)


    def keep_apart(self) -> Path | None:
        """Move every backup and merged copy into a folder of their own (see APART_PREFIX).
        Returns that folder, or None when there was nothing to move."""
        found = [*self.list(), *self.merged_copies()]
        if not found:
            return None
        apart = self.folder / f"{APART_PREFIX}{time.strftime('%Y%m%d')}-{secrets.token_hex(3)}"
        try:
            ensure_private_dir(apart)
            for path in found:
                os.replace(path, apart / path.name)
            fsync_dir(apart)
            fsync_dir(self.folder)
        except OSError as exc:
            raise storage_error(exc, "keep the earlier journal's backups apart") from exc
        return apart

    def kept_apart(self) -> builtins.list[Path]:
        """Backups of earlier journals kept apart, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for d in self.folder.glob(f"{APART_PREFIX}*") if d.is_dir()
                 for p in d.glob(f"*{BACKUP_SUFFIX}") if p.is_file()]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def take_upgrade_backup(vault_path: Path, old_format: int) -> Path:
    """Before a format upgrade: the file as it was, beside the rolling backups."""
    folder = Path(vault_path).parent / BACKUPS_FOLDER
    ensure_private_dir(folder)
    out = folder / f"{Path(vault_path).stem}-format-{old_format}-{secrets.token_hex(6)}" \
        f"{BACKUP_SUFFIX}"
    backup_file(vault_path, out)
    return out


def _remove(path: Path) -> None:
    """Overwrite, then delete. On SSDs and copy-on-write file systems the old blocks may
    survive; the backup only ever held ciphertext, so this is tidiness, not secrecy.

    The file is first renamed to a temporary name, so that if the disk fails halfway it is a
    leftover (removed at the next start) and never a half-erased file posing as a backup."""
    doomed = path.with_name(path.name + TEMP_SUFFIX)
    try:
        os.replace(path, doomed)
        size = doomed.stat().st_size
        with doomed.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        doomed.unlink()
    except OSError as exc:
        raise storage_error(exc, f"remove the old backup {path}") from exc
