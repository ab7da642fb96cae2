"""The vault: one SQLite file holding a person's encrypted journal.

In plaintext the file holds only the format version, a random vault id, the key slots and opaque
random record ids. Everything the person wrote, and every timestamp of it, is inside AES-256-GCM
ciphertext. See DESIGN.md §4 and SECURITY.md.

Layout (format 1):
    vault_header(singleton, format, header, checksum, mac)
        header   canonical JSON: vault id and key slots
        checksum SHA-256 of the header: tells accidental damage from a wrong passphrase
        mac      HMAC-SHA256 under a key derived from the data key: the header is authentic
    records(id, sealed)      an ordinary rowid table, so a record of a few KB sits in its page
        id       16 random bytes
        sealed   nonce || AES-256-GCM(JSON of the record, padded)

The `vault_header` table keeps this shape in every future format, so that any version of Unknot
can tell "newer version" from "damaged".
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from unknot.journal import crypto
from unknot.journal.crypto import KdfParams
from unknot.journal.errors import (
    InvalidValueError,
    NotAVaultError,
    UnknotError,
    VaultDamagedError,
    VaultLockedError,
)
from unknot.journal.header import (
    APPLICATION_ID,
    FORMAT_VERSION,
    MAX_HEADER_BYTES,
    MAX_HEADER_CONTAINERS,
    SCHEMA,
    SQLITE_MAGIC,
    Header,
    Slot,
    is_storage_problem,
    make_slot,
    read_header,
    text_of,
    unlock_key,
    write_header,
)
from unknot.journal.model import CheckIn, Entry, Record, record_from_payload, record_to_payload
from unknot.journal.storage import (
    BACKUPS_FOLDER,
    TEMP_SUFFIX,
    create_private_file,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    fsync_path,
    remove_leftovers,
    storage_error,
)

__all__ = [
    "APPLICATION_ID",
    "FORMAT_VERSION",
    "MAX_HEADER_BYTES",
    "MAX_HEADER_CONTAINERS",
    "MIGRATIONS",
    "SQLITE_MAGIC",
    "Header",
    "LoadResult",
    "Slot",
    "Vault",
    "VerifyReport",
    "read_header",
]

# format N -> N+1, run inside one transaction on an unlocked vault. Format 1 is the first.
Migration = Callable[["Vault"], None]
MIGRATIONS: dict[int, Migration] = {}


@dataclass
class LoadResult:
    """Everything that could be read from a vault, and the ids of records that could not."""

    entries: list[Entry] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VerifyReport:
    records: int
    damaged: tuple[str, ...]
    structure_problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.structure_problems


class Vault:
    """An unlocked vault. Not thread-safe: one worker thread owns it (see app/vault_worker.py)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, header: Header, data_key: bytes,
                 readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = conn
        self._header = header
        self._data_key: bytes | None = data_key
        self._cipher: crypto.RecordCipher | None = crypto.RecordCipher(
            data_key, header.format, header.vault_id
        )

    # --- creating and opening ----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               with_recovery: bool = False) -> tuple[Vault, str | None]:
        """Create a new vault at `path` (which must not exist). Returns the vault and, when asked
        for, the recovery key: it is shown once and never stored in readable form."""
        path = Path(path)
        if path.exists():
            raise NotAVaultError(f"{path} already exists; Unknot will not overwrite it.")
        if not passphrase:
            raise InvalidValueError("The passphrase cannot be empty.")
        ensure_private_dir(path.parent)
        remove_leftovers(path.parent)
        params = kdf or crypto.calibrate()
        vault_id = os.urandom(16)
        data_key = crypto.new_data_key()
        slots = [make_slot("passphrase", FORMAT_VERSION, vault_id, data_key, passphrase, params)]
        recovery_text = None
        if with_recovery:
            secret = crypto.new_recovery_secret()
            recovery_text = crypto.format_recovery_key(secret)
            slots.append(make_slot("recovery", FORMAT_VERSION, vault_id, data_key, secret, None))
        header = Header(FORMAT_VERSION, vault_id, tuple(slots))
        temp = path.with_name(path.name + TEMP_SUFFIX)
        try:
            create_private_file(temp)
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.executescript(SCHEMA)
                write_header(conn, header, data_key)
            finally:
                conn.close()
            fsync_path(temp)
            os.replace(temp, path)
            fsync_dir(path.parent)
        except (OSError, sqlite3.Error) as exc:
            discard_temp(temp)
            raise storage_error(exc, f"create the vault {path}") from exc
        try:
            conn, header = read_header(path, readonly=False)
        except UnknotError:
            # It holds nothing yet: take it away, so that trying again is not refused with
            # "already exists" and the folder is as it was.
            for leftover in (path, path.with_name(path.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        return cls(path, conn, header, data_key, readonly=False), recovery_text

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
             readonly: bool = False) -> Vault:
        """Unlock with the passphrase or the recovery key. Raises a specific UnknotError for
        every way this can fail, and writes nothing unless the vault needs a format upgrade."""
        path = Path(path)
        if not readonly:
            remove_leftovers(path.parent)
            remove_leftovers(path.parent / BACKUPS_FOLDER)
        conn, header = read_header(path, readonly=readonly)
        try:
            data_key = unlock_key(header, passphrase, recovery_key)
            raw = conn.execute(
                "SELECT header, mac FROM vault_header WHERE singleton = 1").fetchone()
            if not hmac.compare_digest(crypto.header_mac(data_key, raw[0]), raw[1]):
                raise VaultDamagedError(
                    f"The vault file {path} has been altered: its header is not the one this "
                    "passphrase sealed. It was not opened."
                )
        except BaseException:
            conn.close()
            raise
        vault = cls(path, conn, header, data_key, readonly)
        if header.format < FORMAT_VERSION and not readonly:
            vault._migrate()
        return vault

    # --- reading -----------------------------------------------------------------------------

    def _live(self) -> tuple[sqlite3.Connection, crypto.RecordCipher]:
        if self._conn is None or self._cipher is None:
            raise VaultLockedError("The vault is locked.")
        return self._conn, self._cipher

    @property
    def has_recovery_key(self) -> bool:
        return self._header.has_recovery

    @property
    def kdf_params(self) -> KdfParams:
        slot = self._header.slot("passphrase")
        assert slot is not None and slot.kdf is not None
        return slot.kdf

    def _rows(self) -> Iterator[tuple[object, object]]:
        """Every (id, sealed) row as stored. In a damaged file either may be of any type."""
        conn, _ = self._live()
        try:
            yield from conn.execute("SELECT id, sealed FROM records")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            if isinstance(exc, sqlite3.Error) and is_storage_problem(exc):
                raise storage_error(exc, f"read {self.path}") from exc
            raise VaultDamagedError(
                f"The vault file {self.path} is damaged: part of it cannot be read ({exc})."
            ) from exc

    def _open_record(self, record_id: object, sealed: object) -> Record:
        _, cipher = self._live()
        if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
            raise crypto.RecordDamagedError
        plaintext = cipher.open(record_id, sealed)
        try:
            record = record_from_payload(json.loads(plaintext))
        except (ValueError, KeyError, TypeError) as exc:
            raise crypto.RecordDamagedError from exc
        if record.id != record_id.hex():
            raise crypto.RecordDamagedError
        return record

    def load(self) -> LoadResult:
        """Decrypt every record. Damaged records are named by id and skipped."""
        result = LoadResult()
        for record_id, sealed in self._rows():
            try:
                record = self._open_record(record_id, sealed)
            except crypto.RecordDamagedError:
                result.damaged.append(_record_label(record_id))
                continue
            if isinstance(record, Entry):
                result.entries.append(record)
            else:
                result.checkins.append(record)
        result.entries.sort(key=lambda e: e.created, reverse=True)
        result.checkins.sort(key=lambda c: c.day, reverse=True)
        result.damaged.sort()
        return result

    def get(self, record_id: str) -> Record | None:
        conn, _ = self._live()
        key = bytes.fromhex(record_id)
        row = conn.execute("SELECT sealed FROM records WHERE id = ?", (key,)).fetchone()
        if row is None:
            return None
        return self._open_record(key, row[0])

    def connection_settings(self) -> dict[str, int]:
        """How the open file is written (SQLite's synchronous, secure_delete and temp_store),
        for checks that saves are durable. Read-only."""
        conn, _ = self._live()
        return {name: int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                for name in ("synchronous", "secure_delete", "temp_store")}

    def count(self) -> int:
        conn, _ = self._live()
        return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])

    def verify(self) -> VerifyReport:
        """Check the file's structure and authenticate every record."""
        conn, _ = self._live()
        try:
            found = [text_of(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            problems = [p for p in found if p != "ok"]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problems = [str(exc)]
        damaged: list[str] = []
        total = 0
        try:
            for record_id, sealed in self._rows():
                total += 1
                try:
                    self._open_record(record_id, sealed)
                except crypto.RecordDamagedError:
                    damaged.append(_record_label(record_id))
        except VaultDamagedError as exc:
            problems.append(exc.message)
        return VerifyReport(total, tuple(sorted(damaged)), tuple(problems))

    # --- writing -----------------------------------------------------------------------------

    def _transaction(self, action: str) -> _Transaction:
        conn, _ = self._live()
        if self.readonly:
            raise storage_error(PermissionError("read-only"), action)
        return _Transaction(conn, action)

    def save(self, record: Record) -> None:
        """Encrypt and store one record. When this returns, it is on disk."""
        self.save_many([record], action="save the entry")

    def save_many(self, records: Iterable[Record], action: str = "save") -> None:
        _, cipher = self._live()
        sealed_rows = []
        for record in records:
            key = bytes.fromhex(record.id)
            try:
                payload = json.dumps(record_to_payload(record), ensure_ascii=False).encode()
            except UnicodeEncodeError:
                raise InvalidValueError(
                    "The text holds a character that is not valid Unicode (an unpaired "
                    "surrogate, usually from text that was not UTF-8); nothing was saved."
                ) from None
            sealed_rows.append((key, cipher.seal(key, payload)))
        with self._transaction(action) as conn:
            conn.executemany("INSERT OR REPLACE INTO records (id, sealed) VALUES (?, ?)",
                             sealed_rows)

    def delete(self, record_id: str) -> None:
        with self._transaction("delete the entry") as conn:
            conn.execute("DELETE FROM records WHERE id = ?", (bytes.fromhex(record_id),))

    def exists(self, record_id: str) -> bool:
        conn, _ = self._live()
        row = conn.execute("SELECT 1 FROM records WHERE id = ?", (bytes.fromhex(record_id),))
        return row.fetchone() is not None

    # --- keys --------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase. Records are not touched, so a copy of the
        file taken earlier still opens with the old passphrase: see rotate_key()."""
        if not new_passphrase:
            raise InvalidValueError("The new passphrase cannot be empty.")
        assert self._data_key is not None
        header = self._header
        slot = make_slot("passphrase", header.format, header.vault_id, self._data_key,
                          new_passphrase, kdf or self.kdf_params)
        others = tuple(s for s in header.slots if s.kind != "passphrase")
        self._replace_header(Header(header.format, header.vault_id, (slot, *others)),
                             "change the passphrase")

    def set_recovery_key(self) -> str:
        """Add (or replace) the recovery slot. Returns the new recovery key, shown once."""
        assert self._data_key is not None
        header = self._header
        secret = crypto.new_recovery_secret()
        slot = make_slot("recovery", header.format, header.vault_id, self._data_key, secret, None)
        others = tuple(s for s in header.slots if s.kind != "recovery")
        self._replace_header(Header(header.format, header.vault_id, (*others, slot)),
                             "add a recovery key")
        return crypto.format_recovery_key(secret)

    def remove_recovery_key(self) -> None:
        header = self._header
        slots = tuple(s for s in header.slots if s.kind != "recovery")
        self._replace_header(Header(header.format, header.vault_id, slots),
                             "remove the recovery key")

    def rotate_key(self, passphrase: str, kdf: KdfParams | None = None) -> int:
        """For "someone may know my passphrase": a new data key, every record re-encrypted, and
        the recovery key dropped (it opened the old key). Returns how many records were
        re-encrypted. Damaged records are left as they are. The caller must also deal with old
        backups (see backups.RollingBackups.remove_all), which the old key still opens."""
        _, cipher = self._live()
        header = self._header
        new_key = crypto.new_data_key()
        new_cipher = crypto.RecordCipher(new_key, header.format, header.vault_id)
        slot = make_slot("passphrase", header.format, header.vault_id, new_key, passphrase,
                          kdf or self.kdf_params)
        new_header = Header(header.format, header.vault_id, (slot,))
        resealed = []
        for record_id, sealed in list(self._rows()):
            if not isinstance(record_id, bytes) or not isinstance(sealed, bytes):
                continue
            try:
                plaintext = cipher.open(record_id, sealed)
            except crypto.RecordDamagedError:
                continue
            resealed.append((record_id, new_cipher.seal(record_id, plaintext)))
        with self._transaction("re-encrypt the journal") as conn:
            conn.executemany("UPDATE records SET sealed = ? WHERE id = ?",
                             [(s, i) for i, s in resealed])
            write_header(conn, new_header, new_key, update=True)
        self._header = new_header
        self._data_key = new_key
        self._cipher = new_cipher
        return len(resealed)

    def _replace_header(self, header: Header, action: str) -> None:
        assert self._data_key is not None
        with self._transaction(action) as conn:
            write_header(conn, header, self._data_key, update=True)
        self._header = header

    def _migrate(self) -> None:
        while self._header.format < FORMAT_VERSION:
            MIGRATIONS[self._header.format](self)

    # --- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Lock: close the file and drop every reference to the key."""
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._cipher = None
        self._data_key = None

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _record_label(record_id: object) -> str:
    """How a damaged record is named: its id in hex, or (if even the id is damaged and is no
    longer bytes) the hex of what is left of it."""
    if isinstance(record_id, bytes):
        return record_id.hex()
    return str(record_id).encode("utf-8", "replace").hex()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, with disk errors turned into StorageError after rollback."""

    def __init__(self, conn: sqlite3.Connection, action: str) -> None:
        self._conn = conn
        self._action = action

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self._action) from exc
        return self._conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
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
